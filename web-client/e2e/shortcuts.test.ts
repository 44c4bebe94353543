// Keyboard shortcuts in Chromium, with real key presses: "?" lists them (axe in both colour schemes,
// screenshots at desktop and mobile sizes), "n" then a title and Enter adds a task, "a" assigns the
// focused card to the viewer (kept after a reload) and again unassigns them, "m" moves it, "o" opens
// it, "/" goes to the board's filter; none fires while typing in a field.
import type { Locator, Page } from 'playwright-core';
import { checkA11y } from './support/axe.js';
import { screenshotsAtSizes } from './support/artifacts.js';
import {
  card,
  cardOpener,
  column,
  createBoard,
  exact,
  hidden,
  newUser,
  serverSettled,
  signUp,
  visible,
} from './support/app.js';
import { describe, expect, test } from './support/fixtures.js';

const hasFocus = (locator: Locator) =>
  expect.poll(() => locator.evaluate((element) => element === document.activeElement), { timeout: 30_000 }).toBe(true);

/** Nothing in particular has focus: the page itself (as after a click on empty space). */
const focusNothing = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

describe('keyboard shortcuts', () => {
  test('"?" lists them; n, a, m, o and / work from the keyboard alone', async ({ page }) => {
    const me = newUser('Kim Keys');
    await signUp(page, me);
    await page.setViewportSize({ width: 1440, height: 900 });
    await createBoard(page, 'Keys only');
    const hint = page.getByRole('button', exact('Keyboard shortcuts: press question mark'));
    await visible(hint);

    // "?" in both colour schemes: the same list, passing axe
    const shortcuts = page.getByRole('dialog', exact('Keyboard shortcuts'));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await focusNothing(page);
      await page.keyboard.press('?');
      await visible(shortcuts);
      for (const text of ['Go to your boards', 'Assign the task to me, or unassign me', 'On the focused card']) {
        await visible(shortcuts.getByText(text, { exact: true }));
      }
      await checkA11y(page, `the shortcuts dialog, ${scheme}`);
      await screenshotsAtSizes(page, `shortcuts-dialog-${scheme}`, shortcuts);
      await page.keyboard.press('Escape');
      await hidden(shortcuts);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    // the footer's button opens it too
    await hint.click();
    await visible(shortcuts);
    await page.keyboard.press('?');
    await hidden(shortcuts);

    // "n": the first column's new task field; the title typed there, Enter adds it
    await focusNothing(page);
    await page.keyboard.press('n');
    const newTask = column(page, 'To do').getByRole('textbox', exact('New task title'));
    await hasFocus(newTask);
    await page.keyboard.type('Write the launch notes');
    await page.keyboard.press('Enter');
    await visible(card(column(page, 'To do'), 'Write the launch notes'));
    // while typing, keys are text: "n", "a" and "?" went into the title, and still do
    await page.keyboard.type('n?a/');
    expect(await newTask.inputValue()).toBe('n?a/');
    await newTask.fill('');
    await serverSettled(page);

    // "a" on the focused card: assigned to me, on the card and after a reload; again: unassigned
    const notes = () => card(column(page, 'To do'), 'Write the launch notes');
    await cardOpener(page.getByRole('main'), 'Write the launch notes').focus();
    // the card shows its assignee as an avatar (initials), named for who it is
    const myAvatar = () => notes().getByRole('img', exact(`Assigned to ${me.name}`));
    await page.keyboard.press('a');
    await visible(myAvatar());
    await serverSettled(page);
    await page.reload();
    await visible(myAvatar());
    await cardOpener(page.getByRole('main'), 'Write the launch notes').focus();
    await page.keyboard.press('a');
    await hidden(myAvatar());
    await serverSettled(page);

    // "m": the other columns, the next one first; Enter moves the card there, focus going with it
    await cardOpener(page.getByRole('main'), 'Write the launch notes').focus();
    await page.keyboard.press('m');
    const moveTo = page.getByRole('dialog', exact('Move "Write the launch notes"'));
    await visible(moveTo);
    await hasFocus(moveTo.getByRole('button', exact('In progress')));
    await checkA11y(page, 'the Move to dialog');
    await screenshotsAtSizes(page, 'shortcuts-move-to', moveTo);
    await page.keyboard.press('Enter');
    await hidden(moveTo);
    await visible(card(column(page, 'In progress'), 'Write the launch notes'));
    await hasFocus(cardOpener(column(page, 'In progress'), 'Write the launch notes'));
    await serverSettled(page);

    // "o": the focused card's task; Escape back to the board
    await page.keyboard.press('o');
    const task = page.getByRole('dialog', exact('Edit task'));
    await visible(task);
    // over the task's dialog, the board's shortcuts wait: "?" opens nothing
    await page.keyboard.press('?');
    expect(await shortcuts.count()).toBe(0);
    await page.keyboard.press('Escape');
    await hidden(task);

    // "/": the filter field
    await page.keyboard.press('/');
    await hasFocus(page.getByRole('searchbox', exact('Filter tasks')));
  });
});
