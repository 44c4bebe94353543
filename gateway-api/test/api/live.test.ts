// Live boards over GraphQL subscriptions (graphql-ws on /graphql): what a member receives and when,
// resuming after a disconnect, who may listen and for how long, the limits, and the fan-out's cost,
// against the real API and database, with a second replica on the same database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNamedType, isObjectType, type GraphQLNamedType } from 'graphql';
import { createApp, type App } from '../../src/app.js';
import { getSchema } from '../../src/graphql/schema.js';
import { createLogger } from '../../src/lib/logger.js';
import { startApi, type TestApi, type TestUser } from '../support/api.js';
import { liveClient, subscribe, type Subscription } from '../support/live.js';
import { eventually } from '@taskboard/test-kit/waiting';

const EVENTS = `subscription Live($boardId: ID!, $after: ID) {
  boardEvents(boardId: $boardId, after: $after) {
    id kind boardId taskId commentId labelId userId boardName
    actor { id name }
    task { id title version status assignee { id } labels { id name } }
    comment { id body }
    label { id name color }
    member { role user { id } }
  }
}`;

let api: TestApi;
/** a second replica of the API on the same database */
let replica: App;
let replicaUrl: string;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
let boardId: string;
const open: Subscription[] = [];

function follow(
  user: TestUser | undefined,
  variables: Record<string, unknown>,
  url = api.url,
  document = EVENTS,
): Subscription {
  const subscription = subscribe(url, user?.client.cookie, document, variables);
  open.push(subscription);
  return subscription;
}

async function createBoard(user: TestUser, name: string): Promise<string> {
  return (
    await user.client.data<{ createBoard: { id: string } }>(
      'mutation($name: String!) { createBoard(input: { name: $name }) { id } }',
      { name },
    )
  ).createBoard.id;
}

async function createTask(user: TestUser, board: string, title: string): Promise<{ id: string; version: number }> {
  return (
    await user.client.data<{ createTask: { id: string; version: number } }>(
      'mutation($input: CreateTaskInput!) { createTask(input: $input) { id version } }',
      { input: { boardId: board, title } },
    )
  ).createTask;
}

/**
 * Resolves once the server has registered the subscription: an event made for it arrives. (Without
 * `after`, a subscription starts from the moment the server registers it; a client that must not
 * miss what happened since it loaded the board passes the board's `liveFrom` as `after`.)
 */
async function ready(subscription: Subscription, board: string, user: TestUser) {
  for (let attempt = 1; ; attempt++) {
    const before = subscription.events().length;
    await createTask(user, board, 'warm-up');
    try {
      await subscription.waitForEvents(before + 1, 1);
      return;
    } catch (error) {
      if (attempt === 10) throw error;
    }
  }
}

/**
 * How many events the subscriptions have once a marker task's event reached them all: anything ready()
 * sent (a retried warm-up arrives late under load) is before it, so counting from here is exact.
 */
async function settle<T extends Subscription[]>(
  board: string,
  user: TestUser,
  ...subscriptions: T
): Promise<{ [K in keyof T]: number }> {
  const marker = await createTask(user, board, 'marker');
  const counts = await Promise.all(
    subscriptions.map(async (subscription) => {
      for (let count = 1; ; count++) {
        const events = await subscription.waitForEvents(count);
        const at = events.findIndex((event) => event.taskId === marker.id);
        if (at >= 0) return at + 1;
      }
    }),
  );
  return counts as { [K in keyof T]: number };
}

beforeAll(async () => {
  api = await startApi();
  replica = await createApp(api.config, createLogger({ level: 'silent' }));
  await replica.http.listen({ host: '127.0.0.1', port: 0 });
  replicaUrl = `http://127.0.0.1:${(replica.http.server.address() as { port: number }).port}`;
  [owner, member, outsider] = await Promise.all([api.user('Owner'), api.user('Member'), api.user('Outsider')]);
  boardId = await createBoard(owner, 'Live');
  await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
    input: { boardId, email: member.email },
  });
});

afterAll(async () => {
  await Promise.all(open.map((subscription) => subscription.dispose()));
  await replica?.close();
  await api?.close();
});

describe('a member of the board', () => {
  it('receives every kind of change, in order, with what changed, from writes on either replica', async () => {
    const live = follow(member, { boardId }, replicaUrl);
    await ready(live, boardId, owner);
    const [start] = await settle(boardId, owner, live);

    const task = await createTask(owner, boardId, 'Write the release notes');
    const { createLabel } = await owner.client.data<{ createLabel: { id: string } }>(
      'mutation($input: CreateLabelInput!) { createLabel(input: $input) { id } }',
      { input: { boardId, name: 'docs', color: '#0075ca' } },
    );
    await owner.client.data('mutation($input: UpdateTaskInput!) { updateTask(input: $input) { id } }', {
      input: { id: task.id, expectedVersion: 1, assigneeId: member.id, labelIds: [createLabel.id] },
    });
    await owner.client.data('mutation($input: MoveTaskInput!) { moveTask(input: $input) { id } }', {
      input: { id: task.id, expectedVersion: 2, status: 'IN_PROGRESS', index: 0 },
    });
    const { addComment } = await owner.client.data<{ addComment: { id: string } }>(
      'mutation($input: AddCommentInput!) { addComment(input: $input) { id } }',
      { input: { taskId: task.id, body: 'Draft is in the wiki' } },
    );
    await owner.client.data('mutation($input: RenameBoardInput!) { renameBoard(input: $input) { id } }', {
      input: { id: boardId, name: 'Live board' },
    });

    const events = (await live.waitForEvents(start + 6)).slice(start);
    expect(events.map((event) => event.kind)).toEqual([
      'TASK_CREATED',
      'LABEL_CREATED',
      'TASK_UPDATED',
      'TASK_MOVED',
      'COMMENT_ADDED',
      'BOARD_RENAMED',
    ]);
    const ids = events.map((event) => BigInt(event.id as string));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    expect(events[0]).toMatchObject({ taskId: task.id, actor: { id: owner.id, name: 'Owner' } });
    expect(events[1]).toMatchObject({ labelId: createLabel.id, label: { name: 'docs', color: '#0075ca' } });
    // the task as it is when the event is delivered: the client's cache takes it in as is
    expect(events[3]).toMatchObject({
      task: { id: task.id, status: 'IN_PROGRESS', version: 3, assignee: { id: member.id }, labels: [{ name: 'docs' }] },
    });
    expect(events[4]).toMatchObject({
      taskId: task.id,
      commentId: addComment.id,
      comment: { body: 'Draft is in the wiki' },
    });
    expect(events[5]).toMatchObject({ boardName: 'Live board' });
  });

  it('resumes after a disconnect from the last id it saw: every event missed, in order, each once', async () => {
    const first = follow(member, { boardId });
    await ready(first, boardId, owner);
    const lastSeen = first.events().at(-1)!.id as string;
    await first.dispose();

    const missed = [];
    for (const title of ['one', 'two', 'three']) missed.push((await createTask(owner, boardId, title)).id);

    const again = follow(member, { boardId, after: lastSeen }, replicaUrl);
    const events = await again.waitForEvents(3);
    expect(events.map((event) => event.taskId)).toEqual(missed);
    // and it is live from there on, without repeating any
    const next = await createTask(owner, boardId, 'four');
    const all = await again.waitForEvents(4);
    expect(all.map((event) => event.taskId)).toEqual([...missed, next.id]);
    expect(new Set(all.map((event) => event.id)).size).toBe(all.length);
  });

  it('starting from Board.liveFrom, misses nothing saved between loading the board and subscribing', async () => {
    const { board } = await member.client.data<{ board: { liveFrom: string } }>(
      'query($id: ID!) { board(id: $id) { liveFrom } }',
      { id: boardId },
    );
    const between = await createTask(owner, boardId, 'between');
    const live = follow(member, { boardId, after: board.liveFrom });
    const [first] = await live.waitForEvents(1);
    expect(first).toMatchObject({ kind: 'TASK_CREATED', taskId: between.id });
  });

  it('with a resume id from another board, gets nothing of that board', async () => {
    const elsewhere = await createBoard(outsider, 'Elsewhere');
    await createTask(outsider, elsewhere, 'secret');
    const live = follow(member, { boardId, after: '1' });
    await ready(live, boardId, owner);
    expect(live.events().every((event) => event.boardId === boardId)).toBe(true);
  });
});

describe('columns', () => {
  const COLUMN_EVENTS = `subscription Columns($boardId: ID!) {
    boardEvents(boardId: $boardId) { id kind columnId column { id name position wipLimit } taskId task { id columnId } }
  }`;
  const columnMutation = (name: string, type: string, fields = 'id') =>
    `mutation($input: ${type}!) { ${name}(input: $input) { ${fields} } }`;

  it('their changes reach subscribers that ask for columns; the others (the previous release) are told to reload', async () => {
    const board = await createBoard(owner, 'Columns live');
    const knows = follow(owner, { boardId: board }, api.url, COLUMN_EVENTS);
    const previous = follow(owner, { boardId: board });
    await ready(knows, board, owner);
    await ready(previous, board, owner);
    const [k, p] = await settle(board, owner, knows, previous);

    // one at a time: an event's fields load the column as it is when the event is delivered
    let seen = k;
    const step = async (mutation: string, input: Record<string, unknown>) => {
      const data = await owner.client.data<Record<string, { id: string }>>(mutation, { input });
      await knows.waitForEvents(++seen);
      return Object.values(data)[0]!;
    };
    const createColumn = await step(columnMutation('createColumn', 'CreateColumnInput'), {
      boardId: board,
      name: 'Review',
      wipLimit: 2,
    });
    await step(columnMutation('updateColumn', 'UpdateColumnInput'), { id: createColumn.id, name: 'QA' });
    await step(columnMutation('moveColumn', 'MoveColumnInput'), { id: createColumn.id, index: 0 });
    await step(columnMutation('deleteColumn', 'DeleteColumnInput'), { id: createColumn.id });

    const got = (await knows.waitForEvents(k + 4)).slice(k);
    expect(got.map((event) => [event.kind, event.columnId])).toEqual([
      ['COLUMN_CREATED', createColumn.id],
      ['COLUMN_UPDATED', createColumn.id],
      ['COLUMN_MOVED', createColumn.id],
      ['COLUMN_DELETED', createColumn.id],
    ]);
    expect(got[0]!.column).toEqual({ id: createColumn.id, name: 'Review', position: 3, wipLimit: 2 });
    expect(got[1]!.column).toMatchObject({ name: 'QA' });
    expect(got[2]!.column).toMatchObject({ position: 0 });
    expect(got[3]!.column).toBeNull();

    const old = (await previous.waitForEvents(p + 4)).slice(p);
    expect(old.map((event) => event.kind)).toEqual(Array(4).fill('RESYNC_REQUIRED'));
    // each with its event's id, so that it resumes after it
    expect(old.map((event) => event.id)).toEqual(got.map((event) => event.id));
  });
});

describe('who may listen, and for how long', () => {
  it('a non-member: NOT_FOUND, as for queries', async () => {
    const live = follow(outsider, { boardId });
    await live.completed;
    expect(live.results).toEqual([{ errors: [expect.objectContaining({ message: 'Board not found.' })] }]);
    expect(live.results[0]!.errors![0]!.extensions?.code).toBe('NOT_FOUND');
  });

  it('a page of another origin may not open a connection (4403): the WebSocket’s CSRF check', async () => {
    const { client, closed } = liveClient(api.url, member.client.cookie, { origin: 'https://elsewhere.example' });
    client.subscribe(
      { query: EVENTS, variables: { boardId } },
      { next: () => {}, error: () => {}, complete: () => {} },
    );
    expect(await closed).toBe(4403);
    await client.dispose();
  });

  it('the app’s own page behind the web client’s proxy may (Origin against X-Forwarded-Host)', async () => {
    const headers = { origin: 'https://board.example', 'x-forwarded-host': 'board.example' };
    const { client } = liveClient(api.url, member.client.cookie, headers);
    const events: unknown[] = [];
    client.subscribe(
      { query: EVENTS, variables: { boardId } },
      { next: (r) => events.push(r), error: () => {}, complete: () => {} },
    );
    await eventually(10, async () => {
      await createTask(owner, boardId, 'same origin');
      return events.length > 0 || undefined;
    });
    await client.dispose();
  });

  it('signed out: UNAUTHENTICATED', async () => {
    const live = follow(undefined, { boardId });
    await live.completed;
    expect(live.results[0]!.errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a member removed from the board: the removal, then the end, with why', async () => {
    const leaver = await api.user('Leaver');
    await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
      input: { boardId, email: leaver.email },
    });
    const live = follow(leaver, { boardId }, replicaUrl);
    await ready(live, boardId, owner);
    await owner.client.data('mutation($b: ID!, $u: ID!) { removeMember(boardId: $b, userId: $u) }', {
      b: boardId,
      u: leaver.id,
    });
    await live.completed;
    expect(live.events().at(-1)).toMatchObject({ kind: 'MEMBER_REMOVED', userId: leaver.id });
    expect(live.results.at(-1)!.errors).toEqual([
      expect.objectContaining({
        message: 'You are no longer a member of this board.',
        extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
      }),
    ]);
  });

  it('signing out closes the session’s connections (4401), on every replica', async () => {
    const leaving = await api.user('Leaving');
    const { client, closed } = liveClient(replicaUrl, leaving.client.cookie);
    const mine = await createBoard(leaving, 'Mine');
    const results: unknown[] = [];
    client.subscribe(
      { query: EVENTS, variables: { boardId: mine } },
      { next: (r) => results.push(r), error: () => {}, complete: () => {} },
    );
    await leaving.client.data('mutation { signOut }');
    expect(await closed).toBe(4401);
    await client.dispose();
  });

  it('a deleted board: BOARD_DELETED, then the end, with why', async () => {
    const doomed = await createBoard(owner, 'Doomed');
    const live = follow(owner, { boardId: doomed });
    await ready(live, doomed, owner);
    await owner.client.data('mutation($id: ID!) { deleteBoard(id: $id) }', { id: doomed });
    await live.completed;
    expect(live.events().at(-1)).toMatchObject({ kind: 'BOARD_DELETED' });
    expect(live.results.at(-1)!.errors![0]!.message).toBe('This board was deleted.');
  });
});

describe('a subscription that ends', () => {
  it('leaving a quiet board frees the subscription at once, not at the board’s next event', async () => {
    const quiet = await createBoard(owner, 'Quiet');
    const { feed } = api.app.services.live;
    const before = feed.size;
    const live = follow(owner, { boardId: quiet });
    await eventually(10, () => feed.size === before + 1);
    await live.dispose();
    // nothing happens on the board: the subscription must not wait for an event to notice
    await eventually(10, () => feed.size === before);
  });
});

describe('a replica that stops', () => {
  it('closes its subscribers’ connections with 1012 (Service Restart), on which clients reconnect at once', async () => {
    const stopping = await createApp(api.config, createLogger({ level: 'silent' }));
    await stopping.http.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(stopping.http.server.address() as { port: number }).port}`;
    const live = follow(owner, { boardId }, url);
    await ready(live, boardId, owner);
    await stopping.close();
    expect(await live.closed).toBe(1012);
  });
});

describe('the contract', () => {
  it('takes subscriptions only: queries and mutations go over HTTP', async () => {
    const live = subscribe(api.url, owner.client.cookie, '{ me { id } }', {});
    open.push(live);
    await live.completed;
    expect(live.results[0]!.errors![0]!.message).toMatch(/Only subscriptions go over WebSocket/);
  });

  it('refuses a subscription over HTTP with where to send it (400)', async () => {
    const response = await owner.client.request(EVENTS, { boardId });
    expect(response.status).toBe(400);
    expect(response.body.errors![0]!.message).toMatch(/Subscriptions go over WebSocket/);
  });

  it('holds subscription documents to the same limits (the same rules as over HTTP)', async () => {
    const aliases = `subscription { boardEvents(boardId: "${boardId}") { ${Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ')} } }`;
    const tooMany = subscribe(api.url, owner.client.cookie, aliases, {});
    open.push(tooMany);
    await tooMany.completed;
    expect(tooMany.results[0]!.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(tooMany.results[0]!.errors![0]!.message).toMatch(/alias/i);
  });
});

describe('the fan-out', () => {
  it('costs the same SQL for 20 subscribers as for 1', async () => {
    const fanOut = await createBoard(owner, 'Fan-out');
    /** the statements the API runs between a write and its delivery to every subscriber */
    // the polls and the session checks run on a timer, whatever happens; the rest is the write and
    // the delivery (the loaders of the event's fields)
    const delivery = () =>
      api.sql
        .map((line) => line.replace(/^(\w+): \(-?\d+\) sql: /, '$1: ').replace(/ - parameters:[\s\S]*$/, ''))
        // (the driver's log cuts long statements short: they are told apart by their first columns)
        .filter((sql) => !/^\w+: SELECT\W+(MAX\W+)?\w+\W+(BoardEvent|Session)\W/.test(sql));
    /** resolves once the API has run nothing but its timers' statements for 300 ms */
    const settled = async () => {
      for (let before = -1; before !== delivery().length;) {
        before = delivery().length;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    };
    const statementsFor = async (subscribers: Subscription[]) => {
      for (const s of subscribers) await ready(s, fanOut, owner);
      await settled();
      api.sql.length = 0;
      const counts = subscribers.map((s) => s.events().length);
      await createTask(owner, fanOut, 'counted');
      await Promise.all(subscribers.map((s, i) => s.waitForEvents(counts[i]! + 1)));
      await settled();
      return delivery().sort();
    };
    const one = await statementsFor([follow(owner, { boardId: fanOut })]);
    const twenty = await statementsFor(Array.from({ length: 20 }, () => follow(owner, { boardId: fanOut })));
    expect(twenty.length).toBeGreaterThan(0);
    expect(twenty).toEqual(one);
  });

  it('runs each event’s document once for every subscriber that sent it, whatever their resume points', async () => {
    const shared = await createBoard(owner, 'Shared');
    await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
      input: { boardId: shared, email: member.email },
    });
    const resumeFrom = await lastEventId(shared);
    // one document, two viewers, with and without a resume point; and a second document
    const same = Array.from({ length: 10 }, (_, i) =>
      follow(i % 2 ? member : owner, i % 3 ? { boardId: shared } : { boardId: shared, after: resumeFrom }),
    );
    const other = follow(
      owner,
      { boardId: shared },
      api.url,
      'subscription Other($boardId: ID!) { boardEvents(boardId: $boardId) { id kind taskId } }',
    );
    const everyone = [...same, other];
    for (const subscription of everyone) await ready(subscription, shared, owner);
    /** creates a task and resolves once it is every subscriber's latest event: nothing else is on its way */
    const write = async (title: string) => {
      const task = await createTask(owner, shared, title);
      await eventually(10, () => everyone.every((s) => s.events().at(-1)?.taskId === task.id));
    };
    await write('settles the warm-ups');
    const before = await liveMetrics();
    await write('counted');
    const after = await liveMetrics();
    // two documents: two executions of the event, for eleven deliveries
    expect(after.executions - before.executions).toBe(2);
    expect(after.deliveries - before.deliveries).toBe(11);
    const answers = new Set(same.map((s) => JSON.stringify(s.events().at(-1))));
    expect(answers.size).toBe(1);
    expect(other.events().at(-1)).toMatchObject({ kind: 'TASK_CREATED', id: same[0]!.events().at(-1)!.id });
  });

  it('shares nothing that depends on who asks: no field under BoardEvent does', async () => {
    // Board.viewerRole is the viewer's own; if BoardEvent ever reaches a Board (or any viewer* field),
    // the shared execution (graphql/shared-execution.ts) would hand one member's answer to another.
    const schema = await getSchema();
    const reachable = new Set<string>();
    const walk = (type: GraphQLNamedType) => {
      if (reachable.has(type.name) || !isObjectType(type)) return;
      reachable.add(type.name);
      for (const field of Object.values(type.getFields())) {
        expect(field.name, `${type.name}.${field.name}`).not.toMatch(/^viewer/);
        walk(getNamedType(field.type));
      }
    };
    walk(schema.getType('BoardEvent')!);
    expect(reachable).toContain('Task');
    expect(reachable).not.toContain('Board');
  });
});

/** the live counters of the API's /metrics */
async function liveMetrics(): Promise<{ executions: number; deliveries: number }> {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { executions: value('graphql_live_executions_total'), deliveries: value('graphql_live_deliveries_total') };
}

/** the board's newest event id, as the board page reads it (Board.liveFrom) */
async function lastEventId(board: string): Promise<string> {
  return (
    await owner.client.data<{ board: { liveFrom: string } }>('query($id: ID!) { board(id: $id) { liveFrom } }', {
      id: board,
    })
  ).board.liveFrom;
}
