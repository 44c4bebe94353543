// One user's work on a board: boards, tasks, the task dialog, comments, moving and filtering.
import type { Locator, Page } from 'playwright-core';
import { checkA11y } from './support/axe.js';
import { screenshot } from './support/artifacts.js';
import {
  addTask,
  boardIdByName,
  card,
  cardOpener,
  column,
  COLUMNS,
  createBoard,
  createLabel,
  createTasks,
  exact,
  expectTitles,
  hidden,
  newUser,
  openTask,
  serverSettled,
  signUp,
  operationOf,
  visible,
} from './support/app.js';
import { describe, expect, test } from './support/fixtures.js';

describe('a board', () => {
  test('is created from the boards list and starts with three empty columns', async ({ page }) => {
    await signUp(page, newUser());
    await visible(page.getByText('No boards yet'));
    await checkA11y(page, 'the empty boards list');

    await createBoard(page, 'Launch plan');
    for (const name of COLUMNS) await visible(column(page, name));
    await checkA11y(page, 'an empty board');

    await page.getByRole('link', exact('Boards')).click();
    await visible(page.getByRole('link', exact('Launch plan')));
    await checkA11y(page, 'the boards list');
    await screenshot(page, 'boards-list');
  });

  test('tasks are added, edited in the dialog, commented on, and kept after a reload', async ({ page }) => {
    const user = newUser();
    await signUp(page, user);
    await createBoard(page, 'Website');
    // The UI has no screen for making labels: the board gets one through the API.
    await createLabel(page, await boardIdByName(page, 'Website'), 'Urgent', '#d1242f');
    await page.reload();

    const titles = ['Write the copy', 'Pick the photos', 'Publish'];
    // a new task goes on top: added last to first, they read first to last
    for (const title of [...titles].reverse()) await addTask(page, 'To do', title);
    await expectTitles(page, 'To do', titles);
    await checkA11y(page, 'a board with tasks');
    await screenshot(page, 'board');

    let dialog = await openTask(page, 'Write the copy');
    await checkA11y(page, 'the task dialog');
    await screenshot(page, 'task-dialog');
    await dialog.getByRole('textbox', exact('Title')).fill('Write the landing copy');
    await dialog.getByRole('textbox', exact('Description')).fill('Two paragraphs, no jargon.');
    await dialog.getByRole('combobox', exact('Assignee')).selectOption({ label: user.name });
    await dialog.getByRole('textbox', exact('Due date')).fill('2030-01-15');
    await dialog.getByRole('group', exact('Labels')).getByRole('checkbox', exact('Urgent')).check();
    await dialog.getByRole('button', exact('Save')).click();
    await visible(cardOpener(column(page, 'To do'), 'Write the landing copy'));

    dialog = page.getByRole('dialog', exact('Edit task'));
    if (!(await dialog.isVisible())) dialog = await openTask(page, 'Write the landing copy');
    await dialog.getByRole('textbox', exact('Add a comment')).fill('Draft is in the shared folder.');
    await dialog.getByRole('button', exact('Comment')).click();
    await visible(dialog.getByText('Draft is in the shared folder.'));
    await dialog.getByRole('textbox', exact('Add a comment')).fill('A comment to take back.');
    await dialog.getByRole('button', exact('Comment')).click();
    await visible(dialog.getByText('A comment to take back.'));
    // The new comment's button appears once the server has it (until then it is only on screen).
    const deleteButtons = dialog.getByRole('button', exact('Delete comment'));
    await expect.poll(() => deleteButtons.count()).toBe(2);
    await deleteButtons.last().click();
    await hidden(dialog.getByText('A comment to take back.'));
    await dialog.getByRole('button', exact('Close')).click();
    await hidden(dialog);

    // Everything above was saved on the server, not only in the page's cache.
    await page.reload();
    dialog = await openTask(page, 'Write the landing copy');
    expect(await dialog.getByRole('textbox', exact('Title')).inputValue()).toBe('Write the landing copy');
    // a saved description shows rendered (Markdown), its text a click on Edit away
    await visible(dialog.getByText('Two paragraphs, no jargon.'));
    const assignee = dialog.getByRole('combobox', exact('Assignee'));
    expect(await assignee.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text)).toBe(user.name);
    expect(await dialog.getByRole('textbox', exact('Due date')).inputValue()).toBe('2030-01-15');
    expect(await dialog.getByRole('group', exact('Labels')).getByRole('checkbox', exact('Urgent')).isChecked()).toBe(
      true,
    );
    await visible(dialog.getByText('Draft is in the shared folder.'));
    expect(await dialog.getByText('A comment to take back.').count()).toBe(0);
    await dialog.getByRole('button', exact('Close')).click();

    // Unassigning goes back to "Unassigned".
    dialog = await openTask(page, 'Write the landing copy');
    await dialog.getByRole('combobox', exact('Assignee')).selectOption({ label: 'Unassigned' });
    await dialog.getByRole('button', exact('Save')).click();
    await page.reload();
    // The dialog has its own URL (/boards/:id/tasks/:id): the reload opens it again.
    dialog = page.getByRole('dialog', exact('Edit task'));
    await visible(dialog);
    expect(
      await dialog
        .getByRole('combobox', exact('Assignee'))
        .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text),
    ).toBe('Unassigned');
    await dialog.getByRole('button', exact('Delete task')).click();
    await hidden(cardOpener(page.getByRole('main'), 'Write the landing copy'));
    await page.reload();
    await expectTitles(page, 'To do', ['Pick the photos', 'Publish'], titles);
  });

  test('tasks move between columns and within one with the move buttons', async ({ page }) => {
    await signUp(page, newUser());
    await createBoard(page, 'Moves');
    const titles = ['Alpha', 'Bravo', 'Charlie'];
    for (const title of [...titles].reverse()) await addTask(page, 'To do', title);
    // One move at a time, each answered by the server before the next (see the test below).
    const move = async (name: string) => {
      await page.getByRole('button', exact(name)).click();
      await serverSettled(page);
    };

    await move('Move "Alpha" right');
    await expectTitles(page, 'In progress', ['Alpha'], titles);
    await expectTitles(page, 'To do', ['Bravo', 'Charlie'], titles);
    await move('Move "Alpha" right');
    await expectTitles(page, 'Done', ['Alpha'], titles);
    await move('Move "Alpha" left');
    await expectTitles(page, 'In progress', ['Alpha'], titles);

    await move('Move "Charlie" up');
    await expectTitles(page, 'To do', ['Charlie', 'Bravo'], titles);
    await move('Move "Charlie" down');
    await expectTitles(page, 'To do', ['Bravo', 'Charlie'], titles);
    await move('Move "Bravo" down');
    await expectTitles(page, 'To do', ['Charlie', 'Bravo'], titles);

    await page.reload();
    await expectTitles(page, 'To do', ['Charlie', 'Bravo'], titles);
    await expectTitles(page, 'In progress', ['Alpha'], titles);
    await expectTitles(page, 'Done', [], titles);
  });

  test('a task moved twice in quick succession ends where the second move puts it', async ({ page }) => {
    await signUp(page, newUser());
    await createBoard(page, 'Quick moves');
    await addTask(page, 'To do', 'Golf');
    // A slow network: the first move reaches the server only after the second click, as it can
    // on a phone. Both moves are the user's own, so neither may be reported as a conflict.
    let delayed = false;
    await page.route('**/graphql', async (route) => {
      if (!delayed && operationOf(route.request()) === 'MoveTask') {
        delayed = true;
        await new Promise((resolve) => setTimeout(resolve, 1_500));
      }
      await route.continue();
    });
    await page.getByRole('button', exact('Move "Golf" right')).click();
    await page.getByRole('button', exact('Move "Golf" right')).click();
    await serverSettled(page);
    expect(delayed, 'the first move was held back').toBe(true);
    await expectTitles(page, 'Done', ['Golf']);
    expect(await page.getByRole('alert').filter({ hasText: 'changed by someone else' }).count()).toBe(0);
    await page.reload();
    await expectTitles(page, 'Done', ['Golf']);
  });

  test('tasks move by dragging with the mouse, between columns and within one', async ({ page }) => {
    await signUp(page, newUser());
    await createBoard(page, 'Drags');
    const titles = ['Delta', 'Echo', 'Foxtrot'];
    for (const title of [...titles].reverse()) await addTask(page, 'To do', title);

    await drag(page, card(column(page, 'To do'), 'Echo'), column(page, 'Done'));
    await expectTitles(page, 'Done', ['Echo'], titles);
    await expectTitles(page, 'To do', ['Delta', 'Foxtrot'], titles);

    // Foxtrot dropped onto Delta's place: above it.
    await drag(page, card(column(page, 'To do'), 'Foxtrot'), card(column(page, 'To do'), 'Delta'), 'top');
    await expectTitles(page, 'To do', ['Foxtrot', 'Delta'], titles);

    await page.reload();
    await expectTitles(page, 'To do', ['Foxtrot', 'Delta'], titles);
    await expectTitles(page, 'Done', ['Echo'], titles);
  });

  test('the filter bar finds tasks by words and filters, each in its column, and says when nothing matches', async ({
    page,
  }) => {
    const user = newUser();
    await signUp(page, user);
    await createBoard(page, 'Searchable');
    await addTask(page, 'To do', 'Renew the certificate');
    await addTask(page, 'To do', 'Order certificate frames');
    await addTask(page, 'To do', 'Water the plants');
    await page.getByRole('button', exact('Move "Order certificate frames" right')).click();
    await expectTitles(page, 'In progress', ['Order certificate frames']);
    const dialog = await openTask(page, 'Order certificate frames');
    await dialog.getByRole('combobox', exact('Assignee')).selectOption({ label: user.name });
    await dialog.getByRole('button', exact('Save')).click();
    await visible(
      card(column(page, 'In progress'), 'Order certificate frames').getByRole('img', exact(`Assigned to ${user.name}`)),
    );
    if (await dialog.isVisible()) await dialog.getByRole('button', exact('Close')).click();
    await hidden(dialog);

    const filters = page.getByRole('region', exact('Filters'));
    const filterBox = filters.getByRole('searchbox', exact('Filter tasks'));
    await filterBox.fill('certif');
    await visible(filters.getByText('2 matching tasks (1 filter).'));
    // the matches, each in its own column; the rest is not shown
    await expectTitles(page, 'To do', ['Renew the certificate']);
    await expectTitles(page, 'In progress', ['Order certificate frames']);
    expect(await page.getByRole('main').getByText('Water the plants').count()).toBe(0);
    await visible(column(page, 'Done').getByText('No matching tasks'));
    await checkA11y(page, 'a board filtered by words');

    // the same words, narrowed by a filter
    await filters.getByRole('combobox', exact('Assignee')).selectOption({ label: 'Me' });
    await visible(filters.getByText('1 matching task (2 filters).'));
    await expectTitles(page, 'In progress', ['Order certificate frames']);
    await visible(column(page, 'To do').getByText('No matching tasks'));
    await filters.getByRole('combobox', exact('Assignee')).selectOption({ label: 'Unassigned' });
    await visible(filters.getByText('1 matching task (2 filters).'));
    await expectTitles(page, 'To do', ['Renew the certificate']);
    await visible(column(page, 'In progress').getByText('No matching tasks'));

    await filters.getByRole('combobox', exact('Assignee')).selectOption({ label: 'Anyone' });
    await filterBox.fill('zebra');
    await visible(filters.getByText('No tasks match (1 filter).'));
    for (const name of COLUMNS) await visible(column(page, name).getByText('No matching tasks'));
  });

  test('says it is loading while a board loads over a slow network', async ({ page }) => {
    await signUp(page, newUser());
    await createBoard(page, 'Slow');
    // Every API answer a second late, as on a poor connection.
    await page.route('**/graphql', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await route.continue();
    });
    await page.reload();
    // "Loading…", or a more precise "Loading board…"
    const loading = page.getByRole('status').filter({ hasText: /^Loading\b.*…$/ });
    await visible(loading);
    await visible(page.getByRole('heading', { level: 1, ...exact('Slow') }));
    await hidden(loading);
  });

  test('a long column loads more tasks on request', async ({ page }) => {
    await signUp(page, newUser());
    await createBoard(page, 'Backlog');
    const titles = Array.from({ length: 30 }, (_, i) => `Backlog item ${String(i + 1).padStart(2, '0')}`);
    await createTasks(page, await boardIdByName(page, 'Backlog'), titles);
    await page.reload();

    const todo = column(page, 'To do');
    await visible(cardOpener(todo, titles[0]!));
    const firstPage = await todo.getByRole('listitem').count();
    expect(firstPage).toBeLessThan(titles.length);
    await todo.getByRole('button', exact('Load more')).click();
    await visible(cardOpener(todo, titles.at(-1)!));
    await expectTitles(page, 'To do', titles);
  });
});

/** Drags with real mouse events: press, a first small move to start the drag, then the way over. */
async function drag(page: Page, source: Locator, target: Locator, at: 'center' | 'top' = 'center'): Promise<void> {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag: source or target is not on screen');
  // Near the card's edge rather than its middle, where the title link would start a link drag.
  const start = { x: from.x + from.width - 6, y: from.y + from.height / 2 };
  const end = { x: to.x + to.width / 2, y: at === 'top' ? to.y + Math.min(6, to.height / 4) : to.y + to.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 12, start.y + 12, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 20 });
  // dnd-kit measures the drop target on the pointer's last moves: one more small step settles it.
  await page.mouse.move(end.x, end.y + 1, { steps: 2 });
  await page.mouse.up();
}
