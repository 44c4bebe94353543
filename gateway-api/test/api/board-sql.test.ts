// No N+1: the board view costs the same, small number of SQL statements whatever the page size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi, type TestUser } from '../support/api.js';

/** The web client's board view: three columns of K tasks with assignee, labels and comment count. */
const BOARD_VIEW = `query BoardView($id: ID!, $first: Int!) {
  board(id: $id) {
    id name viewerRole
    columns(first: $first) {
      status
      tasks {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { id title position version dueDate assignee { id name } labels { id name color } commentCount } }
      }
    }
  }
}`;

/** The web client's BoardPage, as its fragments add up: the board view plus members, labels and liveFrom. */
const BOARD_PAGE = `query BoardPage($id: ID!, $first: Int!) {
  board(id: $id) {
    id name viewerRole liveFrom
    members { role user { id name email } }
    labels { id name color }
    columns(first: $first) {
      id name position wipLimit
      tasks {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { id position title columnId version dueDate commentCount assignee { id name } labels { id name color } } }
      }
    }
  }
}`;

let api: TestApi;
let owner: TestUser;
const boards = new Map<number, string>();

beforeAll(async () => {
  api = await startApi();
  owner = await api.user('Owner');
  const others = await Promise.all([api.user('A'), api.user('B')]);
  const memberIds = [owner, ...others].map((u) => Number(u.id));
  const prisma = api.app.prisma;
  for (const k of [5, 50]) {
    const { createBoard } = await owner.client.data<{ createBoard: { id: string } }>(
      `mutation { createBoard(input: { name: "K=${k}" }) { id } }`,
    );
    const boardId = Number(createBoard.id);
    boards.set(k, createBoard.id);
    for (const other of others) {
      await prisma.membership.create({ data: { boardId, userId: Number(other.id) } });
    }
    const labels = await Promise.all(
      ['bug', 'feature', 'docs'].map((name) => prisma.label.create({ data: { boardId, name, color: '#123456' } })),
    );
    const columns = await prisma.boardColumn.findMany({ where: { boardId }, orderBy: { position: 'asc' } });
    for (const [s, column] of columns.entries()) {
      const { status } = column;
      for (let i = 0; i < k; i++) {
        const task = await prisma.task.create({
          data: {
            boardId,
            columnId: column.id,
            title: `${status} ${i}`,
            status,
            position: i * 1000,
            assigneeId: memberIds[(i + s) % 3]!,
          },
        });
        await prisma.taskLabel.createMany({
          data: [labels[i % 3]!, labels[(i + 1) % 3]!].map((l) => ({ taskId: task.id, labelId: l.id })),
        });
        await prisma.comment.createMany({
          data: Array.from({ length: i % 4 }, (_, c) => ({
            taskId: task.id,
            authorId: memberIds[c % 3]!,
            body: `c${c}`,
          })),
        });
      }
    }
  }
});
afterAll(async () => api?.close());

async function statementsFor(k: number, query = BOARD_VIEW) {
  // warm up: the pool's connections exist before we count
  await owner.client.data(query, { id: boards.get(k), first: k });
  api.sql.length = 0;
  const data = await owner.client.data<{
    board: {
      columns: {
        tasks: {
          totalCount: number;
          edges: { node: { assignee: unknown; labels: unknown[]; commentCount: number } }[];
        };
      }[];
    };
  }>(query, { id: boards.get(k), first: k });
  const statements = [...api.sql];
  return { data, statements };
}

describe('board view SQL', () => {
  it('costs the same number of statements for 3 x 5 and 3 x 50 tasks, at most 8', async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(50);

    for (const [k, run] of [
      [5, small],
      [50, large],
    ] as const) {
      const columns = run.data.board.columns;
      expect(columns.map((c) => c.tasks.totalCount)).toEqual([k, k, k]);
      expect(columns.flatMap((c) => c.tasks.edges)).toHaveLength(3 * k);
      for (const edge of columns.flatMap((c) => c.tasks.edges)) {
        expect(edge.node.assignee).not.toBeNull();
        expect(edge.node.labels).toHaveLength(2);
      }
    }
    console.log(`board view, 3 x 5 tasks: ${small.statements.length} statements`);
    console.log(
      `board view, 3 x 50 tasks: ${large.statements.length} SQL statements:\n${large.statements.map((s, i) => `  ${i + 1}. ${s.replace(/\s+/g, ' ').slice(0, 160)}`).join('\n')}`,
    );
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(8);
  });

  it('reads no task for columns asked for without their tasks (the task dialog’s choice of column)', async () => {
    const COLUMNS_ONLY =
      'query Columns($id: ID!, $first: Int!) { board(id: $id) { id columns(first: $first) { id name } } }';
    const { data, statements } = await statementsFor(50, COLUMNS_ONLY);
    expect(data.board.columns).toHaveLength(3);
    const kinds = statements.map((statement) => statement.replace(/\s+/g, ' ').slice(0, 90));
    expect(kinds.filter((statement) => /FROM Task\b/.test(statement))).toEqual([]);
    // session, board (with the viewer's role), its columns
    expect(statements).toHaveLength(3);
    // tasks asked for through a fragment are still read, with the columns
    const THROUGH_FRAGMENT = `query Columns($id: ID!, $first: Int!) {
      board(id: $id) { id columns(first: $first) { id ...ColumnTasks } }
    }
    fragment ColumnTasks on Column { tasks { totalCount } }`;
    const viaFragment = await statementsFor(50, THROUGH_FRAGMENT);
    expect(viaFragment.data.board.columns.map((c) => c.tasks.totalCount)).toEqual([50, 50, 50]);
  });

  it('the web client’s board page (members, labels, where live updates start) costs 8: one per thing it reads', async () => {
    const small = await statementsFor(5, BOARD_PAGE);
    const large = await statementsFor(50, BOARD_PAGE);
    expect(large.data.board.columns.flatMap((c) => c.tasks.edges)).toHaveLength(150);
    const kinds = large.statements.map((statement) => statement.replace(/\s+/g, ' ').slice(0, 90));
    console.log(`board page, 3 x 50 tasks: ${large.statements.length} SQL statements:\n  ${kinds.join('\n  ')}`);
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(8);
  });
});
