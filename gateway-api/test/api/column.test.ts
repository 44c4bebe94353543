// A board's own columns over HTTP: the defaults, the owner's add / rename / WIP limit / reorder /
// delete (with where the tasks go), tasks created, moved, listed and searched by column, the
// deprecated status arguments still working for the previous release's clients, and the repair of
// tasks the previous release writes during a rollout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi, type TestUser } from '../support/api.js';

let api: TestApi;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;

interface ColumnData {
  id: string;
  name: string;
  position: number;
  wipLimit: number | null;
}
interface TaskData {
  id: string;
  title: string;
  status: string;
  columnId: string;
  version: number;
}

const COLUMN_FIELDS = 'id name position wipLimit';
const TASK_FIELDS = 'id title status columnId version';
const CREATE = `mutation($input: CreateColumnInput!) { createColumn(input: $input) { ${COLUMN_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateColumnInput!) { updateColumn(input: $input) { ${COLUMN_FIELDS} } }`;
const MOVE = `mutation($input: MoveColumnInput!) { moveColumn(input: $input) { ${COLUMN_FIELDS} } }`;
const DELETE = `mutation($input: DeleteColumnInput!) { deleteColumn(input: $input) { ${COLUMN_FIELDS} } }`;
const CREATE_TASK = `mutation($input: CreateTaskInput!) { createTask(input: $input) { ${TASK_FIELDS} } }`;
const MOVE_TASK = `mutation($input: MoveTaskInput!) { moveTask(input: $input) { ${TASK_FIELDS} } }`;

async function createBoard(user: TestUser, name: string): Promise<string> {
  const data = await user.client.data<{ createBoard: { id: string } }>(
    'mutation($name: String!) { createBoard(input: { name: $name }) { id } }',
    { name },
  );
  return data.createBoard.id;
}

/** the board's columns with their tasks' titles, in order */
async function board(user: TestUser, id: string) {
  const data = await user.client.data<{
    board: { columns: (ColumnData & { status: string; tasks: { totalCount: number; edges: { node: TaskData }[] } })[] };
  }>(
    `query($id: ID!) { board(id: $id) { columns(first: 50) { ${COLUMN_FIELDS} status tasks { totalCount edges { node { ${TASK_FIELDS} } } } } } }`,
    { id },
  );
  return data.board.columns.map(({ tasks, ...column }) => ({
    ...column,
    total: tasks.totalCount,
    titles: tasks.edges.map((edge) => edge.node.title),
  }));
}

const createColumn = async (user: TestUser, input: Record<string, unknown>) =>
  (await user.client.data<{ createColumn: ColumnData }>(CREATE, { input })).createColumn;
const createTask = async (user: TestUser, input: Record<string, unknown>) =>
  (await user.client.data<{ createTask: TaskData }>(CREATE_TASK, { input })).createTask;

beforeAll(async () => {
  api = await startApi();
  [owner, member, outsider] = await Promise.all([api.user('Owner'), api.user('Member'), api.user('Outsider')]);
});
afterAll(async () => api?.close());

async function sharedBoard(name: string): Promise<string> {
  const id = await createBoard(owner, name);
  await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
    input: { boardId: id, email: member.email },
  });
  return id;
}

describe('a new board', () => {
  it('starts with To do, In progress and Done, in that order, without limits', async () => {
    const id = await createBoard(owner, 'Fresh');
    expect(
      (await board(owner, id)).map(({ name, position, wipLimit, status }) => ({ name, position, wipLimit, status })),
    ).toEqual([
      { name: 'To do', position: 0, wipLimit: null, status: 'TODO' },
      { name: 'In progress', position: 1, wipLimit: null, status: 'IN_PROGRESS' },
      { name: 'Done', position: 2, wipLimit: null, status: 'DONE' },
    ]);
  });
});

describe('the owner manages the columns', () => {
  it('adds a column where asked (at the end by default), renames it and sets and removes its WIP limit', async () => {
    const id = await sharedBoard('Manage');
    const review = await createColumn(owner, { boardId: id, name: '  Review  ', wipLimit: 3, index: 2 });
    expect(review).toMatchObject({ name: 'Review', position: 2, wipLimit: 3 });
    const later = await createColumn(owner, { boardId: id, name: 'Later' });
    expect(later.position).toBe(4);
    expect((await board(member, id)).map((c) => c.name)).toEqual(['To do', 'In progress', 'Review', 'Done', 'Later']);
    // a column added since is IN_PROGRESS for the previous release's clients
    expect((await board(member, id))[2]!.status).toBe('IN_PROGRESS');

    const renamed = (
      await owner.client.data<{ updateColumn: ColumnData }>(UPDATE, { input: { id: review.id, name: 'QA' } })
    ).updateColumn;
    expect(renamed).toMatchObject({ name: 'QA', wipLimit: 3 });
    const unlimited = (
      await owner.client.data<{ updateColumn: ColumnData }>(UPDATE, { input: { id: review.id, wipLimit: null } })
    ).updateColumn;
    expect(unlimited).toMatchObject({ name: 'QA', wipLimit: null });
  });

  it('reorders columns; the answer is the board’s columns in their new order', async () => {
    const id = await sharedBoard('Reorder');
    const [todo, , done] = await board(owner, id);
    const moved = (await owner.client.data<{ moveColumn: ColumnData[] }>(MOVE, { input: { id: done!.id, index: 0 } }))
      .moveColumn;
    expect(moved.map((c) => [c.name, c.position])).toEqual([
      ['Done', 0],
      ['To do', 1],
      ['In progress', 2],
    ]);
    const last = (await owner.client.data<{ moveColumn: ColumnData[] }>(MOVE, { input: { id: todo!.id, index: 99 } }))
      .moveColumn;
    expect(last.map((c) => c.name)).toEqual(['Done', 'In progress', 'To do']);
  });

  it('deletes a column with tasks only by saying where they go: after the tasks there, in their order', async () => {
    const id = await sharedBoard('Delete');
    const [todo, doing, done] = await board(owner, id);
    for (const title of ['a', 'b']) await createTask(member, { boardId: id, columnId: done!.id, title });
    for (const title of ['x', 'y', 'z']) await createTask(member, { boardId: id, columnId: todo!.id, title });
    const x = (await board(owner, id))[0]!;
    expect(x.titles).toEqual(['x', 'y', 'z']);

    expect(await owner.client.error(DELETE, { input: { id: todo!.id } })).toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: { moveTasksTo: ['is required: the column holds 3 tasks; choose the column they go to'] },
      },
    });
    const other = await createBoard(owner, 'Other board');
    const foreign = (await board(owner, other))[0]!;
    expect(await owner.client.error(DELETE, { input: { id: todo!.id, moveTasksTo: foreign.id } })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: { moveTasksTo: ['must be another column of the same board'] } },
    });
    expect(await owner.client.error(DELETE, { input: { id: todo!.id, moveTasksTo: todo!.id } })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // nothing changed by the refusals
    expect((await board(owner, id)).map((c) => c.total)).toEqual([3, 0, 2]);

    const versions = await api.app.prisma.task.findMany({
      where: { columnId: Number(todo!.id) },
      select: { version: true },
    });
    const left = (
      await owner.client.data<{ deleteColumn: ColumnData[] }>(DELETE, {
        input: { id: todo!.id, moveTasksTo: done!.id },
      })
    ).deleteColumn;
    expect(left.map((c) => [c.name, c.position])).toEqual([
      ['In progress', 0],
      ['Done', 1],
    ]);
    const after = await board(owner, id);
    expect(after[1]).toMatchObject({ name: 'Done', total: 5, titles: ['a', 'b', 'x', 'y', 'z'] });
    // moved tasks take their new column's status, and a new version (an edit based on the old one is stale)
    const moved = await api.app.prisma.task.findMany({
      where: { boardId: Number(id), title: { in: ['x', 'y', 'z'] } },
    });
    expect(moved.every((task) => task.status === 'DONE' && task.columnId === Number(done!.id))).toBe(true);
    expect(moved.map((task) => task.version)).toEqual(versions.map((task) => task.version + 1));

    // an empty column goes without a destination; the last column never goes
    await owner.client.data(DELETE, { input: { id: doing!.id } });
    expect(await owner.client.error(DELETE, { input: { id: done!.id } })).toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: { id: ['is the board’s only column: a board needs one; add another first'] },
      },
    });
  });

  it('refuses bad input with the field and what to do, changing nothing', async () => {
    const id = await sharedBoard('Validation');
    const before = await board(owner, id);
    for (const [input, field] of [
      [{ boardId: id, name: '   ' }, 'name'],
      [{ boardId: id, name: 'x'.repeat(61) }, 'name'],
      [{ boardId: id, name: 'Limit', wipLimit: 0 }, 'wipLimit'],
      [{ boardId: id, name: 'Limit', wipLimit: 1000 }, 'wipLimit'],
      [{ boardId: id, name: 'Where', index: -1 }, 'index'],
    ] as const) {
      const error = await owner.client.error(CREATE, { input });
      expect(error.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(Object.keys((error.extensions?.fields ?? {}) as object)).toContain(field);
    }
    expect(await owner.client.error(UPDATE, { input: { id: before[0]!.id, name: null } })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: { name: ['cannot be removed; leave it out to keep the name'] } },
    });
    expect(await board(owner, id)).toEqual(before);
  });

  it('stops at 20 columns', async () => {
    const id = await createBoard(owner, 'Many');
    for (let i = 3; i < 20; i++) await createColumn(owner, { boardId: id, name: `C${i}` });
    expect(await owner.client.error(CREATE, { input: { boardId: id, name: 'One too many' } })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: { boardId: ['has 20 columns, the most a board can have'] } },
    });
  });
});

describe('who may manage columns', () => {
  it('a member may not (FORBIDDEN), an outsider sees no board (NOT_FOUND); nothing changes', async () => {
    const id = await sharedBoard('Rights');
    const [todo, doing] = await board(owner, id);
    const attempts: [string, Record<string, unknown>][] = [
      [CREATE, { input: { boardId: id, name: 'Mine' } }],
      [UPDATE, { input: { id: todo!.id, name: 'Mine' } }],
      [MOVE, { input: { id: todo!.id, index: 2 } }],
      [DELETE, { input: { id: doing!.id } }],
    ];
    for (const [query, variables] of attempts) {
      expect((await member.client.error(query, variables)).extensions?.code).toBe('FORBIDDEN');
      expect((await outsider.client.error(query, variables)).extensions?.code).toBe('NOT_FOUND');
    }
    expect((await board(owner, id)).map((c) => c.name)).toEqual(['To do', 'In progress', 'Done']);
  });
});

describe('tasks in columns', () => {
  it('are created and moved by column id, listed and searched by column', async () => {
    const id = await sharedBoard('Tasks');
    const review = await createColumn(owner, { boardId: id, name: 'Review', index: 1 });
    const task = await createTask(member, { boardId: id, columnId: review.id, title: 'Review the copy' });
    expect(task).toMatchObject({ columnId: review.id, status: 'IN_PROGRESS', version: 1 });
    const second = await createTask(member, { boardId: id, columnId: review.id, title: 'Review the pricing' });

    const moved = (
      await member.client.data<{ moveTask: TaskData }>(MOVE_TASK, {
        input: { id: second.id, expectedVersion: 1, columnId: review.id, index: 0 },
      })
    ).moveTask;
    expect(moved).toMatchObject({ columnId: review.id, version: 2 });
    const page = await member.client.data<{ board: { tasks: { totalCount: number; edges: { node: TaskData }[] } } }>(
      `query($id: ID!, $columnId: ID) { board(id: $id) { tasks(columnId: $columnId, first: 10) { totalCount edges { node { title } } } } }`,
      { id, columnId: review.id },
    );
    expect(page.board.tasks.edges.map((e) => e.node.title)).toEqual(['Review the pricing', 'Review the copy']);

    const found = await member.client.data<{ searchTasks: { edges: { node: TaskData }[] } }>(
      `query($boardId: ID!, $columnId: ID) { searchTasks(boardId: $boardId, query: "review", columnId: $columnId) { edges { node { title } } } }`,
      { boardId: id, columnId: review.id },
    );
    expect(found.searchTasks.edges).toHaveLength(2);
    const todo = (await board(owner, id))[0]!;
    const none = await member.client.data<{ searchTasks: { edges: unknown[] } }>(
      `query($boardId: ID!, $columnId: ID) { searchTasks(boardId: $boardId, query: "review", columnId: $columnId) { edges { cursor } } }`,
      { boardId: id, columnId: todo.id },
    );
    expect(none.searchTasks.edges).toEqual([]);
  });

  it('are created where the user puts them: at the top with index 0, at the end without', async () => {
    const id = await sharedBoard('Placement');
    const todo = (await board(owner, id))[0]!;
    for (const title of ['first', 'second']) await createTask(member, { boardId: id, columnId: todo.id, title });
    await createTask(member, { boardId: id, columnId: todo.id, title: 'on top', index: 0 });
    await createTask(member, { boardId: id, columnId: todo.id, title: 'in between', index: 2 });
    await createTask(member, { boardId: id, columnId: todo.id, title: 'past the end', index: 99 });
    expect((await board(owner, id))[0]!.titles).toEqual(['on top', 'first', 'in between', 'second', 'past the end']);
    expect(
      await member.client.error(CREATE_TASK, { input: { boardId: id, columnId: todo.id, title: 'x', index: -1 } }),
    ).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: { index: ['must be 0 or more'] } } });
  });

  it('refuse a column of another board, and a move that names no column', async () => {
    const id = await sharedBoard('Foreign');
    const elsewhere = (await board(outsider, await createBoard(outsider, 'Theirs')))[0]!;
    expect(
      await member.client.error(CREATE_TASK, { input: { boardId: id, columnId: elsewhere.id, title: 'x' } }),
    ).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: { columnId: ['must be a column of the task’s board'] } },
    });
    const task = await createTask(member, { boardId: id, title: 'Stays' });
    expect(
      await member.client.error(MOVE_TASK, { input: { id: task.id, expectedVersion: 1, index: 0 } }),
    ).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: { columnId: ['is required'] } },
    });
    expect(
      await member.client.error(MOVE_TASK, {
        input: { id: task.id, expectedVersion: 1, columnId: elsewhere.id, index: 0 },
      }),
    ).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect((await board(owner, id))[0]!.titles).toEqual(['Stays']);
  });

  it('by the deprecated status arguments, go to the board’s first column of that status', async () => {
    const id = await sharedBoard('Previous release');
    const [, doing] = await board(owner, id);
    const extra = await createColumn(owner, { boardId: id, name: 'Also in progress' });
    const task = await createTask(member, { boardId: id, status: 'IN_PROGRESS', title: 'Old client' });
    expect(task).toMatchObject({ columnId: doing!.id, status: 'IN_PROGRESS' });
    const plain = await createTask(member, { boardId: id, title: 'No column named' });
    expect(plain.status).toBe('TODO');
    const moved = (
      await member.client.data<{ moveTask: TaskData }>(MOVE_TASK, {
        input: { id: plain.id, expectedVersion: 1, status: 'DONE', index: 0 },
      })
    ).moveTask;
    expect(moved).toMatchObject({ status: 'DONE' });
    const columns = await board(owner, id);
    expect(columns.map((c) => [c.name, c.titles])).toEqual([
      ['To do', []],
      ['In progress', ['Old client']],
      ['Done', ['No column named']],
      [extra.name, []],
    ]);
  });
});

describe('tasks the previous release writes during a rollout', () => {
  it('are put in their board’s column of their status by the repair, and boards it made get the default columns', async () => {
    const prisma = api.app.prisma;
    const id = await sharedBoard('Rollout');
    const [todo, , done] = await board(owner, id);
    // what the previous release writes: no columnId; a move changes the status only
    const created = await prisma.task.create({
      data: { boardId: Number(id), title: 'Created by v1', status: 'DONE', position: 5 },
    });
    const moved = await createTask(member, { boardId: id, columnId: todo!.id, title: 'Moved by v1' });
    await prisma.task.update({ where: { id: Number(moved.id) }, data: { status: 'DONE', version: { increment: 1 } } });
    const legacyBoard = await prisma.board.create({
      data: {
        name: 'Made by v1',
        memberships: { create: { userId: Number(owner.id), role: 'OWNER' } },
        tasks: { create: { title: 'On a board without columns', status: 'IN_PROGRESS', position: 0 } },
      },
    });
    // until it runs, the API still answers (the task's columnId is where the repair will put it)
    const unrepaired = await member.client.data<{ task: TaskData }>(
      `query($id: ID!) { task(id: $id) { ${TASK_FIELDS} } }`,
      {
        id: String(created.id),
      },
    );
    expect(unrepaired.task.columnId).toBe(done!.id);

    expect(await api.app.services.columns.repairLegacyTasks()).toBeGreaterThanOrEqual(3);
    // in the order of the positions the previous release gave them (0 and 5)
    expect((await board(owner, id))[2]!.titles).toEqual(['Moved by v1', 'Created by v1']);
    const legacy = await board(owner, String(legacyBoard.id));
    expect(legacy.map((c) => [c.name, c.titles])).toEqual([
      ['To do', []],
      ['In progress', ['On a board without columns']],
      ['Done', []],
    ]);
    // and a second run finds nothing to do
    expect(await api.app.services.columns.repairLegacyTasks()).toBe(0);
  });
});
