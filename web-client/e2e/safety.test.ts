// Never losing a user's work silently, in Chromium: unsaved edits in the task dialog are asked about
// before they go, and deleting a task or a comment can be undone for a few seconds; the delete is
// sent only once Undo is no longer offered (or at once when the page goes away). Screenshots of the
// question and of the toast at desktop (1440x900) and mobile (390x844) sizes go to e2e/artifacts/.
import type { Page } from 'playwright-core';
import { checkA11y } from './support/axe.js';
import { screenshotsAtSizes } from './support/artifacts.js';
import {
  addTask,
  card,
  column,
  createBoard,
  exact,
  hidden,
  newUser,
  openTask,
  serverSettled,
  signUp,
  visible,
} from './support/app.js';
import { describe, expect, test } from './support/fixtures.js';

const screenshots = screenshotsAtSizes;

const todo = (page: Page) => column(page, 'To do');
const toast = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

describe('never losing work', () => {
  test('edits then Escape ask first: Keep editing keeps them, Discard closes', async ({ page }) => {
    await signUp(page, newUser());
    await createBoard(page, 'Careful');
    await addTask(page, 'To do', 'Write the brief');
    await serverSettled(page);
    let dialog = await openTask(page, 'Write the brief');
    const title = dialog.getByRole('textbox', exact('Title'));
    await title.fill('Write the brief today');
    await dialog.getByRole('textbox', exact('Add a comment')).fill('Half a thought');
    await page.keyboard.press('Escape');

    const question = page.getByRole('dialog', exact('Discard your changes?'));
    await visible(question);
    await checkA11y(page, 'the discard question');
    await screenshots(page, 'task-discard-question');
    await question.getByRole('button', exact('Keep editing')).click();
    await hidden(question);
    expect(await title.inputValue()).toBe('Write the brief today');

    await dialog.getByRole('button', exact('Close')).click();
    await question.getByRole('button', exact('Discard')).click();
    await hidden(dialog);
    await visible(card(todo(page), 'Write the brief'));

    // without edits: closes at once
    dialog = await openTask(page, 'Write the brief');
    await visible(dialog.getByRole('textbox', exact('Title')));
    await page.keyboard.press('Escape');
    await hidden(dialog);
    expect(await question.count()).toBe(0);
  });

  test('Escape pressed right after a keystroke still asks first', async ({ page }) => {
    await signUp(page, newUser());
    await createBoard(page, 'Quick fingers');
    await addTask(page, 'To do', 'Write the brief');
    await serverSettled(page);
    const dialog = await openTask(page, 'Write the brief');
    const title = dialog.getByRole('textbox', exact('Title'));
    await visible(title);
    // The keystroke and the Escape in one go, as the browser delivers them to a fast typist (or a
    // script): nothing runs between them but what the keystroke's own event handling does. Escape
    // closed the dialog with the edit while the dialog had not yet heard that something was unsaved.
    await title.evaluate((input: HTMLInputElement) => {
      input.focus();
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, `${input.value}!`);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });

    const question = page.getByRole('dialog', exact('Discard your changes?'));
    await visible(question);
    await question.getByRole('button', exact('Keep editing')).click();
    await hidden(question);
    expect(await title.inputValue()).toBe('Write the brief!');
  });

  test('the browser’s Back and Forward with edits ask first, and the address stays the task’s until Discard', async ({
    page,
  }) => {
    await signUp(page, newUser());
    await createBoard(page, 'Going back');
    await addTask(page, 'To do', 'Write the brief');
    await serverSettled(page);
    const boardUrl = page.url();
    let dialog = await openTask(page, 'Write the brief');
    const taskUrl = page.url();
    // an entry ahead of the task: closed, then back to it (nothing to lose yet: no question)
    await page.keyboard.press('Escape');
    await hidden(dialog);
    await page.evaluate(() => history.back());
    dialog = page.getByRole('dialog', exact('Edit task'));
    const title = dialog.getByRole('textbox', exact('Title'));
    await visible(title);
    expect(page.url()).toBe(taskUrl);
    await title.fill('Write the brief today');

    const question = page.getByRole('dialog', exact('Discard your changes?'));
    // the browser's own buttons, as the user presses them
    await page.evaluate(() => history.forward());
    await visible(question);
    await expect.poll(() => page.url()).toBe(taskUrl);
    await question.getByRole('button', exact('Keep editing')).click();
    await hidden(question);
    expect(await title.inputValue()).toBe('Write the brief today');

    await page.evaluate(() => history.back());
    await visible(question);
    await expect.poll(() => page.url()).toBe(taskUrl);
    await question.getByRole('button', exact('Discard')).click();
    await hidden(dialog);
    await expect.poll(() => page.url()).toBe(boardUrl);
    await visible(card(todo(page), 'Write the brief'));
  });

  test('a deleted task comes back with Undo and stays after a reload; without Undo it is gone', async ({ page }) => {
    await signUp(page, newUser());
    await createBoard(page, 'Undoable');
    await addTask(page, 'To do', 'Keep me');
    await addTask(page, 'To do', 'Drop me');
    await serverSettled(page);

    let dialog = await openTask(page, 'Keep me');
    await dialog.getByRole('button', exact('Delete task')).click();
    await hidden(dialog);
    await hidden(card(todo(page), 'Keep me'));
    const kept = toast(page, 'Task “Keep me” deleted');
    await visible(kept);
    // focus stays where it was, not on the toast
    expect(await kept.evaluate((element) => element.contains(document.activeElement))).toBe(false);
    // focused, the toast waits: time to look at it and check it
    await kept.getByRole('button', exact('Undo')).focus();
    await checkA11y(page, 'the undo toast');
    await screenshots(page, 'task-deleted-toast');
    await kept.getByRole('button', exact('Undo')).press('Enter');
    await visible(card(todo(page), 'Keep me'));
    await hidden(kept);
    await serverSettled(page);
    await page.reload();
    await visible(card(todo(page), 'Keep me'));

    dialog = await openTask(page, 'Drop me');
    await dialog.getByRole('button', exact('Delete task')).click();
    await hidden(card(todo(page), 'Drop me'));
    // the toast goes once the server has agreed (seen first: else "hidden" could pass before it shows)
    const dropped = toast(page, 'Task “Drop me” deleted');
    await visible(dropped);
    await hidden(dropped);
    await page.reload();
    await visible(card(todo(page), 'Keep me'));
    expect(await card(todo(page), 'Drop me').count()).toBe(0);
  });

  test('a delete still offering Undo is sent when the page is reloaded; a comment’s too', async ({ page }) => {
    await signUp(page, newUser());
    await createBoard(page, 'Leaving');
    await addTask(page, 'To do', 'Short lived');
    await addTask(page, 'To do', 'Commented');
    await serverSettled(page);

    let dialog = await openTask(page, 'Commented');
    await dialog.getByRole('textbox', exact('Add a comment')).fill('First thought');
    await dialog.getByRole('button', exact('Comment')).click();
    await visible(dialog.getByRole('button', exact('Delete comment')));
    await serverSettled(page);
    await dialog.getByRole('button', exact('Delete comment')).click();
    await hidden(dialog.getByText('First thought'));
    const commentToast = toast(page, 'Comment deleted');
    // inside the dialog, reachable with Tab
    await visible(dialog.getByRole('status').filter({ hasText: 'Comment deleted' }));
    await commentToast.getByRole('button', exact('Undo')).focus();
    await screenshots(page, 'comment-deleted-toast');
    await commentToast.getByRole('button', exact('Undo')).blur();
    await page.keyboard.press('Escape');
    await hidden(dialog);

    dialog = await openTask(page, 'Short lived');
    await dialog.getByRole('button', exact('Delete task')).click();
    await visible(toast(page, 'Task “Short lived” deleted'));
    // the page goes away while both deletes still offer Undo: both are sent (keepalive)
    await page.reload();
    await visible(card(todo(page), 'Commented'));
    await expect
      .poll(
        async () => {
          await page.reload();
          await visible(card(todo(page), 'Commented'));
          return card(todo(page), 'Short lived').count();
        },
        { timeout: 30_000 },
      )
      .toBe(0);
    dialog = await openTask(page, 'Commented');
    await visible(dialog.getByText('No comments yet'));
  });
});
