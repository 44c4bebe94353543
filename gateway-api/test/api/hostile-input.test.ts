// Hostile input is the client's mistake, never the server's: crafted cursors, malformed ids and
// operations the schema cannot run are answered BAD_USER_INPUT (or a validation error), with no
// error-level log line. One test per case found in the wild; test/api/fuzz.test.ts covers the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi, type TestUser } from '../support/api.js';

let api: TestApi;
let member: TestUser;
let boardId: string;
let taskId: string;

const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
const BAD_CURSOR = { code: 'BAD_USER_INPUT', fields: { after: ['is not a cursor this list gave out'] } };

beforeAll(async () => {
  api = await startApi();
  member = await api.user('Member');
  boardId = (
    await member.client.data<{ createBoard: { id: string } }>(
      'mutation { createBoard(input: { name: "Hostile" }) { id } }',
    )
  ).createBoard.id;
  taskId = (
    await member.client.data<{ createTask: { id: string } }>(
      'mutation($boardId: ID!) { createTask(input: { boardId: $boardId, title: "Target" }) { id } }',
      { boardId },
    )
  ).createTask.id;
  await member.client.data('mutation($taskId: ID!) { addComment(input: { taskId: $taskId, body: "hi" }) { id } }', {
    taskId,
  });
});
afterAll(async () => api?.close());

describe('operations the schema cannot run', () => {
  it('rejects a subscription over HTTP as a validation error that says where to send it, not an internal one', async () => {
    const response = await member.client.request('subscription { me { id } }');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: expect.stringMatching(/^Subscriptions go over WebSocket/),
          extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
        }),
      ]),
    );
  });
});

describe('crafted cursors', () => {
  const TASKS = `query($boardId: ID!, $after: String) {
    board(id: $boardId) { tasks(status: TODO, after: $after) { totalCount } } }`;
  const COMMENTS = `query($taskId: ID!, $after: String) {
    task(id: $taskId) { comments(after: $after) { totalCount } } }`;
  const BOARDS = 'query($after: String) { boards(after: $after) { totalCount } }';
  const SEARCH =
    'query($boardId: ID!, $after: String) { searchTasks(boardId: $boardId, query: "target", after: $after) { totalCount } }';

  /** Runs `query` with each cursor: every one must give exactly one BAD_USER_INPUT on `after`. */
  async function expectRejected(query: string, variables: Record<string, unknown>, cursors: string[]) {
    for (const after of cursors) {
      const { body } = await member.client.request(query, { ...variables, after });
      expect([after, body.errors?.map((e) => e.extensions)]).toEqual([after, [BAD_CURSOR]]);
    }
  }

  it('rejects a 1e300 position in Board.tasks(after:)', async () => {
    await expectRejected(TASKS, { boardId }, [forged([1e300, 1])]);
  });

  it('rejects a 1e300 time in Task.comments(after:)', async () => {
    await expectRejected(COMMENTS, { taskId }, [forged([1e300, 1])]);
  });

  it('rejects cursors of the wrong shape, type or range in every list', async () => {
    const common = [
      '',
      'nonsense',
      '!!!!',
      forged(null),
      forged({}),
      forged({ 0: 1 }),
      forged('1'),
      forged([]),
      forged([null]),
      forged([true]),
      forged([[1]]),
      forged([1.5]),
      forged(['1']),
      forged([1e300]),
      forged([-1e300]),
      forged([2 ** 53]),
      `${forged([1])}=`,
      ` ${forged([1])}`,
      'x'.repeat(10_000),
    ];
    await expectRejected(BOARDS, {}, [...common, forged([-1]), forged([0]), forged([2 ** 31])]);
    await expectRejected(SEARCH, { boardId }, [...common, forged([-1]), forged([2 ** 31])]);
    const pairs = [
      ...common,
      forged([1]),
      forged([1, 2, 3]),
      forged([1, '1']),
      forged([1, 1.5]),
      forged([1, -1]),
      forged([1, 2 ** 31]),
      forged([Number.MAX_SAFE_INTEGER, 1]),
    ];
    await expectRejected(TASKS, { boardId }, [...pairs, forged([2 ** 31, 1]), forged([1.5, 1])]);
    await expectRejected(COMMENTS, { taskId }, [
      ...pairs,
      forged([8.64e15 + 1, 1]),
      forged([Date.UTC(10000, 0, 1), 1]),
      forged([Date.UTC(999, 11, 31), 1]),
      forged([1.5, 1]),
    ]);
  });

  it('still accepts the cursors the lists give out, and the edges of their ranges', async () => {
    const page = await member.client.data<{ task: { comments: { pageInfo: { endCursor: string } } } }>(
      'query($taskId: ID!) { task(id: $taskId) { comments(first: 1) { pageInfo { endCursor } } } }',
      { taskId },
    );
    const ok = async (query: string, variables: Record<string, unknown>) => {
      const { body } = await member.client.request(query, variables);
      expect(body.errors).toBeUndefined();
    };
    await ok(COMMENTS, { taskId, after: page.task.comments.pageInfo.endCursor });
    await ok(COMMENTS, { taskId, after: forged([0, 1]) });
    await ok(COMMENTS, { taskId, after: forged([Date.UTC(9999, 11, 31, 23, 59, 59, 999), 2 ** 31 - 1]) });
    await ok(TASKS, { boardId, after: forged([-(2 ** 31), 1]) });
    await ok(TASKS, { boardId, after: forged([2 ** 31 - 1, 2 ** 31 - 1]) });
    await ok(BOARDS, { after: forged([2 ** 31 - 1]) });
    await ok(SEARCH, { boardId, after: forged([0]) });
  });
});

describe('malformed ids', () => {
  it('rejects ids that are not the canonical decimal form the API gives out', async () => {
    const BOARD = 'query($id: ID!) { board(id: $id) { id } }';
    for (const id of [
      '',
      ' ',
      '0',
      '-1',
      '1.0',
      '1e3',
      '0x1',
      '01',
      ` ${boardId}`,
      `${boardId}\n`,
      '2147483648',
      '١',
    ]) {
      const { body } = await member.client.request(BOARD, { id });
      expect([id, body.errors?.map((e) => e.extensions)]).toEqual([
        id,
        [{ code: 'BAD_USER_INPUT', fields: { id: ['must be the id of an existing item'] } }],
      ]);
    }
    expect((await member.client.request(BOARD, { id: Number(boardId) })).body.errors).toBeUndefined();
  });
});
