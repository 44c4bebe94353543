// Two people on one board: an invitation, and a conflicting edit that is shown and recovered.
// (What each sees of the other's changes as they happen: live.test.ts.)
import { checkA11y } from './support/axe.js';
import { screenshot } from './support/artifacts.js';
import {
  addTask,
  cardOpener,
  column,
  createBoard,
  exact,
  expectText,
  hidden,
  newUser,
  openTask,
  signUp,
  visible,
} from './support/app.js';
import { describe, expect, test } from './support/fixtures.js';

describe('sharing a board', () => {
  test('the owner invites a second user, who then sees the board and its tasks', async ({ session, openSession }) => {
    const ada = newUser('Ada');
    const bob = newUser('Bob');
    const a = session.page;
    const b = (await openSession()).page;
    // Bob needs an account before he can be invited (invitations are by existing email).
    await signUp(b, bob);
    await visible(b.getByText('No boards yet'));

    await signUp(a, ada);
    await createBoard(a, 'Shared plans');
    await addTask(a, 'To do', 'Book the venue');
    const members = a.getByRole('region', exact('Members'));
    await members.getByRole('textbox', exact('Invite by email')).fill(bob.email);
    await members.getByRole('button', exact('Invite')).click();
    await visible(members.getByText(bob.name));
    await checkA11y(a, 'a board with its members');

    await b.reload();
    await b.getByRole('link', exact('Shared plans')).click();
    await visible(b.getByRole('heading', { level: 1, ...exact('Shared plans') }));
    await visible(cardOpener(column(b, 'To do'), 'Book the venue'));
    await visible(b.getByRole('region', exact('Members')).getByText(ada.name));
    await screenshot(b, 'board-as-invited-member');
  });

  test('an edit based on an old version is refused, shown, and succeeds when retried', async ({
    session,
    openSession,
  }) => {
    const ada = newUser('Ada');
    const bob = newUser('Bob');
    const a = session.page;
    const b = (await openSession()).page;
    // Ada's page gets no live updates (its WebSocket reaches no server), so her save is based on the
    // version she loaded, as when it crosses Bob's change in flight. When Bob's change reaches her
    // first, her dialog takes it in before she saves (live.test.ts).
    await a.routeWebSocket(/\/graphql$/, () => {});
    await signUp(b, bob);
    await signUp(a, ada);
    await createBoard(a, 'Contested');
    await addTask(a, 'To do', 'Draft the budget');
    const members = a.getByRole('region', exact('Members'));
    await members.getByRole('textbox', exact('Invite by email')).fill(bob.email);
    await members.getByRole('button', exact('Invite')).click();
    await visible(members.getByText(bob.name));

    await b.goto('/');
    await b.getByRole('link', exact('Contested')).click();
    // Both have the task open at the same version.
    const aDialog = await openTask(a, 'Draft the budget');
    const bDialog = await openTask(b, 'Draft the budget');

    await bDialog.getByRole('textbox', exact('Title')).fill('Draft the 2031 budget');
    await bDialog.getByRole('button', exact('Save')).click();
    await visible(cardOpener(column(b, 'To do'), 'Draft the 2031 budget'));

    await aDialog.getByRole('textbox', exact('Description')).fill('Start from last year.');
    await aDialog.getByRole('button', exact('Save')).click();
    const alert = aDialog.getByRole('alert');
    await expectText(alert, 'changed by someone else');
    await screenshot(a, 'task-conflict');
    // The dialog now shows the version Bob saved.
    await expect.poll(() => aDialog.getByRole('textbox', exact('Title')).inputValue()).toBe('Draft the 2031 budget');

    await aDialog.getByRole('textbox', exact('Description')).fill('Start from last year.');
    await aDialog.getByRole('button', exact('Save')).click();
    await hidden(alert.filter({ hasText: 'changed by someone else' }));

    // Bob sees both changes after a reload: Ada's retry kept his title and added her description.
    await b.reload();
    // Bob's dialog is still open: its URL is the task's.
    const fresh = b.getByRole('dialog', exact('Edit task'));
    await visible(fresh);
    expect(await fresh.getByRole('textbox', exact('Title')).inputValue()).toBe('Draft the 2031 budget');
    await visible(fresh.getByText('Start from last year.'));
  });
});
