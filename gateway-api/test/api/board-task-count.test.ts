// Board.taskCount, as the boards list asks for it: right for every board, and one grouped count
// statement for the whole list, however many boards it holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi, type TestUser } from '../support/api.js';

/** The web client's boards list: each tile's name, task count, members and the viewer's role. */
const BOARDS = `query BoardTiles($first: Int!) {
  boards(first: $first) {
    edges { node { id name viewerRole taskCount members { role user { id name } } } }
  }
}`;

interface Tiles {
  boards: { edges: { node: { id: string; name: string; taskCount: number; members: unknown[] } }[] };
}

let api: TestApi;
let owner: TestUser;
let other: TestUser;

async function createBoard(user: TestUser, name: string): Promise<number> {
  const { createBoard } = await user.client.data<{ createBoard: { id: string } }>(
    'mutation($name: String!) { createBoard(input: { name: $name }) { id } }',
    { name },
  );
  return Number(createBoard.id);
}

/** `count` tasks spread over the board's columns, straight into the database (set-up, not under test). */
async function addTasks(boardId: number, count: number) {
  const columns = await api.app.prisma.boardColumn.findMany({ where: { boardId }, orderBy: { position: 'asc' } });
  for (let i = 0; i < count; i++) {
    const column = columns[i % columns.length]!;
    await api.app.prisma.task.create({
      data: { boardId, columnId: column.id, status: column.status, title: `Task ${i}`, position: i * 1000 },
    });
  }
}

/** The statements one boards-list request runs (after a warm-up, so the pool's connections exist). */
async function statementsFor(user: TestUser, first: number) {
  await user.client.data(BOARDS, { first });
  api.sql.length = 0;
  const data = await user.client.data<Tiles>(BOARDS, { first });
  return { data, statements: [...api.sql] };
}

const countStatements = (statements: string[]) =>
  statements.filter((sql) => /COUNT\(\*\)[\s\S]*\bFROM Task\b/.test(sql));

beforeAll(async () => {
  api = await startApi();
  [owner, other] = await Promise.all([api.user('Owner'), api.user('Other')]);
});
afterAll(async () => api?.close());

describe('Board.taskCount', () => {
  it("counts each board's tasks in all its columns, and only its own", async () => {
    const empty = await createBoard(owner, 'Empty');
    const few = await createBoard(owner, 'Few');
    const many = await createBoard(owner, 'Many');
    const notMine = await createBoard(other, 'Not mine');
    await addTasks(few, 2);
    await addTasks(many, 7);
    await addTasks(notMine, 4);

    const { boards } = await owner.client.data<Tiles>(BOARDS, { first: 20 });
    expect(boards.edges.map(({ node }) => [node.name, node.taskCount])).toEqual([
      ['Empty', 0],
      ['Few', 2],
      ['Many', 7],
    ]);
    expect(boards.edges.map(({ node }) => Number(node.id))).toEqual([empty, few, many]);

    // a created task counts at once; a deleted one no longer does
    const { createTask } = await owner.client.data<{ createTask: { id: string; version: number } }>(
      'mutation($boardId: ID!) { createTask(input: { boardId: $boardId, title: "One more" }) { id version } }',
      { boardId: String(empty) },
    );
    const board = 'query($id: ID!) { board(id: $id) { taskCount } }';
    expect(await owner.client.data(board, { id: String(empty) })).toEqual({ board: { taskCount: 1 } });
    await owner.client.data('mutation($id: ID!, $version: Int!) { deleteTask(id: $id, expectedVersion: $version) }', {
      id: createTask.id,
      version: createTask.version,
    });
    expect(await owner.client.data(board, { id: String(empty) })).toEqual({ board: { taskCount: 0 } });
    expect(await other.client.data(board, { id: String(notMine) })).toEqual({ board: { taskCount: 4 } });
  });

  it('costs one grouped count statement for a list of N boards, the same SQL for 2 boards as for 12', async () => {
    const reader = await api.user('Reader');
    for (let i = 0; i < 12; i++) {
      const boardId = await createBoard(reader, `Board ${i}`);
      await addTasks(boardId, i % 4);
    }

    const two = await statementsFor(reader, 2);
    const twelve = await statementsFor(reader, 12);
    expect(two.data.boards.edges).toHaveLength(2);
    expect(twelve.data.boards.edges.map(({ node }) => node.taskCount)).toEqual(
      Array.from({ length: 12 }, (_, i) => i % 4),
    );
    for (const { node } of twelve.data.boards.edges) expect(node.members).toHaveLength(1);

    console.log(
      `boards list, 12 boards: ${twelve.statements.length} SQL statements:\n${twelve.statements.map((s, i) => `  ${i + 1}. ${s.replace(/\s+/g, ' ').slice(0, 200)}`).join('\n')}`,
    );
    const [count] = countStatements(twelve.statements);
    expect(countStatements(twelve.statements)).toHaveLength(1);
    expect(count).toMatch(/GROUP BY boardId/);
    expect(countStatements(two.statements)).toHaveLength(1);
    expect(twelve.statements.length).toBe(two.statements.length);
  });
});
