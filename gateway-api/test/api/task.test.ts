// Tasks over HTTP: the task query and the create, update, move and delete mutations, their
// validation, optimistic concurrency, and who may do what (members; nobody else can even see).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSITION_STEP } from '../../src/modules/task/columns.js';
import { startApi, type TestApi, type TestUser } from '../support/api.js';

let api: TestApi;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
/** owner's board; member is a MEMBER of it */
let boardId: string;
/** outsider's own board */
let otherBoardId: string;
let bugLabel: string;
let docsLabel: string;
let foreignLabel: string;

interface TaskData {
  id: string;
  boardId: string;
  title: string;
  description: string | null;
  status: string;
  position: number;
  version: number;
  dueDate: string | null;
  assignee: { id: string; name: string } | null;
  labels: { id: string; name: string }[];
  commentCount: number;
}

const FIELDS =
  'id boardId title description status position version dueDate assignee { id name } labels { id name } commentCount';
const TASK = `query($id: ID!) { task(id: $id) { ${FIELDS} } }`;
const CREATE = `mutation($input: CreateTaskInput!) { createTask(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { ${FIELDS} } }`;
const MOVE = `mutation($input: MoveTaskInput!) { moveTask(input: $input) { ${FIELDS} } }`;
const DELETE = 'mutation($id: ID!, $v: Int!) { deleteTask(id: $id, expectedVersion: $v) }';
const COLUMNS = 'query($id: ID!) { board(id: $id) { columns { status tasks { edges { node { id } } } } } }';
const COLUMN =
  'query($id: ID!, $status: TaskStatus!) { board(id: $id) { tasks(status: $status, first: 100) { edges { node { id position version } } } } }';

async function createBoard(user: TestUser, name: string): Promise<string> {
  const data = await user.client.data<{ createBoard: { id: string } }>(
    'mutation($name: String!) { createBoard(input: { name: $name }) { id } }',
    { name },
  );
  return data.createBoard.id;
}

async function createTask(user: TestUser, input: Record<string, unknown>): Promise<TaskData> {
  return (await user.client.data<{ createTask: TaskData }>(CREATE, { input: { boardId, ...input } })).createTask;
}

async function update(user: TestUser, input: Record<string, unknown>): Promise<TaskData> {
  return (await user.client.data<{ updateTask: TaskData }>(UPDATE, { input })).updateTask;
}

async function move(user: TestUser, task: { id: string; version: number }, status: string, index: number) {
  const input = { id: task.id, expectedVersion: task.version, status, index };
  return (await user.client.data<{ moveTask: TaskData }>(MOVE, { input })).moveTask;
}

/** each column's task ids, in order, as the board view shows them */
async function columnsOf(id: string): Promise<Record<string, string[]>> {
  const data = await owner.client.data<{
    board: { columns: { status: string; tasks: { edges: { node: { id: string } }[] } }[] };
  }>(COLUMNS, { id });
  return Object.fromEntries(data.board.columns.map((c) => [c.status, c.tasks.edges.map((e) => e.node.id)]));
}

async function columnOf(id: string, status: string) {
  const data = await owner.client.data<{
    board: { tasks: { edges: { node: { id: string; position: number; version: number } }[] } };
  }>(COLUMN, { id, status });
  return data.board.tasks.edges.map((e) => e.node);
}

/** the task as stored, read behind the API's back */
const stored = (id: string) =>
  api.app.prisma.task.findUnique({ where: { id: Number(id) }, include: { labels: { orderBy: { labelId: 'asc' } } } });

const seedLabel = async (board: string, name: string) =>
  String((await api.app.prisma.label.create({ data: { boardId: Number(board), name, color: '#123456' } })).id);

beforeAll(async () => {
  api = await startApi();
  [owner, member, outsider] = await Promise.all([api.user('Owner'), api.user('Member'), api.user('Outsider')]);
  [boardId, otherBoardId] = await Promise.all([createBoard(owner, 'Tasks'), createBoard(outsider, 'Elsewhere')]);
  await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
    input: { boardId, email: member.email },
  });
  [bugLabel, docsLabel, foreignLabel] = await Promise.all([
    seedLabel(boardId, 'bug'),
    seedLabel(boardId, 'docs'),
    seedLabel(otherBoardId, 'secret'),
  ]);
});
afterAll(async () => api?.close());

describe('createTask', () => {
  it('adds a task at the end of its column, with defaults; the viewer is its creator', async () => {
    const board = await createBoard(owner, 'Create');
    const first = await createTask(owner, { boardId: board, title: '  Write the plan  ' });
    expect(first).toMatchObject({
      boardId: board,
      title: 'Write the plan',
      description: null,
      status: 'TODO',
      position: 0,
      version: 1,
      dueDate: null,
      assignee: null,
      labels: [],
      commentCount: 0,
    });
    const second = await createTask(owner, { boardId: board, title: 'Second', description: '  \n ' });
    expect(second.description).toBeNull();
    const third = await createTask(owner, { boardId: board, title: 'Third' });
    expect([second.position, third.position]).toEqual([POSITION_STEP, 2 * POSITION_STEP]);
    const done = await createTask(owner, { boardId: board, title: 'Done already', status: 'DONE' });
    expect(done).toMatchObject({ status: 'DONE', position: 0 });
    expect(await columnsOf(board)).toEqual({
      TODO: [first.id, second.id, third.id],
      IN_PROGRESS: [],
      DONE: [done.id],
    });
    expect((await stored(first.id))?.creatorId).toBe(Number(owner.id));
    const byMember = await createTask(member, { title: 'By member' });
    expect((await stored(byMember.id))?.creatorId).toBe(Number(member.id));
  });

  it('takes every field: description, status, assignee, due date and labels', async () => {
    const task = await createTask(owner, {
      title: 'Full',
      description: 'All the **details**.',
      status: 'IN_PROGRESS',
      assigneeId: member.id,
      dueDate: '2026-12-24T09:30:00.000Z',
      labelIds: [docsLabel, bugLabel, bugLabel],
    });
    expect(task).toMatchObject({
      title: 'Full',
      description: 'All the **details**.',
      status: 'IN_PROGRESS',
      assignee: { id: member.id, name: 'Member' },
      dueDate: '2026-12-24T09:30:00.000Z',
      labels: [
        { id: bugLabel, name: 'bug' },
        { id: docsLabel, name: 'docs' },
      ],
    });
    expect(await member.client.data(TASK, { id: task.id })).toEqual({ task });
  });

  it('validates the input with one message per field, and creates nothing', async () => {
    const before = await api.app.prisma.task.count();
    const fieldsFor = async (input: Record<string, unknown>) =>
      (await member.client.error(CREATE, { input: { boardId, title: 'ok', ...input } })).extensions;
    expect(await fieldsFor({ title: '' })).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { title: ['must not be blank'] },
    });
    expect((await fieldsFor({ title: '   ' }))?.fields).toEqual({ title: ['must not be blank'] });
    expect((await fieldsFor({ title: 'x'.repeat(192) }))?.fields).toEqual({
      title: ['must be at most 191 characters'],
    });
    // 191 characters that are two UTF-16 units each still fit
    expect((await createTask(member, { title: '😀'.repeat(191) })).title).toBe('😀'.repeat(191));
    expect((await fieldsFor({ description: 'x'.repeat(10_001) }))?.fields).toEqual({
      description: ['must be at most 10000 characters'],
    });
    expect((await fieldsFor({ labelIds: Array.from({ length: 51 }, (_, i) => String(i + 1)) }))?.fields).toEqual({
      labelIds: ['must list at most 50 labels'],
    });
    expect((await fieldsFor({ title: '', description: 'x'.repeat(10_001) }))?.fields).toEqual({
      title: ['must not be blank'],
      description: ['must be at most 10000 characters'],
    });
    expect((await fieldsFor({ assigneeId: outsider.id }))?.fields).toEqual({
      assigneeId: ['must be a member of the board'],
    });
    expect((await fieldsFor({ labelIds: [bugLabel, foreignLabel] }))?.fields).toEqual({
      labelIds: ["must all be labels of the task's board"],
    });
    expect((await fieldsFor({ assigneeId: '999999', labelIds: ['999999'] }))?.fields).toEqual({
      assigneeId: ['must be a member of the board'],
      labelIds: ["must all be labels of the task's board"],
    });
    expect((await fieldsFor({ dueDate: '0001-01-01T00:00:00Z' }))?.fields).toEqual({
      dueDate: ['must be in the years 1000 to 9999'],
    });
    expect((await fieldsFor({ boardId: 'abc' }))?.fields).toEqual({ boardId: ['must be the id of an existing item'] });
    expect((await fieldsFor({ labelIds: ['x'] }))?.fields).toEqual({
      labelIds: ['must be the id of an existing item'],
    });
    expect(await api.app.prisma.task.count()).toBe(before + 1); // only the emoji title
  });

  it('is for members only: outsiders get NOT_FOUND, anonymous users UNAUTHENTICATED', async () => {
    const before = await api.app.prisma.task.count();
    expect((await outsider.client.error(CREATE, { input: { boardId, title: 'Sneaky' } })).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await outsider.client.error(CREATE, { input: { boardId: '999999', title: 'x' } })).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await api.client().error(CREATE, { input: { boardId, title: 'Anon' } })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(await api.app.prisma.task.count()).toBe(before);
  });
});

describe('task', () => {
  it('shows a task to members; to anyone else it does not exist', async () => {
    const task = await createTask(owner, { title: 'Visible' });
    expect((await member.client.data<{ task: TaskData }>(TASK, { id: task.id })).task).toEqual(task);
    for (const id of [task.id, '999999']) {
      const error = await outsider.client.error(TASK, { id });
      expect(error).toMatchObject({ message: 'Task not found.', extensions: { code: 'NOT_FOUND' } });
    }
    expect((await api.client().error(TASK, { id: task.id })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await member.client.error(TASK, { id: '0' })).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { id: ['must be the id of an existing item'] },
    });
  });
});

describe('updateTask', () => {
  it('changes only the fields given; null clears; the version rises by one per write', async () => {
    const task = await createTask(owner, {
      title: 'Draft',
      description: 'Some words',
      assigneeId: member.id,
      dueDate: '2026-12-01T00:00:00.000Z',
      labelIds: [bugLabel],
    });
    const renamed = await update(member, { id: task.id, expectedVersion: 1, title: ' Final ' });
    expect(renamed).toEqual({ ...renamed, title: 'Final', version: 2 });
    expect(renamed).toMatchObject({
      description: 'Some words',
      assignee: { id: member.id },
      dueDate: '2026-12-01T00:00:00.000Z',
      labels: [{ id: bugLabel }],
      position: task.position,
      status: task.status,
    });

    const labelled = await update(member, { id: task.id, expectedVersion: 2, labelIds: [docsLabel, bugLabel] });
    expect(labelled).toMatchObject({ version: 3, labels: [{ id: bugLabel }, { id: docsLabel }] });
    const relabelled = await update(member, { id: task.id, expectedVersion: 3, labelIds: [docsLabel] });
    expect(relabelled).toMatchObject({ version: 4, labels: [{ id: docsLabel }] });

    const cleared = await update(owner, {
      id: task.id,
      expectedVersion: 4,
      description: null,
      assigneeId: null,
      dueDate: null,
      labelIds: [],
    });
    expect(cleared).toMatchObject({
      title: 'Final',
      description: null,
      assignee: null,
      dueDate: null,
      labels: [],
      version: 5,
    });

    const reassigned = await update(owner, {
      id: task.id,
      expectedVersion: 5,
      assigneeId: owner.id,
      dueDate: '2027-01-15T12:00:00.000Z',
      description: 'Back',
      labelIds: [bugLabel],
    });
    expect(reassigned).toMatchObject({
      assignee: { id: owner.id },
      dueDate: '2027-01-15T12:00:00.000Z',
      description: 'Back',
      version: 6,
    });
    // labelIds: null removes every label, like []
    expect(await update(owner, { id: task.id, expectedVersion: 6, labelIds: null })).toMatchObject({
      labels: [],
      version: 7,
    });
    expect((await stored(task.id))?.labels).toEqual([]);
  });

  it('rejects a stale expectedVersion with CONFLICT and the current version, changing nothing', async () => {
    const task = await createTask(owner, { title: 'Contested', labelIds: [bugLabel] });
    await update(member, { id: task.id, expectedVersion: 1, title: 'Mine' });
    const before = await stored(task.id);
    const error = await owner.client.error(UPDATE, {
      input: { id: task.id, expectedVersion: 1, title: 'Theirs', labelIds: [docsLabel] },
    });
    expect(error).toMatchObject({
      message: 'This task was changed by someone else; reload it and try again.',
      extensions: { code: 'CONFLICT', currentVersion: 2 },
    });
    expect(await stored(task.id)).toEqual(before);
  });

  it('validates the changes, changing nothing', async () => {
    const task = await createTask(owner, { title: 'Keep me', assigneeId: member.id, labelIds: [bugLabel] });
    const before = await stored(task.id);
    const fieldsFor = async (input: Record<string, unknown>) =>
      (await member.client.error(UPDATE, { input: { id: task.id, expectedVersion: 1, ...input } })).extensions;
    expect(await fieldsFor({ title: null })).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { title: ['cannot be removed; leave it out to keep the title'] },
    });
    expect((await fieldsFor({ title: ' ' }))?.fields).toEqual({ title: ['must not be blank'] });
    expect((await fieldsFor({ title: 'y'.repeat(192) }))?.fields).toEqual({
      title: ['must be at most 191 characters'],
    });
    expect((await fieldsFor({ description: 'd'.repeat(10_001) }))?.fields).toEqual({
      description: ['must be at most 10000 characters'],
    });
    expect((await fieldsFor({ assigneeId: outsider.id, labelIds: [foreignLabel] }))?.fields).toEqual({
      assigneeId: ['must be a member of the board'],
      labelIds: ["must all be labels of the task's board"],
    });
    expect((await fieldsFor({ dueDate: '0999-12-31T23:59:59Z' }))?.fields).toEqual({
      dueDate: ['must be in the years 1000 to 9999'],
    });
    expect((await fieldsFor({ assigneeId: 'me' }))?.fields).toEqual({
      assigneeId: ['must be the id of an existing item'],
    });
    expect(await stored(task.id)).toEqual(before);
  });

  it('is for members only; an outsider guessing the id changes nothing', async () => {
    const task = await createTask(owner, { title: 'Private' });
    const before = await stored(task.id);
    for (const id of [task.id, '999999']) {
      const error = await outsider.client.error(UPDATE, { input: { id, expectedVersion: 1, title: 'Hacked' } });
      expect(error.extensions?.code).toBe('NOT_FOUND');
    }
    // a stale version must not reveal that the task exists either
    expect(
      (await outsider.client.error(UPDATE, { input: { id: task.id, expectedVersion: 7, title: 'x' } })).extensions
        ?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await api.client().error(UPDATE, { input: { id: task.id, expectedVersion: 1, title: 'x' } })).extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect(await stored(task.id)).toEqual(before);
  });
});

describe('moveTask', () => {
  it('moves within a column and across columns, clamping the index', async () => {
    const board = await createBoard(owner, 'Moves');
    const tasks: TaskData[] = [];
    for (const title of ['A', 'B', 'C', 'D']) tasks.push(await createTask(owner, { boardId: board, title }));
    const [tA, tB, tC, tD] = tasks as [TaskData, TaskData, TaskData, TaskData];

    const movedD = await move(owner, tD, 'TODO', 0);
    expect(movedD).toMatchObject({ status: 'TODO', version: 2 });
    expect((await columnsOf(board)).TODO).toEqual([tD.id, tA.id, tB.id, tC.id]);

    await move(owner, tA, 'TODO', 99); // past the end: last
    expect((await columnsOf(board)).TODO).toEqual([tD.id, tB.id, tC.id, tA.id]);

    await move(owner, tC, 'TODO', 1); // C is already at 1 of the others [D, B, A]: stays put
    expect((await columnsOf(board)).TODO).toEqual([tD.id, tC.id, tB.id, tA.id]);

    const movedB = await move(owner, tB, 'IN_PROGRESS', 0);
    expect(movedB).toMatchObject({ status: 'IN_PROGRESS', version: 2 });
    await move(owner, { id: tA.id, version: 2 }, 'IN_PROGRESS', 0);
    await move(owner, { id: tC.id, version: 2 }, 'IN_PROGRESS', 1);
    await move(owner, { id: tD.id, version: 2 }, 'DONE', 5);
    expect(await columnsOf(board)).toEqual({
      TODO: [],
      IN_PROGRESS: [tA.id, tC.id, tB.id],
      DONE: [tD.id],
    });
    // and back into the middle of the column it came from
    await move(owner, { id: tD.id, version: 3 }, 'IN_PROGRESS', 2);
    const column = await columnOf(board, 'IN_PROGRESS');
    expect(column.map((t) => t.id)).toEqual([tA.id, tC.id, tD.id, tB.id]);
    expect(new Set(column.map((t) => t.position)).size).toBe(4);
    // a created task still goes to the end
    const last = await createTask(owner, { boardId: board, title: 'E', status: 'IN_PROGRESS' });
    expect((await columnsOf(board)).IN_PROGRESS).toEqual([tA.id, tC.id, tD.id, tB.id, last.id]);
  });

  it('renumbers the column inside the move when no gap is left, keeping the order', async () => {
    const board = await createBoard(owner, 'Renumber');
    const ids: string[] = [];
    for (const title of ['T0', 'T1', 'T2', 'T3']) {
      ids.push((await createTask(owner, { boardId: board, title, status: 'DONE' })).id);
    }
    const versions = new Map(ids.map((id) => [id, 1]));
    let expected = [...ids];
    // Moving the last task to index 1 again and again halves the gap after the first task each
    // time (500, 250, ... 1): it runs out at the tenth move, which renumbers the column.
    const spread = [0, 1, 2, 3].map((i) => i * POSITION_STEP);
    const renumberedAt: number[] = [];
    for (let round = 1; round <= 14; round++) {
      const id = expected.at(-1)!;
      const moved = await move(owner, { id, version: versions.get(id)! }, 'DONE', 1);
      versions.set(id, moved.version);
      expected = [expected[0]!, id, ...expected.slice(1, -1)];
      const column = await columnOf(board, 'DONE');
      expect(column.map((t) => t.id)).toEqual(expected);
      const positions = column.map((t) => t.position);
      for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]!);
      if (positions.every((p, i) => p === spread[i])) renumberedAt.push(round);
      // renumbering is no edit: only the moved task's version rose
      for (const t of column) expect(t.version).toBe(versions.get(t.id));
    }
    expect(renumberedAt).toEqual([10]);
    // live boards place cards by position: the renumbered tasks' new positions were announced too,
    // one TASK_MOVED for each of the three others in the renumbering move, besides the 14 moves
    const moves = await api.app.prisma.boardEvent.count({ where: { boardId: Number(board), kind: 'TASK_MOVED' } });
    expect(moves).toBe(14 + 3);
  });

  it('renumbers when a position would leave the INT range', async () => {
    const board = await createBoard(owner, 'Edges');
    const a = await createTask(owner, { boardId: board, title: 'A' });
    const b = await createTask(owner, { boardId: board, title: 'B' });
    await api.app.prisma.task.update({ where: { id: Number(a.id) }, data: { position: 2_147_482_000 } });
    await api.app.prisma.task.update({ where: { id: Number(b.id) }, data: { position: 2_147_483_000 } });
    const c = await createTask(owner, { boardId: board, title: 'C' });
    await api.app.prisma.task.update({ where: { id: Number(a.id) }, data: { position: -2_147_483_000 } });
    const d = await move(owner, { id: c.id, version: 1 }, 'TODO', 0);
    const column = await columnOf(board, 'TODO');
    expect(column.map((t) => t.id)).toEqual([d.id, a.id, b.id]);
    expect(column.map((t) => t.position)).toEqual([0, POSITION_STEP, 2 * POSITION_STEP]);
  });

  it('rejects a negative index, a stale version and outsiders, changing nothing', async () => {
    const task = await createTask(owner, { title: 'Stay' });
    await update(owner, { id: task.id, expectedVersion: 1, title: 'Stay here' });
    const before = await stored(task.id);
    const input = { id: task.id, expectedVersion: 2, status: 'DONE', index: 0 };
    expect((await member.client.error(MOVE, { input: { ...input, index: -1 } })).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { index: ['must be 0 or more'] },
    });
    expect(await member.client.error(MOVE, { input: { ...input, expectedVersion: 1 } })).toMatchObject({
      extensions: { code: 'CONFLICT', currentVersion: 2 },
    });
    expect((await outsider.client.error(MOVE, { input })).extensions?.code).toBe('NOT_FOUND');
    expect((await api.client().error(MOVE, { input })).extensions?.code).toBe('UNAUTHENTICATED');
    expect(await stored(task.id)).toEqual(before);
  });
});

describe('what a write answers', () => {
  // The writes answer from what they wrote, without reading the task back (TaskService): the answer
  // must be what a read finds afterwards, timestamps included, to the millisecond as stored.
  const ALL = `${FIELDS} createdAt updatedAt`;
  const read = async (id: string) =>
    (
      await member.client.data<{ task: Record<string, unknown> }>(`query($id: ID!) { task(id: $id) { ${ALL} } }`, {
        id,
      })
    ).task;

  it('is what a later read returns, for create, update and move', async () => {
    const created = (
      await owner.client.data<{ createTask: TaskData & { updatedAt: string } }>(
        `mutation($input: CreateTaskInput!) { createTask(input: $input) { ${ALL} } }`,
        { input: { boardId, title: 'Answered', assigneeId: member.id, labelIds: [docsLabel, bugLabel] } },
      )
    ).createTask;
    expect(created).toMatchObject({ commentCount: 0, labels: [{ name: 'bug' }, { name: 'docs' }] });
    expect(await read(created.id)).toEqual(created);

    const updated = (
      await owner.client.data<{ updateTask: TaskData & { updatedAt: string } }>(
        `mutation($input: UpdateTaskInput!) { updateTask(input: $input) { ${ALL} } }`,
        { input: { id: created.id, expectedVersion: 1, title: 'Answered again', labelIds: [docsLabel] } },
      )
    ).updateTask;
    expect(updated).toMatchObject({ version: 2, labels: [{ name: 'docs' }] });
    expect(await read(created.id)).toEqual(updated);

    const input = { id: created.id, expectedVersion: 2, status: 'DONE', index: 0 };
    const moved = (
      await owner.client.data<{ moveTask: TaskData & { updatedAt: string } }>(
        `mutation($input: MoveTaskInput!) { moveTask(input: $input) { ${ALL} } }`,
        { input },
      )
    ).moveTask;
    expect(moved).toMatchObject({ version: 3, status: 'DONE', title: 'Answered again' });
    expect(moved.updatedAt >= updated.updatedAt).toBe(true);
    expect(await read(created.id)).toEqual(moved);
  });
});

describe('deleteTask', () => {
  it('deletes a task with its labels and comments when the version matches', async () => {
    const task = await createTask(owner, { title: 'Doomed', labelIds: [bugLabel] });
    await api.app.prisma.comment.create({ data: { taskId: Number(task.id), authorId: Number(owner.id), body: 'hi' } });
    await update(owner, { id: task.id, expectedVersion: 1, title: 'Doomed v2' });

    expect(await member.client.error(DELETE, { id: task.id, v: 1 })).toMatchObject({
      extensions: { code: 'CONFLICT', currentVersion: 2 },
    });
    expect((await outsider.client.error(DELETE, { id: task.id, v: 2 })).extensions?.code).toBe('NOT_FOUND');
    expect((await api.client().error(DELETE, { id: task.id, v: 2 })).extensions?.code).toBe('UNAUTHENTICATED');
    expect(await stored(task.id)).not.toBeNull();

    expect(await member.client.data(DELETE, { id: task.id, v: 2 })).toEqual({ deleteTask: task.id });
    expect(await stored(task.id)).toBeNull();
    expect(await api.app.prisma.taskLabel.count({ where: { taskId: Number(task.id) } })).toBe(0);
    expect(await api.app.prisma.comment.count({ where: { taskId: Number(task.id) } })).toBe(0);
    expect((await member.client.error(TASK, { id: task.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await member.client.error(DELETE, { id: task.id, v: 2 })).extensions?.code).toBe('NOT_FOUND');
  });
});

describe('authorization matrix', () => {
  it('anonymous: UNAUTHENTICATED; outsider: NOT_FOUND with nothing changed; member: allowed', async () => {
    const task = await createTask(owner, { title: 'Matrix', labelIds: [docsLabel] });
    const operations: [string, string, Record<string, unknown>][] = [
      ['task', TASK, { id: task.id }],
      ['searchTasks', 'query($b: ID!) { searchTasks(boardId: $b, query: "matrix") { totalCount } }', { b: boardId }],
      ['createTask', CREATE, { input: { boardId, title: 'Matrix 2' } }],
      ['updateTask', UPDATE, { input: { id: task.id, expectedVersion: 1, title: 'Matrix!' } }],
      ['moveTask', MOVE, { input: { id: task.id, expectedVersion: 2, status: 'DONE', index: 0 } }],
      ['deleteTask', DELETE, { id: task.id, v: 3 }],
    ];
    const tasksBefore = await api.app.prisma.task.findMany({ orderBy: { id: 'asc' } });
    for (const [name, query, variables] of operations) {
      const anonymous = await api.client().request(query, variables);
      expect([name, anonymous.body.errors?.[0]?.extensions?.code]).toEqual([name, 'UNAUTHENTICATED']);
      const guessed = await outsider.client.request(query, variables);
      expect([name, guessed.body.errors?.[0]?.extensions?.code]).toEqual([name, 'NOT_FOUND']);
    }
    expect(await api.app.prisma.task.findMany({ orderBy: { id: 'asc' } })).toEqual(tasksBefore);
    for (const [name, query, variables] of operations) {
      const allowed = await member.client.request(query, variables);
      expect([name, allowed.body.errors]).toEqual([name, undefined]);
    }
    expect(await stored(task.id)).toBeNull();
  });
});
