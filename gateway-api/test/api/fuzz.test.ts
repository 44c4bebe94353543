// Property: whatever arguments a client sends to whatever field, the answer is never an internal
// error nor a 5xx. Operations come from the schema (test/support/hostile-operations.ts): every
// Query and Mutation field and every nested field with arguments, with hostile argument values,
// sent signed out and signed in as a member of a seeded board (so resolvers go past auth checks).
//
// The run is bounded and reproducible: FUZZ_SEED (default below) and FUZZ_RUNS (per client) set it,
// and a failure prints fast-check's seed and path; rerun with FUZZ_SEED=<seed> FUZZ_PATH=<path>.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../../src/graphql/schema.js';
import { GraphQLClient, startApi, type GraphQLResponse, type TestApi, type TestUser } from '../support/api.js';
import {
  caseOf,
  requestOf,
  targetsOf,
  type HostileCase,
  type SeedRef,
  type Target,
} from '../support/hostile-operations.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const PATH = process.env.FUZZ_PATH;

let api: TestApi;
let owner: TestUser;
let member: TestUser;
let targets: Target[];

/** Seeded ids by GraphQL type; index 0 is the one parents are reached through. */
const seeds: Record<string, string[]> = {};
let memberCookie: string;

const gql = async <T>(client: GraphQLClient, query: string, variables: Record<string, unknown> = {}) =>
  client.data<T>(query, variables);

async function createTask(boardId: string, title: string) {
  const { createTask } = await gql<{ createTask: { id: string } }>(
    member.client,
    'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }',
    { input: { boardId, title, description: 'seeded for the fuzz test' } },
  );
  return createTask.id;
}
async function addComment(taskId: string, body: string) {
  const { addComment } = await gql<{ addComment: { id: string } }>(
    member.client,
    'mutation($taskId: ID!, $body: String!) { addComment(input: { taskId: $taskId, body: $body }) { id } }',
    { taskId, body },
  );
  return addComment.id;
}
async function createLabel(boardId: string) {
  const { createLabel } = await gql<{ createLabel: { id: string } }>(
    member.client,
    'mutation($boardId: ID!, $name: String!) { createLabel(input: { boardId: $boardId, name: $name, color: "#aa0000" }) { id } }',
    { boardId, name: `seed ${Math.random().toString(36).slice(2, 8)}` },
  );
  return createLabel.id;
}

/**
 * Puts the seed back after a mutation case: the member may have signed out, left the board, or
 * deleted the seeded task, comment or label; every later case must still reach them.
 */
async function repairSeed() {
  member.client.cookie = memberCookie;
  const [boardId] = seeds.Board!;
  const check = async () =>
    member.client.request<{
      me: { id: string } | null;
      board: { labels: { id: string }[] } | null;
      task: { comments: { edges: { node: { id: string } }[] } } | null;
    }>(
      'query($board: ID!, $task: ID!) { me { id } board(id: $board) { labels { id } } task(id: $task) { comments(first: 100) { edges { node { id } } } } }',
      { board: boardId, task: seeds.Task![0] },
    );
  let { body } = await check();
  if (!body.data?.me) {
    await member.client.data('mutation($input: SignInInput!) { signIn(input: $input) { user { id } } }', {
      input: { email: member.email, password: member.password },
    });
    memberCookie = member.client.cookie!;
    ({ body } = await check());
  }
  if (!body.data?.board) {
    await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
      input: { boardId, email: member.email },
    });
    ({ body } = await check());
  }
  if (!body.data?.task) {
    seeds.Task![0] = await createTask(boardId!, 'Seeded again');
    ({ body } = await check());
  }
  const comments = body.data?.task?.comments.edges.map((e) => e.node.id) ?? [];
  if (!comments.includes(seeds.Comment![0]!)) seeds.Comment![0] = await addComment(seeds.Task![0]!, 'again');
  const labels = body.data?.board?.labels.map((l) => l.id) ?? [];
  if (!labels.includes(seeds.Label![0]!)) seeds.Label![0] = await createLabel(boardId!);
}

beforeAll(async () => {
  api = await startApi();
  [owner, member] = await Promise.all([api.user('Owner'), api.user('Member')]);
  const outsider = await api.user('Outsider');
  const board = async (client: GraphQLClient, name: string) =>
    (
      await gql<{ createBoard: { id: string } }>(
        client,
        'mutation($name: String!) { createBoard(input: { name: $name }) { id } }',
        {
          name,
        },
      )
    ).createBoard.id;
  const boardId = await board(owner.client, 'Fuzzed');
  await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
    input: { boardId, email: member.email },
  });
  const elsewhere = await board(outsider.client, 'Not yours');
  const tasks = [await createTask(boardId, 'First'), await createTask(boardId, 'Second')];
  const comments = [await addComment(tasks[0]!, 'one'), await addComment(tasks[0]!, 'two')];
  seeds.Board = [boardId, elsewhere];
  seeds.Task = tasks;
  seeds.Comment = comments;
  seeds.Label = [await createLabel(boardId)];
  seeds.User = [member.id, owner.id, outsider.id];
  memberCookie = member.client.cookie!;
  targets = targetsOf(await getSchema());
});
afterAll(async () => api?.close());

/** What no answer may be: a 5xx, or an error the server did not expect. */
function expectClientError(c: HostileCase, request: { query: string; variables: unknown }, response: GraphQLResponse) {
  const unexpected = (response.body.errors ?? []).filter(
    (e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.extensions?.code === 'DATABASE_UNAVAILABLE',
  );
  if (response.status >= 500 || unexpected.length) {
    throw new Error(
      `${c.target.name} answered HTTP ${response.status} ${JSON.stringify(response.body.errors)}\n` +
        `request: ${JSON.stringify(request).slice(0, 2000)}`,
    );
  }
}

function idOf(ref: SeedRef): string {
  const ids = seeds[ref.kind] ?? seeds.Board!;
  return ids[ref.index % ids.length]!;
}

async function fuzz(signedIn: boolean) {
  const schemaSeeds = new Set(Object.keys(seeds));
  // fields that take a cursor are tried three times as often: each has its own decoding
  const cases = fc.oneof(
    ...targets.map((target) => ({
      weight: target.field.args.some((arg) => arg.name === 'after') ? 3 : 1,
      arbitrary: caseOf(target, schemaSeeds),
    })),
  );
  const counts = new Map<string, number>();
  /** how the answers ended, to see that cases get past coercion and into resolvers */
  const outcomes = new Map<string, number>();
  const started = performance.now();
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(cases, async (c) => {
      runs++;
      counts.set(c.target.name, (counts.get(c.target.name) ?? 0) + 1);
      const client = new GraphQLClient(api.url);
      if (signedIn) client.cookie = memberCookie;
      const request = requestOf(c, idOf);
      const response = await client.request(request.query, request.variables);
      if (signedIn && c.target.operation === 'mutation') await repairSeed();
      const outcome = String(
        response.body.errors?.[0]?.extensions?.code ?? (response.body.data ? 'data' : response.status),
      );
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      expectClientError(c, request, response);
    }),
    { seed: SEED, numRuns: RUNS, ...(PATH ? { path: PATH } : {}) },
  );
  console.log(
    `fuzz (${signedIn ? 'signed in' : 'signed out'}): seed ${SEED}, ${runs} cases over ${counts.size} of ` +
      `${targets.length} fields in ${Math.round(performance.now() - started)} ms; ` +
      `answers: ${JSON.stringify(Object.fromEntries([...outcomes].sort(([, a], [, b]) => b - a)))}`,
  );
  // every field with arguments was tried
  expect(counts.size).toBe(targets.length);
}

describe('hostile arguments for every field', () => {
  it('reaches every field that takes arguments, nested ones included', () => {
    const names = targets.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['Query.board', 'Mutation.createTask', 'Board.tasks', 'Task.comments']),
    );
    expect(names).toContain('Board.columns');
  });

  it('never answers with an internal error, signed out', async () => {
    await fuzz(false);
  });

  it('never answers with an internal error, signed in as a member of a seeded board', async () => {
    await fuzz(true);
  });
});
