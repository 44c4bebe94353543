// A board's own columns, through the UI in Chromium: the owner adds one (checked before it is sent),
// renames it and sets its WIP limit, goes over the limit, reorders columns by keyboard and by drag,
// and deletes columns (one holding tasks only once a column for them is chosen). A member's open
// board follows every change live, and offers none of the owner's controls. Axe checks the board and
// each dialog; screenshots at desktop (1440x900) and mobile (390x844) sizes go to e2e/artifacts/.
import type { Locator, Page } from 'playwright-core';
import { checkA11y } from './support/axe.js';
import { screenshotsAtSizes } from './support/artifacts.js';
import {
  addTask,
  column,
  columnNames,
  createBoard,
  exact,
  expectText,
  expectTitles,
  newUser,
  nextFrames,
  serverSettled,
  signUp,
  visible,
} from './support/app.js';
import { describe, expect, test } from './support/fixtures.js';

async function screenshots(page: Page, name: string, show?: Locator) {
  await screenshotsAtSizes(page, name, show);
  // The window's resize events (full-page screenshots resize it too) arrive a little later, and a
  // keyboard drag that has started by then is cancelled by them (dnd-kit's KeyboardSensor).
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
}

const columnsAre = (page: Page, names: string[]) =>
  expect.poll(() => columnNames(page), { timeout: 30_000 }).toEqual(names);

/** Text that is in the page for screen readers (a live region, a visually hidden span). */
const said = (page: Page, text: string) =>
  expect.poll(() => page.getByText(text, { exact: true }).count(), { timeout: 30_000 }).toBeGreaterThan(0);

async function menu(page: Page, name: string, action: string) {
  await page.getByRole('button', exact(`Column actions for "${name}"`)).click();
  await page.getByRole('button', exact(action)).click();
}

/** Drags with the mouse from the middle of `source` to the middle of `target`, in small steps. */
async function drag(page: Page, source: Locator, target: Locator) {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag: source or target is not on screen');
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  const end = { x: to.x + to.width / 2, y: to.y + Math.min(40, to.height / 2) };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 12, start.y + 4, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 20 });
  await page.mouse.move(end.x + 1, end.y, { steps: 2 });
  await page.mouse.up();
}

describe('columns', () => {
  test('the owner adds, renames, limits, reorders (keyboard and drag) and deletes columns; a member’s board follows live', async ({
    session,
    openSession,
  }) => {
    const alice = newUser('Alice');
    const bob = newUser('Bob');
    const a = session.page;
    const b = (await openSession()).page;
    await signUp(b, bob);
    await signUp(a, alice);
    await a.setViewportSize({ width: 1440, height: 900 });
    await b.setViewportSize({ width: 1440, height: 900 });

    await createBoard(a, 'Columns');
    const members = a.getByRole('region', exact('Members'));
    await members.getByRole('textbox', exact('Invite by email')).fill(bob.email);
    await members.getByRole('button', exact('Invite')).click();
    await visible(members.getByText(bob.name));
    await b.goto('/');
    await b.getByRole('link', exact('Columns')).click();
    await visible(b.getByRole('heading', { level: 1, ...exact('Columns') }));
    const live = (page: Page) => page.getByRole('status').filter({ hasText: 'Live updates:' });
    await expect.poll(() => live(b).textContent()).toBe('Live updates: Live');
    await expect.poll(() => live(a).textContent()).toBe('Live updates: Live');

    // the member sees the columns, not the controls to change them
    await columnsAre(b, ['To do', 'In progress', 'Done']);
    expect(await b.getByRole('button', exact('Add column')).count()).toBe(0);
    expect(await b.getByRole('button', { name: /^Column actions/ }).count()).toBe(0);
    await checkA11y(b, 'a member’s board');

    // add: checked before it is sent, then after the chosen column, with a WIP limit
    await a.getByRole('button', exact('Add column')).click();
    const add = a.getByRole('dialog', exact('Add a column'));
    await add.getByRole('textbox', exact('WIP limit (optional)')).fill('0');
    await add.getByRole('button', exact('Add column')).click();
    await visible(add.getByText('Give the column a name.'));
    await visible(add.getByText('The WIP limit is a whole number from 1 to 999, or empty for no limit.'));
    await checkA11y(a, 'the add column dialog, with problems');
    await screenshots(a, 'column-add-invalid', add);
    await add.getByRole('textbox', exact('Column name')).fill('Review');
    await add.getByRole('textbox', exact('WIP limit (optional)')).fill('1');
    await add.getByRole('combobox', exact('Where')).selectOption({ label: 'After In progress' });
    await add.getByRole('button', exact('Add column')).click();
    await columnsAre(a, ['To do', 'In progress', 'Review', 'Done']);
    await columnsAre(b, ['To do', 'In progress', 'Review', 'Done']);

    // rename it and raise its limit, from its menu
    await a.getByRole('button', exact('Column actions for "Review"')).click();
    await visible(a.getByRole('button', exact('Rename or set WIP limit…')));
    await checkA11y(a, 'a column’s menu');
    await screenshots(a, 'column-menu');
    await a.getByRole('button', exact('Rename or set WIP limit…')).click();
    const edit = a.getByRole('dialog', exact('Edit column "Review"'));
    await edit.getByRole('textbox', exact('Column name')).fill('QA review');
    await edit.getByRole('textbox', exact('WIP limit (optional)')).fill('2');
    await checkA11y(a, 'the edit column dialog');
    await screenshots(a, 'column-edit', edit);
    await edit.getByRole('button', exact('Save column')).click();
    await columnsAre(a, ['To do', 'In progress', 'QA review', 'Done']);
    await columnsAre(b, ['To do', 'In progress', 'QA review', 'Done']);

    // over its limit: the count against it after a warning sign, said in words
    // a new task goes on top: added last to first, they read first to last
    for (const title of ['Check links', 'Check photos', 'Check copy']) await addTask(a, 'QA review', title);
    await expectText(column(a, 'QA review').locator('.count'), '\u26a0\ufe0e 3 / 2');
    await said(a, '3 tasks, over its limit of 2');
    await said(b, '3 tasks, over its limit of 2');
    await serverSettled(a);
    await checkA11y(a, 'a column over its WIP limit');
    await screenshots(a, 'column-wip-exceeded');

    // reorder with the keyboard alone: the column's menu, then "Move column left"; announced, and
    // focus stays on the column's menu button in its new place
    await a.getByRole('button', exact('Column actions for "QA review"')).focus();
    await a.keyboard.press('Enter');
    await a.getByRole('button', exact('Move column left')).focus();
    await a.keyboard.press('Enter');
    await said(a, 'Moved column "QA review" to position 2 of 4.');
    await columnsAre(a, ['To do', 'QA review', 'In progress', 'Done']);
    await columnsAre(b, ['To do', 'QA review', 'In progress', 'Done']);
    await expect
      .poll(() => a.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Column actions for "QA review"');
    await a.keyboard.press('Enter');
    await a.getByRole('button', exact('Move column right')).focus();
    await a.keyboard.press('Enter');
    await said(a, 'Moved column "QA review" to position 3 of 4.');
    await columnsAre(a, ['To do', 'In progress', 'QA review', 'Done']);
    await columnsAre(b, ['To do', 'In progress', 'QA review', 'Done']);

    // reorder by dragging its handle with the keyboard: Space picks it up, the arrows move it, Space
    // drops it, each step said; focus stays on the handle, and the order is the server's after a reload
    const handle = (page: Page, name: string) => page.getByRole('button', exact(`Drag column "${name}"`));
    await handle(a, 'QA review').focus();
    await a.keyboard.press('Space');
    await said(a, 'Picked up column "QA review" at position 3 of 4.');
    await nextFrames(a);
    await a.keyboard.press('ArrowLeft');
    await said(a, 'Column "QA review" is over position 2 of 4.');
    await a.keyboard.press('ArrowLeft');
    await said(a, 'Column "QA review" is over position 1 of 4.');
    await a.keyboard.press('Space');
    await said(a, 'Column "QA review" was dropped at position 1 of 4.');
    await columnsAre(a, ['QA review', 'To do', 'In progress', 'Done']);
    await columnsAre(b, ['QA review', 'To do', 'In progress', 'Done']);
    await expect
      .poll(() => a.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Drag column "QA review"');
    await serverSettled(a);
    await a.reload();
    await columnsAre(a, ['QA review', 'To do', 'In progress', 'Done']);
    // Escape puts it back where it was; then it goes back to third place
    await handle(a, 'QA review').focus();
    await a.keyboard.press('Space');
    await said(a, 'Picked up column "QA review" at position 1 of 4.');
    await nextFrames(a);
    await a.keyboard.press('ArrowRight');
    await said(a, 'Column "QA review" is over position 2 of 4.');
    await a.keyboard.press('Escape');
    await said(a, 'Moving column "QA review" was cancelled.');
    await columnsAre(a, ['QA review', 'To do', 'In progress', 'Done']);
    await a.keyboard.press('Space');
    await said(a, 'Picked up column "QA review" at position 1 of 4.');
    await nextFrames(a);
    await a.keyboard.press('ArrowRight');
    await said(a, 'Column "QA review" is over position 2 of 4.');
    await a.keyboard.press('ArrowRight');
    await said(a, 'Column "QA review" is over position 3 of 4.');
    await a.keyboard.press('Space');
    await said(a, 'Column "QA review" was dropped at position 3 of 4.');
    await columnsAre(a, ['To do', 'In progress', 'QA review', 'Done']);
    await columnsAre(b, ['To do', 'In progress', 'QA review', 'Done']);
    await serverSettled(a);
    await a.reload();
    await columnsAre(a, ['To do', 'In progress', 'QA review', 'Done']);

    // reorder by dragging its handle with the mouse
    await drag(a, a.locator('[data-column-id] .column-drag-handle').nth(3), column(a, 'To do'));
    await columnsAre(a, ['Done', 'To do', 'In progress', 'QA review']);
    await columnsAre(b, ['Done', 'To do', 'In progress', 'QA review']);
    await screenshots(a, 'columns-reordered');

    // delete the one holding tasks: only once the column they go to is chosen
    await menu(a, 'QA review', 'Delete column…');
    const remove = a.getByRole('dialog', exact('Delete the column "QA review"?'));
    await visible(remove.getByText(/It holds 3 tasks\./));
    await remove.getByRole('button', exact('Delete column')).click();
    await visible(remove.getByText('Choose the column its tasks go to.'));
    await checkA11y(a, 'the delete column dialog');
    await screenshots(a, 'column-delete-choose', remove);
    await remove.getByRole('combobox', exact('Move its 3 tasks to')).selectOption({ label: 'Done' });
    await remove.getByRole('button', exact('Delete column')).click();
    await columnsAre(a, ['Done', 'To do', 'In progress']);
    const moved = ['Check copy', 'Check photos', 'Check links'];
    await expectTitles(a, 'Done', moved);
    await columnsAre(b, ['Done', 'To do', 'In progress']);
    await expectTitles(b, 'Done', moved);

    // an empty one after a question
    await menu(a, 'In progress', 'Delete column…');
    const empty = a.getByRole('dialog', exact('Delete the column "In progress"?'));
    await visible(empty.getByText('The column is empty. Deleting it cannot be undone.'));
    await screenshots(a, 'column-delete-empty', empty);
    await empty.getByRole('button', exact('Delete column')).click();
    await columnsAre(a, ['Done', 'To do']);
    await columnsAre(b, ['Done', 'To do']);
    await serverSettled(a);
    await checkA11y(a, 'the board after its columns changed');
    await screenshots(a, 'columns-final');
  });
});
