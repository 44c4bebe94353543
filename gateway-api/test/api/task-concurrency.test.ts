// Optimistic concurrency under real races: two writers send the same expectedVersion at the same
// time; exactly one wins, the other gets CONFLICT and changes nothing.
import mariadb from 'mariadb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionOptions } from '../../src/db/connection.js';
import { startApi, type GraphQLResponse, type TestApi, type TestUser } from '../support/api.js';

let api: TestApi;
let owner: TestUser;
let member: TestUser;
let boardId: string;
let labelA: number;
let labelB: number;

interface Written {
  id: string;
  title: string;
  status: string;
  position: number;
  version: number;
  labels: { id: string }[];
}
type Result = GraphQLResponse<{ updateTask?: Written; moveTask?: Written; createTask?: Written }>;

const FIELDS = 'id title status position version labels { id }';
const UPDATE = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { ${FIELDS} } }`;
const MOVE = `mutation($input: MoveTaskInput!) { moveTask(input: $input) { ${FIELDS} } }`;
const CREATE = `mutation($input: CreateTaskInput!) { createTask(input: $input) { ${FIELDS} } }`;

async function createTask(title: string, status = 'TODO'): Promise<Written> {
  const data = await owner.client.data<{ createTask: Written }>(CREATE, { input: { boardId, title, status } });
  return data.createTask;
}

/** splits a pair of responses into the winner's data and the loser's error */
function winnerAndLoser(results: Result[], field: 'updateTask' | 'moveTask') {
  const won = results.filter((r) => r.body.data?.[field]);
  const lost = results.filter((r) => r.body.errors?.length);
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  return { winner: won[0]!.body.data![field]!, loser: lost[0]!.body.errors![0]! };
}

/**
 * Runs `writes` while another connection holds the task's row lock, and lets go only once all of
 * them are blocked in their guarded statement: every writer has then passed the early version
 * check, so only the guarded UPDATE/DELETE can stop the losers.
 */
async function pastTheEarlyCheck<T>(taskId: string, writes: () => Promise<T>[]): Promise<T[]> {
  const conn = await mariadb.createConnection(connectionOptions(api.db.config));
  try {
    await conn.beginTransaction();
    await conn.query('SELECT id FROM Task WHERE id = ? FOR UPDATE', [Number(taskId)]);
    const pending = writes();
    const all = Promise.all(pending);
    for (let waiting = 0; waiting < pending.length;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      // our own user's threads are visible without the PROCESS privilege
      const [row] = await conn.query<{ n: bigint }[]>(
        `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()
           AND (INFO LIKE 'UPDATE%' OR INFO LIKE 'DELETE%' OR INFO LIKE '%FOR UPDATE')`,
        [api.db.config.database],
      );
      waiting = Number(row?.n ?? 0);
    }
    await conn.commit();
    return await all;
  } finally {
    await conn.end();
  }
}

beforeAll(async () => {
  api = await startApi();
  [owner, member] = await Promise.all([api.user('Owner'), api.user('Member')]);
  boardId = (
    await owner.client.data<{ createBoard: { id: string } }>('mutation { createBoard(input: { name: "Race" }) { id } }')
  ).createBoard.id;
  await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
    input: { boardId, email: member.email },
  });
  const label = (name: string) =>
    api.app.prisma.label.create({ data: { boardId: Number(boardId), name, color: '#abcdef' } }).then((l) => l.id);
  [labelA, labelB] = await Promise.all([label('a'), label('b')]);
});
afterAll(async () => api?.close());

describe('concurrent writes with the same expectedVersion', () => {
  it('200 pairs of updateTask: one wins each pair, the loser changes nothing, the version rises by one', async () => {
    const task = await createTask('Race 0');
    let version = task.version;
    let wins = { owner: 0, member: 0 };
    for (let pair = 1; pair <= 200; pair++) {
      // Each writer also replaces the label set, so a loser that leaked any change would show.
      const results = await Promise.all([
        owner.client.request(UPDATE, {
          input: { id: task.id, expectedVersion: version, title: `owner ${pair}`, labelIds: [labelA] },
        }),
        member.client.request(UPDATE, {
          input: { id: task.id, expectedVersion: version, title: `member ${pair}`, labelIds: [labelB] },
        }),
      ]);
      const { winner, loser } = winnerAndLoser(results, 'updateTask');
      expect(loser.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: version + 1 });
      expect(winner.version).toBe(version + 1);
      version = winner.version;

      const byOwner = winner.title.startsWith('owner');
      wins = { owner: wins.owner + (byOwner ? 1 : 0), member: wins.member + (byOwner ? 0 : 1) };
      const stored = await api.app.prisma.task.findUniqueOrThrow({
        where: { id: Number(task.id) },
        include: { labels: true },
      });
      expect([stored.title, stored.version, stored.labels.map((l) => l.labelId)]).toEqual([
        winner.title,
        version,
        [byOwner ? labelA : labelB],
      ]);
    }
    expect(version).toBe(1 + 200);
    expect(wins.owner + wins.member).toBe(200);
  });

  it('pairs of moveTask: one wins each pair; the column stays in a strict order', async () => {
    const others = [];
    for (let i = 0; i < 4; i++) others.push(await createTask(`Still ${i}`, 'IN_PROGRESS'));
    const task = await createTask('Mover', 'IN_PROGRESS');
    let version = task.version;
    for (let pair = 1; pair <= 30; pair++) {
      const results = await Promise.all(
        [owner, member].map((user, i) =>
          user.client.request(MOVE, {
            input: { id: task.id, expectedVersion: version, status: 'IN_PROGRESS', index: (pair + 2 * i) % 5 },
          }),
        ),
      );
      const { winner, loser } = winnerAndLoser(results, 'moveTask');
      expect(loser.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: version + 1 });
      version = winner.version;
    }
    expect(version).toBe(1 + 30);
    const column = await api.app.prisma.task.findMany({
      where: { boardId: Number(boardId), status: 'IN_PROGRESS' },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
    });
    expect(column).toHaveLength(5);
    expect(new Set(column.map((t) => t.position)).size).toBe(5);
    expect(column.filter((t) => t.id !== Number(task.id)).map((t) => t.title)).toEqual(others.map((t) => t.title));
  });

  it('concurrent createTask calls in one column each get their own place at the end', async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? owner : member).client.data<{ createTask: Written }>(CREATE, {
          input: { boardId, title: `Parallel ${i}`, status: 'DONE' },
        }),
      ),
    );
    const positions = created.map((c) => c.createTask.position);
    expect(new Set(positions).size).toBe(12);
    const column = await api.app.prisma.task.findMany({
      where: { boardId: Number(boardId), status: 'DONE' },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
    });
    // appended in the order the creates committed, which is the order of their ids
    expect(column.map((t) => t.id)).toEqual([...column.map((t) => t.id)].sort((a, b) => a - b));
  });

  it('the guarded write decides even when every writer passed the early version check', async () => {
    const task = await createTask('Blocked');
    const update = (user: TestUser, title: string, labelIds: number[]) =>
      user.client.request(UPDATE, { input: { id: task.id, expectedVersion: 1, title, labelIds } });
    const updates = await pastTheEarlyCheck(task.id, () => [
      update(owner, 'owner', [labelA]),
      update(member, 'member', [labelB]),
    ]);
    const { winner, loser } = winnerAndLoser(updates, 'updateTask');
    expect(loser.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const stored = await api.app.prisma.task.findUniqueOrThrow({
      where: { id: Number(task.id) },
      include: { labels: true },
    });
    expect([stored.title, stored.version, stored.labels.map((l) => l.labelId)]).toEqual([
      winner.title,
      2,
      [winner.title === 'owner' ? labelA : labelB],
    ]);

    const moves = await pastTheEarlyCheck(task.id, () =>
      [0, 1].map(() =>
        owner.client.request(MOVE, { input: { id: task.id, expectedVersion: 2, status: 'DONE', index: 0 } }),
      ),
    );
    expect(winnerAndLoser(moves, 'moveTask').loser.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });

    const DELETE = 'mutation($id: ID!) { deleteTask(id: $id, expectedVersion: 3) }';
    const [deleted, late] = await pastTheEarlyCheck(task.id, () => [
      member.client.request(DELETE, { id: task.id }),
      owner.client.request(DELETE, { id: task.id }),
    ]);
    const outcomes = [deleted, late].map((r) => r!.body.data?.deleteTask ?? r!.body.errors?.[0]?.extensions?.code);
    expect(outcomes.sort()).toEqual([task.id, 'NOT_FOUND'].sort());
  });
});
