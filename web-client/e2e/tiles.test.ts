// The boards page as tiles (name, task count, members as avatars, the viewer's role), avatars on the
// board, the empty states that say what to do next, and the loading skeletons; axe in the light and
// the dark theme, and screenshots of each at desktop and mobile sizes.
import type { Locator, Page } from 'playwright-core';
import {
  boardIdByName,
  column,
  createBoard,
  createTasks,
  exact,
  graphql,
  hidden,
  newUser,
  openTask,
  signUp,
  visible,
} from './support/app.js';
import { checkA11y } from './support/axe.js';
import { screenshotsAtSizes } from './support/artifacts.js';
import { describe, expect, test } from './support/fixtures.js';

const tile = (page: Page, name: string): Locator =>
  page.getByRole('listitem').filter({ has: page.getByRole('link', exact(name)) });

/** The names of the avatars in a tile's members group, as assistive technology reads them. */
const avatarNames = (group: Locator) =>
  group.getByRole('img').evaluateAll((images) => images.map((i) => i.getAttribute('aria-label')));

/** axe and screenshots in both themes, back in the light one after. */
async function inBothThemes(page: Page, what: string, name: string, show?: Locator) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await checkA11y(page, `${what}, ${scheme}`);
    await screenshotsAtSizes(page, `${name}-${scheme}`, show);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('board tiles, avatars, empty states and skeletons', () => {
  test('a new user is shown how to start; tiles then show counts, members and role', async ({ page, openSession }) => {
    const teammate = newUser('Grace Hopper');
    const other = (await openSession()).page;
    await signUp(other, teammate);

    const owner = newUser('Ada Lovelace');
    await signUp(page, owner);
    // no boards: what to do, with the cursor already in the name field
    await visible(page.getByRole('heading', exact('Create your first board')));
    await visible(page.getByText('No boards yet'));
    expect(await page.getByRole('textbox', exact('New board name')).evaluate((f) => f === document.activeElement)).toBe(
      true,
    );
    await inBothThemes(page, 'the boards page with no boards', 'tiles-empty');

    await createBoard(page, 'Launch plan');
    // only the owner on it: the members panel points at the invitation
    const members = page.getByRole('region', exact('Members'));
    await visible(members.getByText('Only you are on this board'));
    await members.getByRole('button', exact('Invite a teammate by email')).click();
    const invite = members.getByRole('textbox', exact('Invite by email'));
    expect(await invite.evaluate((f) => f === document.activeElement)).toBe(true);
    await invite.fill(teammate.email);
    await members.getByRole('button', exact('Invite')).click();
    await visible(members.getByText(`${teammate.name} is now a member.`));
    await hidden(members.getByText('Only you are on this board'));

    // tasks, one assigned to the teammate (set-up through the API; what is checked, through the UI)
    const launchId = await boardIdByName(page, 'Launch plan');
    await createTasks(page, launchId, ['Write the brief', 'Book the venue', 'Send invitations']);
    const { board } = await graphql<{
      board: {
        members: { user: { id: string; name: string } }[];
        columns: { tasks: { edges: { node: { id: string; title: string; version: number } }[] } }[];
      };
    }>(
      page,
      'query E2eTiles($id: ID!) { board(id: $id) { members { user { id name } } columns(first: 10) { tasks { edges { node { id title version } } } } } }',
      { id: launchId },
    );
    const venue = board.columns.flatMap((c) => c.tasks.edges).find((e) => e.node.title === 'Book the venue')!.node;
    const grace = board.members.find((m) => m.user.name === teammate.name)!.user;
    await graphql(page, 'mutation E2eAssign($input: UpdateTaskInput!) { updateTask(input: $input) { id } }', {
      input: { id: venue.id, expectedVersion: venue.version, assigneeId: grace.id },
    });
    await createBoard(page, 'Hiring');
    await createTasks(page, await boardIdByName(page, 'Hiring'), ['Post the job']);
    await createBoard(page, 'Office move');

    // a board: the assignee's avatar on the card, avatars in the members panel, an empty column's hint
    await page.goto(`/boards/${launchId}`);
    await visible(page.getByRole('heading', { level: 1, ...exact('Launch plan') }));
    await visible(column(page, 'To do').getByRole('img', exact(`Assigned to ${teammate.name}`)));
    await visible(column(page, 'Done').getByText('Add one above, or drag a card here.'));
    await inBothThemes(page, 'a board with avatars and empty columns', 'tiles-board');

    // the task dialog: no labels yet, and a comment with its author's avatar
    const dialog = await openTask(page, 'Book the venue');
    await visible(dialog.getByText(/^No labels on this board yet/));
    await visible(dialog.getByText('Start the conversation: write one below.'));
    await dialog.getByRole('textbox', exact('Add a comment')).fill('Two venues shortlisted.');
    await dialog.getByRole('button', exact('Comment')).click();
    await visible(dialog.getByText('Two venues shortlisted.'));
    // saved (its buttons come with the server's answer): no longer the faded pending comment
    await visible(dialog.getByRole('button', exact('Edit comment')));
    await inBothThemes(
      page,
      'the task dialog with a comment',
      'tiles-dialog',
      dialog.getByText('Two venues shortlisted.'),
    );
    await dialog.getByRole('button', exact('Close')).click();

    // the tiles
    await page.getByRole('link', exact('Boards')).click();
    const launch = tile(page, 'Launch plan');
    await visible(launch.getByText('3 tasks'));
    expect(await avatarNames(launch.getByRole('group', exact('2 members')))).toEqual([owner.name, teammate.name]);
    // initials: the first letters of the name's first and last words (newUser adds a random last word)
    expect(await launch.getByRole('img', exact(owner.name)).innerText()).toMatch(/^A[A-Z0-9]$/);
    expect(await launch.getByRole('img', exact(teammate.name)).innerText()).toMatch(/^G[A-Z0-9]$/);
    await visible(launch.getByText('Owner'));
    const hiring = tile(page, 'Hiring');
    await visible(hiring.getByText('1 task'));
    expect(await avatarNames(hiring.getByRole('group', exact('1 member')))).toEqual([owner.name]);
    await visible(tile(page, 'Office move').getByText('No tasks yet'));
    // the whole tile opens its board
    const box = (await launch.boundingBox())!;
    expect(box.height).toBeGreaterThan(100);
    await inBothThemes(page, 'the boards page with tiles', 'tiles');

    // the teammate sees the board too, as a member
    await other.reload();
    const shared = tile(other, 'Launch plan');
    await visible(shared.getByText('3 tasks'));
    await visible(shared.getByText('Member'));

    await page.mouse.click(box.x + box.width - 12, box.y + 12);
    await visible(page.getByRole('heading', { level: 1, ...exact('Launch plan') }));
  });

  test('pages load as skeletons of their shape, still when motion is reduced', async ({ page }) => {
    await signUp(page, newUser('Slow Network'));
    await createBoard(page, 'Slow');
    await createTasks(page, await boardIdByName(page, 'Slow'), ['Slow task']);
    await page.goto('/');
    await visible(tile(page, 'Slow'));
    // every API answer late, as on a poor connection
    await page.route('**/graphql', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await route.continue();
    });

    const animation = () =>
      page
        .locator('.skeleton-bone')
        .first()
        .evaluate((bone) => getComputedStyle(bone).animationName);
    for (const motion of ['no-preference', 'reduce'] as const) {
      await page.emulateMedia({ reducedMotion: motion });
      await page.reload();
      const loading = page.getByRole('status').filter({ hasText: 'Loading your boards…' });
      await visible(loading);
      expect(await page.locator('[aria-busy="true"]').filter({ has: loading }).count()).toBe(1);
      expect(await animation()).toBe(motion === 'reduce' ? 'none' : 'skeleton-shine');
      if (motion === 'no-preference') {
        await page.emulateMedia({ colorScheme: 'dark' });
        await screenshotsAtSizes(page, 'tiles-skeleton-dark');
        await page.emulateMedia({ colorScheme: 'light' });
      }
      await hidden(loading);
      await visible(tile(page, 'Slow'));
    }

    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.getByRole('link', exact('Slow')).click();
    const loadingBoard = page.getByRole('status').filter({ hasText: 'Loading board…' });
    await visible(loadingBoard);
    await screenshotsAtSizes(page, 'tiles-board-skeleton-light');
    await hidden(loadingBoard);
    await visible(page.getByRole('heading', { level: 1, ...exact('Slow') }));

    // the task dialog: its fields, then its comments
    await page.getByRole('link', exact('Slow task')).click();
    const dialog = page.getByRole('dialog', exact('Edit task'));
    const loadingTask = dialog.getByRole('status').filter({ hasText: 'Loading task…' });
    await visible(loadingTask);
    await screenshotsAtSizes(page, 'tiles-dialog-skeleton-light');
    await hidden(loadingTask);
    await visible(dialog.getByRole('textbox', exact('Title')));
  });
});
