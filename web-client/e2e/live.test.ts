// Live boards, two people on one board in two browsers: every kind of change either one makes shows
// up in the other's board and open task dialog without a reload, each measured from the moment the
// write was acknowledged to the moment the other page shows it (at most 1 s). Changes the UI has no
// control for (labels, removing a member, renaming or deleting a board) are made through the API with
// the person's own session, as the other tests set up labels.
import type { Locator, Page, Response, WebSocketRoute } from 'playwright-core';
import { checkA11y } from './support/axe.js';
import { screenshot } from './support/artifacts.js';
import {
  addTask,
  boardIdByName,
  card,
  cardOpener,
  column,
  createBoard,
  exact,
  expectTitles,
  graphql,
  hidden,
  newUser,
  openTask,
  serverSettled,
  signOut,
  signUp,
  visible,
  operationOf,
  type ColumnName,
} from './support/app.js';
import { describe, expect, test } from './support/fixtures.js';

/** The promise: a change shows up in every open view of the board within this. */
const DELIVERY_BUDGET_MS = 1000;

const isOperation =
  (name: string) =>
  (response: Response): boolean => {
    return new URL(response.url()).pathname.endsWith('/graphql') && operationOf(response.request()) === name;
  };

/** Resolves when the page's own mutation `name` has been answered (acknowledged by the server). */
const answered = (page: Page, name: string) => page.waitForResponse(isOperation(name), { timeout: 30_000 });

/** The board's live indicator (a status whose text says what it is about). */
const indicator = (page: Page) => page.getByRole('status').filter({ hasText: 'Live updates:' });

/** Waits for `condition`, checking every 20 ms (fine enough to time a delivery). */
async function until(condition: () => Promise<boolean>, timeout = 10_000): Promise<void> {
  await expect.poll(condition, { timeout, interval: 20 }).toBe(true);
}

const delays: { change: string; ms: number }[] = [];

/**
 * Runs `write` (one person's change, resolving once the server has acknowledged it) while waiting
 * for `shown` (the other person's page showing it), and records the time from one to the other.
 */
async function delivered(change: string, write: () => Promise<unknown>, shown: () => Promise<unknown>) {
  const seen = shown().then(() => performance.now());
  await write();
  const acked = performance.now();
  const ms = Math.max(0, Math.round((await seen) - acked));
  delays.push({ change, ms });
  expect(ms, `${change}: shown ${ms} ms after it was saved`).toBeLessThanOrEqual(DELIVERY_BUDGET_MS);
}

/**
 * Waits until `locator` is visible, or (`goes`) until it is not, looking every 20 ms: Playwright's
 * own waitFor looks less and less often (every 500 ms after a while), which would be measured too.
 */
const appears = (locator: Locator) => () => until(() => locator.first().isVisible());
const goes = (locator: Locator) => () => until(async () => !(await locator.first().isVisible()));

async function inColumn(page: Page, where: ColumnName, title: string) {
  await visible(cardOpener(column(page, where), title));
}

async function memberIds(page: Page, boardId: string): Promise<Record<string, string>> {
  const { board } = await graphql<{ board: { members: { user: { id: string; email: string } }[] } }>(
    page,
    'query E2eMembers($id: ID!) { board(id: $id) { members { user { id email } } } }',
    { id: boardId },
  );
  return Object.fromEntries(board.members.map((member) => [member.user.email, member.user.id]));
}

async function taskVersion(page: Page, id: string): Promise<number> {
  const { task } = await graphql<{ task: { version: number } }>(
    page,
    'query E2eTask($id: ID!) { task(id: $id) { version } }',
    {
      id,
    },
  );
  return task.version;
}

async function taskIdByTitle(page: Page, boardId: string, title: string): Promise<string> {
  const { board } = await graphql<{
    board: { columns: { tasks: { edges: { node: { id: string; title: string } }[] } }[] };
  }>(
    page,
    'query E2eFind($id: ID!) { board(id: $id) { columns(first: 100) { tasks { edges { node { id title } } } } } }',
    { id: boardId },
  );
  const found = board.columns.flatMap((c) => c.tasks.edges).find((edge) => edge.node.title === title);
  if (!found) throw new Error(`no task "${title}" on board ${boardId}`);
  return found.node.id;
}

/** Counts the page's full loads from now on: a live page never needs one. */
async function watchReloads(page: Page): Promise<() => Promise<number>> {
  let loads = 0;
  page.on('load', () => loads++);
  await page.evaluate(() => Object.assign(window, { e2eSameDocument: true }));
  return async () => {
    const same = await page.evaluate(() => (window as unknown as { e2eSameDocument?: boolean }).e2eSameDocument);
    return same === true ? loads : loads + 1;
  };
}

describe('live boards', () => {
  test('every change by one member shows up in the other’s board and open task dialog, both ways, without a reload', async ({
    session,
    openSession,
  }) => {
    const alice = newUser('Alice');
    const bob = newUser('Bob');
    const carol = newUser('Carol');
    const a = session.page;
    const b = (await openSession()).page;
    const c = (await openSession()).page;
    await signUp(b, bob);
    await signUp(c, carol);
    await c.context().close();
    await signUp(a, alice);

    // Two boards with Bob as a member: "Launch" for the changes, "Doomed" to be deleted at the end.
    await createBoard(a, 'Doomed');
    const doomedId = await boardIdByName(a, 'Doomed');
    await graphql(a, 'mutation E2eAdd($input: AddMemberInput!) { addMember(input: $input) { role } }', {
      input: { boardId: doomedId, email: bob.email },
    });
    await createBoard(a, 'Launch');
    const boardId = await boardIdByName(a, 'Launch');
    const members = a.getByRole('region', exact('Members'));
    await members.getByRole('textbox', exact('Invite by email')).fill(bob.email);
    await members.getByRole('button', exact('Invite')).click();
    await visible(members.getByText(bob.name));
    await addTask(a, 'To do', 'Plan the launch');

    await b.goto('/');
    await b.getByRole('link', exact('Launch')).click();
    await visible(b.getByRole('heading', { level: 1, ...exact('Launch') }));
    const reloads = await watchReloads(b);
    await expect.poll(() => indicator(b).textContent()).toBe('Live updates: Live');
    await expect.poll(() => indicator(a).textContent()).toBe('Live updates: Live');
    await inColumn(b, 'To do', 'Plan the launch');

    // ---- Alice changes the board; Bob's board follows ----
    await delivered(
      'task created',
      async () => {
        const ack = answered(a, 'CreateTask');
        await addTask(a, 'To do', 'Book the venue');
        await ack;
      },
      appears(cardOpener(column(b, 'To do'), 'Book the venue')),
    );

    let dialog = await openTask(a, 'Book the venue');
    await delivered(
      'task edited (title, assignee)',
      async () => {
        await dialog.getByRole('textbox', exact('Title')).fill('Book the big venue');
        await dialog.getByRole('combobox', exact('Assignee')).selectOption({ label: bob.name });
        const ack = answered(a, 'UpdateTask');
        await dialog.getByRole('button', exact('Save')).click();
        await ack;
      },
      appears(card(column(b, 'To do'), 'Book the big venue').getByRole('img', exact(`Assigned to ${bob.name}`))),
    );
    await delivered(
      'comment added (the card’s count)',
      async () => {
        await dialog.getByRole('textbox', exact('Add a comment')).fill('Two options so far.');
        const ack = answered(a, 'AddComment');
        await dialog.getByRole('button', exact('Comment')).click();
        await ack;
      },
      appears(card(column(b, 'To do'), 'Book the big venue').getByText('1 comment')),
    );
    await dialog.getByRole('button', exact('Close')).click();
    await hidden(dialog);

    await delivered(
      'task moved',
      async () => {
        const ack = answered(a, 'MoveTask');
        await a.getByRole('button', exact('Move "Book the big venue" right')).click();
        await ack;
      },
      appears(cardOpener(column(b, 'In progress'), 'Book the big venue')),
    );
    expect(await column(b, 'To do').getByText('1 task', { exact: true }).count()).toBe(1);

    let labelId = '';
    await delivered(
      'label created',
      async () => {
        ({
          createLabel: { id: labelId },
        } = await graphql<{ createLabel: { id: string } }>(
          a,
          'mutation E2eLabel($input: CreateLabelInput!) { createLabel(input: $input) { id } }',
          { input: { boardId, name: 'Urgent', color: '#d1242f' } },
        ));
      },
      () =>
        until(async () =>
          (await b.getByRole('combobox', exact('Label')).locator('option').allInnerTexts()).includes('Urgent'),
        ),
    );
    await serverSettled(a);
    dialog = await openTask(a, 'Book the big venue');
    await visible(dialog.getByRole('group', exact('Labels')).getByRole('checkbox', exact('Urgent')));
    await delivered(
      'task labelled',
      async () => {
        await dialog.getByRole('group', exact('Labels')).getByRole('checkbox', exact('Urgent')).check();
        const ack = answered(a, 'UpdateTask');
        await dialog.getByRole('button', exact('Save')).click();
        await ack;
      },
      appears(card(column(b, 'In progress'), 'Book the big venue').getByText('Urgent')),
    );
    await dialog.getByRole('button', exact('Close')).click();
    await hidden(dialog);
    await delivered(
      'label renamed',
      () =>
        graphql(a, 'mutation E2eLabelEdit($input: UpdateLabelInput!) { updateLabel(input: $input) { id } }', {
          input: { id: labelId, name: 'Critical' },
        }),
      appears(card(column(b, 'In progress'), 'Book the big venue').getByText('Critical')),
    );
    await delivered(
      'label deleted',
      () => graphql(a, 'mutation E2eLabelDelete($id: ID!) { deleteLabel(id: $id) }', { id: labelId }),
      goes(card(column(b, 'In progress'), 'Book the big venue').getByText('Critical')),
    );

    const bobsMembers = b.getByRole('region', exact('Members'));
    await delivered(
      'member added',
      async () => {
        await members.getByRole('textbox', exact('Invite by email')).fill(carol.email);
        const ack = answered(a, 'AddMember');
        await members.getByRole('button', exact('Invite')).click();
        await ack;
      },
      appears(bobsMembers.getByText(carol.name)),
    );
    const ids = await memberIds(a, boardId);
    await delivered(
      'member removed',
      () =>
        graphql(a, 'mutation E2eRemove($b: ID!, $u: ID!) { removeMember(boardId: $b, userId: $u) }', {
          b: boardId,
          u: ids[carol.email],
        }),
      goes(bobsMembers.getByText(carol.name)),
    );
    await delivered(
      'board renamed',
      () =>
        graphql(a, 'mutation E2eRename($input: RenameBoardInput!) { renameBoard(input: $input) { id } }', {
          input: { id: boardId, name: 'Launch 2031' },
        }),
      appears(b.getByRole('heading', { level: 1, ...exact('Launch 2031') })),
    );

    // Bob's filtered board follows edits, new matches and deletions: the matches stay in their columns.
    await b.getByRole('searchbox', exact('Filter tasks')).fill('venue');
    const bobsFilters = b.getByRole('region', exact('Filters'));
    await visible(bobsFilters.getByText('1 matching task (1 filter).'));
    await visible(column(b, 'In progress').getByRole('link', exact('Book the big venue')));
    await hidden(cardOpener(column(b, 'To do'), 'Plan the launch'));
    const venueId = await taskIdByTitle(a, boardId, 'Book the big venue');
    await delivered(
      'task edited (on the filtered board)',
      async () =>
        graphql(a, 'mutation E2eEdit($input: UpdateTaskInput!) { updateTask(input: $input) { id } }', {
          input: { id: venueId, expectedVersion: await taskVersion(a, venueId), title: 'Book the biggest venue' },
        }),
      appears(column(b, 'In progress').getByRole('link', exact('Book the biggest venue'))),
    );
    await delivered(
      'task created (matches the filter: on the filtered board)',
      () => addTask(a, 'To do', 'Call the venue'),
      appears(column(b, 'To do').getByRole('link', exact('Call the venue'))),
    );
    await visible(bobsFilters.getByText('2 matching tasks (1 filter).'));
    expect(await bobsFilters.getByText('Tasks have changed since these matches were found.').count()).toBe(0);

    await screenshotsOfTheIndicator(b);

    await delivered(
      'task deleted (filtered board)',
      async () => {
        dialog = await openTask(a, 'Book the biggest venue');
        const ack = answered(a, 'DeleteTask');
        await dialog.getByRole('button', exact('Delete task')).click();
        await ack;
      },
      goes(cardOpener(b.getByRole('main'), 'Book the biggest venue')),
    );
    await visible(bobsFilters.getByText('1 matching task (1 filter).'));
    // the whole board again, for what follows
    await bobsFilters.getByRole('button', exact('Clear filters')).click();
    await inColumn(b, 'To do', 'Plan the launch');

    // ---- Bob has a task open; Alice changes it ----
    await addTask(a, 'To do', 'Write the agenda');
    await inColumn(b, 'To do', 'Write the agenda');
    const agendaId = await taskIdByTitle(a, boardId, 'Write the agenda');
    const bobsDialog = await openTask(b, 'Write the agenda');
    const title = bobsDialog.getByRole('textbox', exact('Title'));
    const editAgenda = async (input: Record<string, unknown>) =>
      graphql(a, 'mutation E2eEdit($input: UpdateTaskInput!) { updateTask(input: $input) { id } }', {
        input: { id: agendaId, expectedVersion: await taskVersion(a, agendaId), ...input },
      });
    await delivered(
      'task edited (open dialog)',
      () => editAgenda({ title: 'Write the agenda, v2' }),
      () => until(async () => (await title.inputValue()) === 'Write the agenda, v2'),
    );
    let commentId = '';
    await delivered(
      'comment added (open dialog)',
      async () => {
        ({
          addComment: { id: commentId },
        } = await graphql<{ addComment: { id: string } }>(
          a,
          'mutation E2eComment($input: AddCommentInput!) { addComment(input: $input) { id } }',
          { input: { taskId: agendaId, body: 'Keynote first.' } },
        ));
      },
      appears(bobsDialog.getByText('Keynote first.')),
    );
    await delivered(
      'comment edited (open dialog)',
      () =>
        graphql(a, 'mutation E2eCommentEdit($input: EditCommentInput!) { editComment(input: $input) { id } }', {
          input: { id: commentId, body: 'Keynote last.' },
        }),
      appears(bobsDialog.getByText('Keynote last.')),
    );
    await delivered(
      'comment deleted (open dialog)',
      () => graphql(a, 'mutation E2eCommentDelete($id: ID!) { deleteComment(id: $id) }', { id: commentId }),
      goes(bobsDialog.getByText('Keynote last.')),
    );

    // Bob is editing when Alice saves: his edit stays, hers shows, and he is told.
    await bobsDialog.getByRole('textbox', exact('Description')).fill('Bob: rooms booked by Friday.');
    await delivered(
      'task edited while being edited (open dialog)',
      () => editAgenda({ title: 'Write the final agenda' }),
      () => until(async () => (await title.inputValue()) === 'Write the final agenda'),
    );
    expect(await bobsDialog.getByRole('textbox', exact('Description')).inputValue()).toBe(
      'Bob: rooms booked by Friday.',
    );
    await visible(bobsDialog.getByText(/Someone else changed this task while you were editing it/));
    await screenshot(b, 'live-task-changed-underneath');
    const bobSaved = answered(b, 'UpdateTask');
    await bobsDialog.getByRole('button', exact('Save')).click();
    expect((await (await bobSaved).json()).errors).toBeUndefined();
    await visible(bobsDialog.getByText('Saved.'));
    await hidden(bobsDialog.getByText(/Someone else changed this task/));

    await delivered(
      'task deleted (open dialog)',
      async () =>
        graphql(a, 'mutation E2eDelete($id: ID!, $v: Int!) { deleteTask(id: $id, expectedVersion: $v) }', {
          id: agendaId,
          v: await taskVersion(a, agendaId),
        }),
      appears(bobsDialog.getByText('This task no longer exists.')),
    );
    await bobsDialog.getByRole('button', exact('Close')).click();
    await hidden(bobsDialog);

    // ---- The other way round: Bob changes, Alice's board and open dialog follow ----
    await delivered(
      'task created (by Bob)',
      async () => {
        const ack = answered(b, 'CreateTask');
        await addTask(b, 'Done', 'Print the badges');
        await ack;
      },
      appears(cardOpener(column(a, 'Done'), 'Print the badges')),
    );
    await delivered(
      'task moved (by Bob)',
      async () => {
        const ack = answered(b, 'MoveTask');
        await b.getByRole('button', exact('Move "Print the badges" left')).click();
        await ack;
      },
      appears(cardOpener(column(a, 'In progress'), 'Print the badges')),
    );
    const alicesDialog = await openTask(a, 'Print the badges');
    const bobsOwn = await openTask(b, 'Print the badges');
    await delivered(
      'task edited (by Bob, Alice’s open dialog)',
      async () => {
        await bobsOwn.getByRole('textbox', exact('Title')).fill('Print 200 badges');
        const ack = answered(b, 'UpdateTask');
        await bobsOwn.getByRole('button', exact('Save')).click();
        await ack;
      },
      () =>
        until(
          async () => (await alicesDialog.getByRole('textbox', exact('Title')).inputValue()) === 'Print 200 badges',
        ),
    );
    await delivered(
      'comment added (by Bob, Alice’s open dialog)',
      async () => {
        await bobsOwn.getByRole('textbox', exact('Add a comment')).fill('Ordered the lanyards.');
        const ack = answered(b, 'AddComment');
        await bobsOwn.getByRole('button', exact('Comment')).click();
        await ack;
      },
      appears(alicesDialog.getByText('Ordered the lanyards.')),
    );
    await delivered(
      'comment deleted (by Bob, Alice’s open dialog)',
      async () => {
        const button = bobsOwn.getByRole('button', exact('Delete comment'));
        await visible(button);
        const ack = answered(b, 'DeleteComment');
        await button.click();
        await ack;
      },
      goes(alicesDialog.getByText('Ordered the lanyards.')),
    );
    await alicesDialog.getByRole('button', exact('Close')).click();
    await delivered(
      'task deleted (by Bob)',
      async () => {
        const ack = answered(b, 'DeleteTask');
        await bobsOwn.getByRole('button', exact('Delete task')).click();
        await ack;
      },
      goes(cardOpener(a.getByRole('main'), 'Print 200 badges')),
    );
    // each card once, and the counts agree with the server's
    await serverSettled(a);
    await serverSettled(b);
    for (const page of [a, b]) {
      await expect.poll(() => column(page, 'To do').getByRole('listitem').count()).toBe(2);
      expect(await column(page, 'To do').getByText('2 tasks', { exact: true }).count()).toBe(1);
      expect(await column(page, 'In progress').getByRole('listitem').count()).toBe(0);
    }

    // ---- The board goes away for Bob: removed from it, then the other board deleted ----
    await delivered(
      'Bob removed from the board',
      () =>
        graphql(a, 'mutation E2eRemove($b: ID!, $u: ID!) { removeMember(boardId: $b, userId: $u) }', {
          b: boardId,
          u: ids[bob.email],
        }),
      appears(
        b.getByRole('alert').filter({ hasText: `You were removed from the board "Launch 2031" by ${alice.name}.` }),
      ),
    );
    await visible(b.getByRole('heading', { level: 1, ...exact('Your boards') }));
    expect(await b.getByRole('link', exact('Launch 2031')).count()).toBe(0);
    await b.getByRole('link', exact('Doomed')).click();
    await visible(b.getByRole('heading', { level: 1, ...exact('Doomed') }));
    await expect.poll(() => indicator(b).textContent()).toBe('Live updates: Live');
    await delivered(
      'board deleted',
      () => graphql(a, 'mutation E2eDeleteBoard($id: ID!) { deleteBoard(id: $id) }', { id: doomedId }),
      appears(b.getByRole('alert').filter({ hasText: `The board "Doomed" was deleted by ${alice.name}.` })),
    );
    await screenshot(b, 'live-board-deleted');
    await checkA11y(b, 'the boards list after the board was deleted');

    expect(await reloads(), 'Bob’s page reloaded').toBe(0);
    const sorted = [...delays].sort((x, y) => x.ms - y.ms);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.ms;
    console.log(
      `[e2e] live deliveries (write acknowledged -> shown in the other browser), ${delays.length} changes: ` +
        `median ${at(0.5)} ms, max ${sorted.at(-1)!.ms} ms\n` +
        delays.map(({ change, ms }) => `  ${String(ms).padStart(5)} ms  ${change}`).join('\n'),
    );
  });

  test('a lost connection: the indicator says so, and what changed meanwhile shows up once it is back, each once', async ({
    session,
    openSession,
  }) => {
    const alice = newUser('Alice');
    const bob = newUser('Bob');
    const a = session.page;
    const bobSession = await openSession();
    const b = bobSession.page;
    // Bob's WebSockets go through the test, which can cut them (as an API replica restarting does,
    // 1012) and refuse new ones for a while (1013), then let them through again.
    let refusing = false;
    const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
    // what went over them: the `after` of each subscription Bob's page sent, and the events it received
    const afters: unknown[] = [];
    const received: string[] = [];
    await b.routeWebSocket(/\/graphql$/, (page) => {
      if (refusing) return page.close({ code: 1013, reason: 'Try again later' });
      const server = page.connectToServer();
      const pair = { page, server };
      open.add(pair);
      page.onMessage((message) => {
        const sent = JSON.parse(String(message)) as { type: string; payload?: { variables?: { after?: unknown } } };
        if (sent.type === 'subscribe') afters.push(sent.payload?.variables?.after);
        server.send(message);
      });
      server.onMessage((message) => {
        if (!open.has(pair)) return;
        const got = JSON.parse(String(message)) as {
          type: string;
          payload?: { data?: { boardEvents?: { id: string } } };
        };
        const id = got.payload?.data?.boardEvents?.id;
        if (got.type === 'next' && id) received.push(id);
        page.send(message);
      });
    });
    await signUp(b, bob);
    await signUp(a, alice);
    await createBoard(a, 'Away');
    const boardId = await boardIdByName(a, 'Away');
    await graphql(a, 'mutation E2eAdd($input: AddMemberInput!) { addMember(input: $input) { role } }', {
      input: { boardId, email: bob.email },
    });
    await addTask(a, 'To do', 'Before');
    await b.goto('/');
    await b.getByRole('link', exact('Away')).click();
    await visible(b.getByRole('heading', { level: 1, ...exact('Away') }));
    const reloads = await watchReloads(b);
    await expect.poll(() => indicator(b).textContent()).toBe('Live updates: Live');
    await inColumn(b, 'To do', 'Before');

    // one event first, so that there is a last id to resume from
    await addTask(a, 'Done', 'Seen live');
    await inColumn(b, 'Done', 'Seen live');
    const lastSeen = received.at(-1);
    expect(lastSeen).toBeDefined();

    refusing = true;
    for (const pair of [...open]) {
      open.delete(pair);
      await pair.page.close({ code: 1012, reason: 'Service Restart' });
      await pair.server.close();
    }
    await expect.poll(() => indicator(b).textContent()).toBe('Live updates: Reconnecting…');
    await screenshot(b, 'live-board-reconnecting');
    const titles = ['Before', 'While away 1', 'While away 2'];
    await addTask(a, 'To do', 'While away 1');
    await addTask(a, 'To do', 'While away 2');
    await a.getByRole('button', exact('Move "Before" right')).click();
    await serverSettled(a);
    // nothing reached Bob meanwhile
    expect(await cardOpener(b.getByRole('main'), 'While away 1').count()).toBe(0);

    refusing = false;
    await expect.poll(() => indicator(b).textContent()).toBe('Live updates: Live');
    // each new task on top
    await expectTitles(b, 'To do', ['While away 2', 'While away 1'], titles);
    await expectTitles(b, 'In progress', ['Before'], titles);
    expect(await column(b, 'To do').getByText('2 tasks', { exact: true }).count()).toBe(1);
    expect(await column(b, 'In progress').getByText('1 task', { exact: true }).count()).toBe(1);
    // it resumed from the last event it had (not from where the board was loaded), and the events
    // missed came once each, in order
    expect(afters.at(-1)).toBe(lastSeen);
    expect(received.map(BigInt)).toEqual([...new Set(received)].map(BigInt).sort((x, y) => (x < y ? -1 : 1)));

    // The browser itself offline: said at once, and the changes come when it is back.
    await bobSession.context.setOffline(true);
    await expect.poll(() => indicator(b).textContent()).toBe('Live updates: Offline');
    await screenshot(b, 'live-board-offline');
    await addTask(a, 'Done', 'While offline');
    await bobSession.context.setOffline(false);
    await inColumn(b, 'Done', 'While offline');
    await expect.poll(() => indicator(b).textContent()).toBe('Live updates: Live');
    expect(await reloads()).toBe(0);
  });
  test('signing out in another tab: the open board goes to the sign-in page by itself', async ({ session }) => {
    const bob = newUser('Bob');
    const b = session.page;
    await signUp(b, bob);
    await createBoard(b, 'Mine');
    await expect.poll(() => indicator(b).textContent()).toBe('Live updates: Live');
    const reloads = await watchReloads(b);
    const other = await session.context.newPage();
    await other.goto('/');
    await visible(other.getByRole('heading', exact('Your boards')));
    await signOut(other);
    // the API closes the session's sockets (4401) within 2 s of the sign-out
    await visible(b.getByRole('heading', exact('Sign in')));
    expect(await reloads()).toBe(0);
  });
});

/** The board with its indicator as people see it: desktop, mobile, and with a dark colour scheme. */
async function screenshotsOfTheIndicator(page: Page) {
  const viewport = page.viewportSize();
  await checkA11y(page, 'a live board');
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, 'live-board-desktop');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'live-board-mobile');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'live-board-mobile-dark');
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, 'live-board-desktop-dark');
  await checkA11y(page, 'a live board, dark colour scheme');
  await page.emulateMedia({ colorScheme: 'light' });
  if (viewport) await page.setViewportSize(viewport);
}
