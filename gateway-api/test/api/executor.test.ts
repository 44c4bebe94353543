// Queries run compiled by graphql-jit (graphql/jit.ts, the default); GRAPHQL_EXECUTOR=graphql-js runs
// graphql-js's interpreter instead. The same requests, on the same database and session, must get
// the same answers byte for byte from both: data, errors, codes, paths and HTTP status. (Every other
// API test runs under the default, so under graphql-jit.)
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createLogger } from '../../src/lib/logger.js';
import { GraphQLClient, startApi, type TestApi, type TestUser } from '../support/api.js';

let api: TestApi;
let interpreted: App;
let owner: TestUser;
let outsider: TestUser;
let boardId: string;
let taskId: string;

/** owner's session, on the other server */
let other: GraphQLClient;

beforeAll(async () => {
  api = await startApi();
  expect(api.config.executor).toBe('jit');
  interpreted = await createApp({ ...api.config, executor: 'graphql-js' }, createLogger({ level: 'silent' }));
  await interpreted.http.listen({ host: '127.0.0.1', port: 0 });
  other = new GraphQLClient(`http://127.0.0.1:${(interpreted.http.server.address() as AddressInfo).port}`);
  [owner, outsider] = await Promise.all([api.user('Owner'), api.user('Outsider')]);
  other.cookie = owner.client.cookie;
  boardId = (
    await owner.client.data<{ createBoard: { id: string } }>('mutation { createBoard(input: { name: "Same" }) { id } }')
  ).createBoard.id;
  const label = await owner.client.data<{ createLabel: { id: string } }>(
    'mutation($input: CreateLabelInput!) { createLabel(input: $input) { id } }',
    { input: { boardId, name: 'urgent', color: '#aa0000' } },
  );
  for (let i = 1; i <= 30; i++) {
    const { createTask } = await owner.client.data<{ createTask: { id: string } }>(
      'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }',
      {
        input: {
          boardId,
          title: `Same answer ${i}`,
          description: i % 3 ? null : `Described ${i}`,
          assigneeId: i % 2 ? owner.id : null,
          dueDate: i % 4 ? null : '2026-12-01T00:00:00.000Z',
          labelIds: i % 5 ? [] : [label.createLabel.id],
        },
      },
    );
    taskId = createTask.id;
  }
  await owner.client.data('mutation($input: AddCommentInput!) { addComment(input: $input) { id } }', {
    input: { taskId, body: 'A comment' },
  });
});
afterAll(async () => {
  await interpreted?.close();
  await api?.close();
});

const BOARD_VIEW = `query BoardView($id: ID!, $first: Int!) {
  me { id name email }
  board(id: $id) {
    id name viewerRole liveFrom createdAt
    members { role joinedAt user { id name } }
    labels { id name color }
    columns(first: $first) {
      id name position wipLimit
      tasks {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node {
          id title description columnId position version dueDate createdAt commentCount
          assignee { id name } labels { id name color }
        } }
      }
    }
  }
}`;

async function both(query: string, variables: Record<string, unknown> = {}, as: GraphQLClient = owner.client) {
  const cookie = other.cookie;
  other.cookie = as.cookie;
  try {
    const [compiled, plain] = await Promise.all([as.request(query, variables), other.request(query, variables)]);
    return {
      compiled: { status: compiled.status, body: compiled.body },
      plain: { status: plain.status, body: plain.body },
    };
  } finally {
    other.cookie = cookie;
  }
}

describe('graphql-jit and graphql-js answer the same', () => {
  it('the board view, with fragments, aliases, variables and lists of lists', async () => {
    const { compiled, plain } = await both(BOARD_VIEW, { id: boardId, first: 20 });
    expect(compiled.body.errors).toBeUndefined();
    expect(JSON.stringify(compiled)).toBe(JSON.stringify(plain));
    const again = await both(
      `fragment T on Task { id title } query { a: task(id: "${taskId}") { ...T } b: task(id: "${taskId}") { id ...T comments(first: 5) { totalCount edges { node { body author { name } } } } } }`,
    );
    expect(again.compiled.body.errors).toBeUndefined();
    expect(JSON.stringify(again.compiled)).toBe(JSON.stringify(again.plain));
  });

  it('search with every filter, and @skip / @include', async () => {
    const query = `query($b: ID!, $q: String!, $open: Boolean, $withLabels: Boolean!) {
      searchTasks(boardId: $b, query: $q, open: $open, order: BOARD, first: 7) {
        totalCount edges { node { id title labels @include(if: $withLabels) { name } assignee @skip(if: $withLabels) { id } } }
      }
    }`;
    for (const variables of [
      { b: boardId, q: 'answer', withLabels: true },
      { b: boardId, q: '', open: true, withLabels: false },
    ]) {
      const { compiled, plain } = await both(query, variables);
      expect(compiled.body.errors).toBeUndefined();
      expect(JSON.stringify(compiled)).toBe(JSON.stringify(plain));
    }
  });

  it('errors: not found, bad arguments, bad variables, not signed in, an outsider', async () => {
    const cases: [string, Record<string, unknown>, GraphQLClient][] = [
      ['query($id: ID!) { board(id: $id) { id } }', { id: '999999' }, owner.client],
      ['query($id: ID!) { board(id: $id) { id } }', { id: 'not-a-number' }, owner.client],
      [
        'query($id: ID!, $first: Int!) { board(id: $id) { columns(first: $first) { id } } }',
        { id: boardId, first: 1000 },
        owner.client,
      ],
      ['query($id: ID!) { board(id: $id) { id } }', { id: { nested: true } }, owner.client],
      ['query($id: ID!) { board(id: $id) { id } }', {}, owner.client],
      ['query($b: ID!) { searchTasks(boardId: $b, query: "") { totalCount } }', { b: boardId }, owner.client],
      [
        'query($b: ID!) { searchTasks(boardId: $b, query: "x", unassigned: true, assigneeId: "1") { totalCount } }',
        { b: boardId },
        owner.client,
      ],
      ['query($id: ID!) { board(id: $id) { id name } }', { id: boardId }, outsider.client],
      ['query($id: ID!) { board(id: $id) { id name } }', { id: boardId }, new GraphQLClient(api.url)],
      ['{ me { id } boards { id name } }', {}, new GraphQLClient(api.url)],
    ];
    for (const [query, variables, as] of cases) {
      const { compiled, plain } = await both(query, variables, as);
      expect(compiled.body.errors?.length, query).toBeGreaterThan(0);
      expect([query, variables, compiled]).toEqual([query, variables, plain]);
    }
  });

  it('a document whose operation cannot be chosen (several, none named; a name it lacks) is a request error, not a crash', async () => {
    const send = async (url: string, body: Record<string, unknown>) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: owner.client.cookie ?? '' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    for (const body of [
      { query: 'query A { me { id } } query B { me { name } }' },
      { query: 'query Boards { me { id } }', operationName: 'MoveTask' },
      { query: 'mutation Rename { renameBoard(input: { id: "1", name: "x" }) { id } }', operationName: 'Other' },
    ]) {
      const [compiled, plain] = await Promise.all([send(api.url, body), send(other.url, body)]);
      expect(JSON.stringify(compiled.body), body.query).not.toContain('INTERNAL_SERVER_ERROR');
      expect(compiled).toEqual(plain);
    }
  });

  it('mutations run in graphql-js on both: a failed root field stops the ones after it', async () => {
    const aliases = [1, 2, 3]
      .map((i) => `m${i}: renameBoard(input: { id: "${i === 2 ? '999999' : boardId}", name: "Renamed ${i}" }) { name }`)
      .join('\n');
    const { body } = await owner.client.request(`mutation { ${aliases} }`);
    expect(body.data).toBeNull();
    expect(body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['m2'], 'NOT_FOUND']]);
    const { board } = await owner.client.data<{ board: { name: string } }>(
      'query($id: ID!) { board(id: $id) { name } }',
      {
        id: boardId,
      },
    );
    expect(board.name).toBe('Renamed 1');
  });
});
