// The board's layout in Chromium, with a column of 60 tasks: the page never grows with the tasks (on a
// wide screen the board fills the window and each column scrolls under its header; on a phone the
// columns sit side by side in a row that scrolls sideways and snaps, and the page is no wider than the
// screen); the keyboard goes from column to column in a few keys (one Tab stop per column, arrow keys
// between cards) and still drags cards; the header, the task dialog and the playground fit a phone.
// Axe in both colour schemes at both sizes; screenshots of each in e2e/artifacts/.
import type { Locator, Page } from 'playwright-core';
import { checkA11y } from './support/axe.js';
import { screenshotsAtSizes } from './support/artifacts.js';
import {
  boardIdByName,
  cardOpener,
  column,
  columnIds,
  createBoard,
  createTasks,
  exact,
  expectTitles,
  newUser,
  nextFrames,
  serverSettled,
  signUp,
  visible,
} from './support/app.js';
import { describe, expect, test } from './support/fixtures.js';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const TODO = Array.from({ length: 60 }, (_, i) => `Backlog item ${String(i + 1).padStart(2, '0')}`);
const DOING = ['Review the pull request', 'Update the changelog'];

/** A board whose first column holds 60 tasks (20 shown until "Load more") and the second two. */
async function longBoard(page: Page, name: string): Promise<void> {
  await signUp(page, newUser('Layout Tester'));
  await createBoard(page, name);
  const boardId = await boardIdByName(page, name);
  const ids = await columnIds(page, boardId);
  await createTasks(page, boardId, TODO, ids['To do']);
  await createTasks(page, boardId, DOING, ids['In progress']);
  await page.reload();
  await visible(cardOpener(column(page, 'To do'), TODO[0]!));
  await visible(cardOpener(column(page, 'In progress'), DOING[0]!));
}

/** The document's size and its window's. */
const documentSize = (page: Page) =>
  page.evaluate(() => {
    const root = document.documentElement;
    return {
      scrollHeight: root.scrollHeight,
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      innerHeight: window.innerHeight,
    };
  });

/** The nearest ancestor of `locator` that scrolls (overflow auto or scroll) on `axis`. */
const scroller = (locator: Locator, axis: 'x' | 'y') =>
  locator.evaluate((element, axis) => {
    for (let node = element.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      const overflow = axis === 'y' ? style.overflowY : style.overflowX;
      if (overflow === 'auto' || overflow === 'scroll') {
        return {
          scrollHeight: node.scrollHeight,
          clientHeight: node.clientHeight,
          scrollWidth: node.scrollWidth,
          clientWidth: node.clientWidth,
          snapType: style.scrollSnapType,
        };
      }
    }
    return null;
  }, axis);

/** The focused element's name (its label, or its text), and the column it is in. */
const focusedCard = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    const label = element instanceof HTMLInputElement ? element.labels?.[0]?.textContent : undefined;
    return {
      text: element?.getAttribute('aria-label') ?? label ?? element?.textContent?.trim() ?? '',
      column: element?.closest('[data-column-id]')?.getAttribute('aria-label') ?? null,
      isCardTitle: !!element?.matches('[data-task-id] a'),
    };
  });

/** Records what dnd-kit's live region says from now on (it holds only its latest announcement). */
const recordAnnouncements = (page: Page) =>
  page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { __said: string[] }).__said = said;
    for (const region of document.querySelectorAll('[id^="DndLiveRegion"]')) {
      new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    }
  });

/** One of the announcements recorded says `text`. */
const said = (page: Page, text: string) =>
  expect
    .poll(() => page.evaluate(() => (window as unknown as { __said: string[] }).__said), { timeout: 30_000 })
    .toEqual(expect.arrayContaining([expect.stringContaining(text)]));

async function a11yInBothSchemes(page: Page, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await checkA11y(page, `${what}, ${colorScheme}`);
  }
}

describe('board layout', () => {
  test('on a wide screen the board fills the window, each column scrolls under its header, and the page never grows', async ({
    page,
  }) => {
    await page.setViewportSize(DESKTOP);
    await longBoard(page, 'Long backlog');
    const todo = column(page, 'To do');
    const list = todo.getByRole('list');

    const fits = async () => {
      const size = await documentSize(page);
      // a pixel or two of rounding, no more: the page itself does not scroll
      expect(size.scrollHeight).toBeLessThanOrEqual(size.innerHeight + 2);
      expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth);
    };
    await fits();

    // the column's own list scrolls, under its header and "add task" form, which stay where they are
    const columnScroll = await scroller(list, 'y');
    expect(columnScroll).not.toBeNull();
    expect(columnScroll!.scrollHeight).toBeGreaterThan(columnScroll!.clientHeight);
    const heading = todo.getByRole('heading', exact('To do'));
    const newTask = todo.getByRole('textbox', exact('New task title'));
    const before = { heading: await heading.boundingBox(), form: await newTask.boundingBox() };
    const loadMore = todo.getByRole('button', exact('Load more'));
    await loadMore.scrollIntoViewIfNeeded();
    expect(await heading.boundingBox()).toEqual(before.heading);
    expect(await newTask.boundingBox()).toEqual(before.form);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    // all 60 loaded: the column is longer, the page is not
    await loadMore.click();
    await serverSettled(page);
    await loadMore.click();
    await visible(cardOpener(todo, TODO.at(-1)!));
    await expectTitles(page, 'To do', TODO);
    await fits();
    await cardOpener(todo, TODO.at(-1)!).scrollIntoViewIfNeeded();
    expect(await heading.boundingBox()).toEqual(before.heading);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    // cards are compact: their move buttons show only on the card under the pointer, or with focus
    const second = todo.getByRole('listitem').nth(1);
    const moves = second.getByRole('toolbar', exact(`Move "${TODO[1]}"`));
    await page.mouse.move(0, 0);
    expect(await moves.evaluate((toolbar) => getComputedStyle(toolbar).opacity)).toBe('0');
    await second.hover();
    await expect.poll(() => moves.evaluate((toolbar) => getComputedStyle(toolbar).opacity)).toBe('1');

    await a11yInBothSchemes(page, 'a board with 60 tasks in a column');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await screenshotsAtSizes(page, `layout-long-board-${colorScheme}`);
    }
  });

  test('from the keyboard: a Tab stop per column, arrow keys between cards and columns, and keyboard drag and drop as before', async ({
    page,
  }) => {
    await page.setViewportSize(DESKTOP);
    await longBoard(page, 'Keyboard board');
    const todo = column(page, 'To do');
    const doing = column(page, 'In progress');
    const first = cardOpener(todo, TODO[0]!);

    // Tab from the first card of To do to a card of In progress: the card's move toolbar (one stop), To
    // do's "Load more", then In progress's header (the owner's column handle and menu), its new-task field
    // and "Add task", then its card.
    // (It took 93 presses when every card had five buttons.)
    await first.focus();
    const stops: string[] = [];
    for (let presses = 1; presses <= 20; presses++) {
      await page.keyboard.press('Tab');
      const now = await focusedCard(page);
      stops.push(now.text);
      if (now.column === 'In progress' && now.isCardTitle) break;
    }
    expect(stops).toEqual([
      `Move "${TODO[0]}" down`,
      'Load more',
      'Drag column "In progress"',
      'Column actions for "In progress"',
      'New task title',
      'Add task',
      DOING[0],
    ]);

    // the arrow keys: one press to the next column, and along a column
    await first.focus();
    await page.keyboard.press('ArrowRight');
    expect(await focusedCard(page)).toEqual({ text: DOING[0], column: 'In progress', isCardTitle: true });
    await page.keyboard.press('ArrowDown');
    expect((await focusedCard(page)).text).toBe(DOING[1]);
    // past its last card: stays
    await page.keyboard.press('ArrowDown');
    expect((await focusedCard(page)).text).toBe(DOING[1]);
    // to the card at the same place in To do
    await page.keyboard.press('ArrowLeft');
    expect(await focusedCard(page)).toEqual({ text: TODO[1], column: 'To do', isCardTitle: true });
    // Shift+Tab and Tab come back to the card last focused in a column, not to its first
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect((await focusedCard(page)).text).toBe(TODO[1]);

    // Space picks the card up: the arrow keys move it now, not the focus, and Space drops it
    await recordAnnouncements(page);
    await page.keyboard.press('Space');
    await said(page, `Picked up "${TODO[1]}" at position 2 in To do.`);
    await nextFrames(page);
    await page.keyboard.press('ArrowRight');
    await said(page, `"${TODO[1]}" is over position 2 in In progress.`);
    expect((await focusedCard(page)).text).toBe(TODO[1]);
    await page.keyboard.press('Space');
    await said(page, `"${TODO[1]}" was dropped at position 2 in In progress.`);
    await expectTitles(page, 'In progress', [DOING[0]!, TODO[1]!, DOING[1]!], [...TODO, ...DOING]);
    await serverSettled(page);
    // focus stays with the card, in its new column, and the arrow keys go on from there
    await expect.poll(() => focusedCard(page)).toEqual({ text: TODO[1], column: 'In progress', isCardTitle: true });
    await page.keyboard.press('ArrowUp');
    expect((await focusedCard(page)).text).toBe(DOING[0]);

    // Enter still opens the task
    await page.keyboard.press('Enter');
    await visible(page.getByRole('dialog', exact('Edit task')));
    await page.getByRole('button', exact('Close')).click();
    await page.reload();
    await expectTitles(page, 'In progress', [DOING[0]!, TODO[1]!, DOING[1]!], [...TODO, ...DOING]);
    await visible(cardOpener(doing, TODO[1]!));
  });

  test('on a phone the columns sit side by side and snap, the page is no wider than the screen and not long, and the header, task dialog and playground fit', async ({
    page,
  }) => {
    await page.setViewportSize(PHONE);
    await longBoard(page, 'Phone board');
    const todo = column(page, 'To do');
    const doing = column(page, 'In progress');

    const size = await documentSize(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth);
    // the columns row is as tall as the window, the sidebar after it: nowhere near 60 cards' height
    expect(size.scrollHeight).toBeLessThanOrEqual(PHONE.height * 2.5);

    // side by side, in a row that scrolls sideways and snaps from column to column
    const [a, b] = [await todo.boundingBox(), await doing.boundingBox()];
    expect(a && b).toBeTruthy();
    expect(Math.abs(a!.y - b!.y)).toBeLessThanOrEqual(1);
    expect(b!.x).toBeGreaterThanOrEqual(a!.x + a!.width);
    expect(a!.width).toBeGreaterThan(PHONE.width * 0.75);
    expect(a!.width).toBeLessThan(PHONE.width * 0.9);
    const row = await scroller(todo, 'x');
    expect(row).not.toBeNull();
    expect(row!.snapType).toBe('x mandatory');
    expect(row!.scrollWidth).toBeGreaterThan(row!.clientWidth);
    // a column's list scrolls inside it
    const list = await scroller(todo.getByRole('list'), 'y');
    expect(list!.scrollHeight).toBeGreaterThan(list!.clientHeight);

    // the header on one row, inside the screen
    const header = page.getByRole('banner').first();
    const headerBox = await header.boundingBox();
    expect(headerBox!.height).toBeLessThan(64);
    for (const control of [
      page.getByRole('link', exact('Taskboard')),
      page.getByRole('link', exact('Boards')),
      page.getByRole('combobox', exact('Colour theme')),
      page.getByRole('button', exact('Sign out')),
    ]) {
      const box = await control.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
      expect(box!.y + box!.height).toBeLessThanOrEqual(headerBox!.y + headerBox!.height);
    }

    // the filter bar above the columns, its text field and "Filters" inside the screen; the columns'
    // headers and first cards below it on the first screen
    for (const control of [
      page.getByRole('searchbox', exact('Filter tasks')),
      page.getByRole('region', exact('Filters')).getByRole('button', { name: /^Filters/ }),
    ]) {
      const box = await control.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
      expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
    }
    const firstCard = await cardOpener(todo, TODO[0]!).boundingBox();
    expect(firstCard!.y + firstCard!.height).toBeLessThanOrEqual(PHONE.height);

    // the sidebar (members; the filters are above the board) is reachable below the board
    await page.getByRole('button', exact('Members')).click();
    const members = page.getByRole('region', exact('Members'));
    await expect.poll(() => members.evaluate((box) => box.getBoundingClientRect().top)).toBeLessThan(PHONE.height);
    await page.evaluate(() => window.scrollTo(0, 0));

    await a11yInBothSchemes(page, 'a board with 60 tasks on a phone');

    // the task dialog: the whole screen, and Close at hand however far it is scrolled
    const dialog = await (async () => {
      await cardOpener(todo, TODO[0]!).click();
      const found = page.getByRole('dialog', exact('Edit task'));
      await visible(found);
      return found;
    })();
    const dialogBox = await dialog.boundingBox();
    expect(dialogBox!.x).toBe(0);
    expect(dialogBox!.width).toBe(PHONE.width);
    await dialog.getByRole('textbox', exact('Add a comment')).scrollIntoViewIfNeeded();
    const close = dialog.getByRole('button', exact('Close'));
    const closeBox = await close.boundingBox();
    expect(closeBox!.y).toBeGreaterThanOrEqual(0);
    expect(closeBox!.y + closeBox!.height).toBeLessThanOrEqual(PHONE.height);
    expect((await documentSize(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await a11yInBothSchemes(page, 'the task dialog on a phone');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      // the window, not the full page: the dialog covers the window, over a page that is longer
      await screenshotsAtSizes(page, `layout-task-dialog-${colorScheme}`, close, { fullPage: false });
    }
    await close.click();

    // the playground: its panes one under the other, nothing wider than the screen
    await page.goto('/playground');
    const run = page.getByRole('button', { name: /^Execute query/ });
    await visible(run);
    await run.click();
    const response = page.locator('.graphiql-response');
    await expect.poll(() => response.evaluate((pane) => pane.getBoundingClientRect().width)).toBeGreaterThan(250);
    expect((await documentSize(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await screenshotsAtSizes(page, 'layout-playground');
  });
});
