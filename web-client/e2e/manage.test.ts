// Managing what is on a board, through the UI: renaming and deleting the board, editing and deleting
// labels, editing one's comments, removing a member and leaving. Screenshots of each new control, at
// desktop (1440x900) and mobile (390x844) sizes, go to e2e/artifacts/ for people to look at.
import type { Page } from 'playwright-core';
import { checkA11y } from './support/axe.js';
import { screenshotsAtSizes } from './support/artifacts.js';
import {
  addTask,
  boardIdByName,
  card,
  column,
  createBoard,
  createLabel,
  exact,
  expectText,
  hidden,
  newUser,
  openTask,
  serverSettled,
  signUp,
  visible,
} from './support/app.js';
import { describe, expect, test } from './support/fixtures.js';

const screenshots = screenshotsAtSizes;

const title = (page: Page, name: string) => page.getByRole('heading', { level: 1, ...exact(name) });

describe('managing a board', () => {
  test('a new board opens; the owner renames it in place and deletes it after typing its name', async ({ page }) => {
    await signUp(page, newUser());
    // createBoard waits for the new board's own page: creating it opened it
    await createBoard(page, 'Launch plan');
    expect(new URL(page.url()).pathname).toMatch(/^\/boards\/\d+$/);
    await screenshots(page, 'board-owner-controls');

    await page.getByRole('button', exact('Rename board')).click();
    const field = page.getByRole('textbox', exact('Board name'));
    await field.fill('   ');
    await page.getByRole('button', exact('Save')).click();
    await expectText(page.getByRole('alert'), 'The board name cannot be empty.');
    await checkA11y(page, 'renaming a board');
    await screenshots(page, 'board-rename-blank');
    await field.fill('Launch plan 2031');
    await field.press('Enter');
    await visible(title(page, 'Launch plan 2031'));
    await serverSettled(page);
    await page.reload();
    await visible(title(page, 'Launch plan 2031'));

    await page.getByRole('button', exact('Delete board')).click();
    const dialog = page.getByRole('dialog', exact('Delete board'));
    await visible(dialog);
    const confirm = dialog.getByRole('button', exact('Delete this board'));
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', exact('Type the board’s name to confirm')).fill('Launch plan');
    expect(await confirm.isDisabled()).toBe(true);
    await checkA11y(page, 'the delete board dialog');
    await screenshots(page, 'board-delete-dialog');
    await dialog.getByRole('textbox', exact('Type the board’s name to confirm')).fill('Launch plan 2031');
    await confirm.click();

    await visible(page.getByRole('heading', exact('Your boards')));
    await expectText(page.getByRole('alert'), 'The board "Launch plan 2031" was deleted.');
    expect(await page.getByRole('link', exact('Launch plan 2031')).count()).toBe(0);
    await checkA11y(page, 'the boards list after deleting a board');
    await screenshots(page, 'boards-list-board-deleted');
    await page.reload();
    await visible(page.getByText('No boards yet'));
  });

  test('labels are renamed, recoloured and deleted from the task dialog; tasks follow', async ({ page }) => {
    await signUp(page, newUser());
    await createBoard(page, 'Labelled');
    await createLabel(page, await boardIdByName(page, 'Labelled'), 'Urgent', '#d1242f');
    await createLabel(page, await boardIdByName(page, 'Labelled'), 'Later', '#1f6feb');
    await page.reload();
    await addTask(page, 'To do', 'Fix the login');
    let dialog = await openTask(page, 'Fix the login');
    const labels = dialog.getByRole('group', exact('Labels'));
    await labels.getByRole('checkbox', exact('Urgent')).check();
    await dialog.getByRole('button', exact('Save')).click();
    await visible(card(column(page, 'To do'), 'Fix the login').getByText('Urgent'));

    await labels.getByRole('button', exact('Manage labels')).click();
    await labels.getByRole('button', exact('Edit label Urgent')).click();
    const editor = labels.getByRole('group', exact('Edit label Urgent'));
    await editor.getByRole('textbox', exact('Name')).fill('Blocker');
    await editor.getByLabel('Colour').fill('#7c3aed');
    await checkA11y(page, 'editing a label');
    await screenshots(page, 'label-edit', editor);
    await editor.getByRole('textbox', exact('Name')).press('Enter');
    // the dialog stays open (Enter saved the label, not the task) and the card follows at once
    await visible(labels.getByRole('checkbox', exact('Blocker')));
    await visible(card(column(page, 'To do'), 'Fix the login').getByText('Blocker'));

    await labels.getByRole('button', exact('Delete label Blocker')).click();
    await expectText(labels.getByRole('group', { name: /^Delete the label/ }), 'taken off every task that has it');
    await checkA11y(page, 'the delete label question');
    await screenshots(page, 'label-delete-question', labels.getByRole('button', exact('Delete label')));
    await labels.getByRole('button', exact('Delete label')).click();
    await hidden(labels.getByRole('checkbox', exact('Blocker')));
    await hidden(card(column(page, 'To do'), 'Fix the login').getByText('Blocker'));
    await serverSettled(page);

    await page.reload();
    dialog = page.getByRole('dialog', exact('Edit task'));
    await visible(dialog.getByRole('checkbox', exact('Later')));
    expect(await dialog.getByRole('checkbox', exact('Blocker')).count()).toBe(0);
    // the task saved after the label went is not refused: its version followed the deletion
    await dialog.getByRole('textbox', exact('Title')).fill('Fix the login page');
    await dialog.getByRole('button', exact('Save')).click();
    await expectText(dialog.getByText('Saved.'), 'Saved.');
  });

  test('the author edits a comment in place; Escape cancels; the edit is kept', async ({ page }) => {
    await signUp(page, newUser());
    await createBoard(page, 'Talk');
    await addTask(page, 'To do', 'Plan the party');
    let dialog = await openTask(page, 'Plan the party');
    await dialog.getByRole('textbox', exact('Add a comment')).fill('Friday at five.');
    await dialog.getByRole('button', exact('Comment')).click();
    const edit = dialog.getByRole('button', exact('Edit comment'));
    await edit.click();
    const field = dialog.getByRole('textbox', exact('Edit your comment'));
    await field.fill('Saturday at five.');
    await field.press('Escape');
    // Escape closed the editor, not the task dialog
    await visible(dialog.getByText('Friday at five.'));
    await visible(dialog);

    await edit.click();
    await field.fill('Saturday at six.');
    await checkA11y(page, 'editing a comment');
    await screenshots(page, 'comment-edit', dialog.getByRole('button', exact('Save comment')));
    await dialog.getByRole('button', exact('Save comment')).click();
    await visible(dialog.getByText('Saturday at six.'));
    await visible(dialog.getByText('(edited)'));
    await serverSettled(page);
    await page.reload();
    dialog = page.getByRole('dialog', exact('Edit task'));
    await visible(dialog.getByText('Saturday at six.'));
    expect(await dialog.getByText('Friday at five.').count()).toBe(0);
  });
});

describe('members', () => {
  test('the owner removes a member after confirming; a member leaves; the only owner cannot', async ({
    session,
    openSession,
  }) => {
    const ada = newUser('Ada');
    const bob = newUser('Bob');
    const a = session.page;
    const b = (await openSession()).page;
    await signUp(b, bob);
    await signUp(a, ada);
    await createBoard(a, 'Team');
    const members = a.getByRole('region', exact('Members'));
    const bobListed = members.getByRole('listitem').filter({ hasText: bob.name });
    const invite = async () => {
      await members.getByRole('textbox', exact('Invite by email')).fill(bob.email);
      await members.getByRole('button', exact('Invite')).click();
      await visible(bobListed);
    };
    await invite();
    await expectText(members, 'only owner, so you cannot leave it');
    expect(await members.getByRole('button', exact('Leave board')).count()).toBe(0);

    await b.goto('/');
    await b.getByRole('link', exact('Team')).click();
    await visible(title(b, 'Team'));

    await members.getByRole('button', exact(`Remove ${bob.name}`)).click();
    const confirm = a.getByRole('dialog', exact('Remove member'));
    await expectText(confirm, 'tasks assigned to them here become unassigned');
    await checkA11y(a, 'the remove member dialog');
    await screenshots(a, 'member-remove-dialog');
    await confirm.getByRole('button', exact('Remove member')).click();
    await hidden(bobListed);
    // Bob's open board goes away by itself (live), to his boards list, which says why
    await visible(b.getByRole('heading', exact('Your boards')));
    await expectText(b.getByRole('alert'), `You were removed from the board "Team" by ${ada.name}.`);

    await invite();
    await b.goto('/');
    await b.getByRole('link', exact('Team')).click();
    await visible(title(b, 'Team'));
    await b.getByRole('region', exact('Members')).getByRole('button', exact('Leave board')).click();
    const leave = b.getByRole('dialog', exact('Leave board'));
    await expectText(leave, 'You will no longer see it or its tasks');
    await checkA11y(b, 'the leave board dialog');
    await screenshots(b, 'member-leave-dialog');
    await leave.getByRole('button', exact('Leave board')).click();
    await visible(b.getByRole('heading', exact('Your boards')));
    await expectText(b.getByRole('alert'), 'You left the board "Team".');
    expect(await b.getByRole('link', exact('Team')).count()).toBe(0);
    // and Ada's panel follows
    await hidden(bobListed);
  });
});
