// The outbox of live updates (modules/live/outbox.ts): every acknowledged change to a board has
// exactly one event of its kind, written with it; a write that fails or is refused has none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi, type TestUser } from '../support/api.js';

let api: TestApi;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
let boardId: string;

interface Event {
  kind: string;
  entityId: number | null;
  taskId: number | null;
  actorId: number;
}

/** the board's events after the last one `since` saw, read behind the API's back */
async function eventsSince(since: bigint): Promise<{ events: Event[]; last: bigint }> {
  const rows = await api.app.prisma.boardEvent.findMany({
    where: { boardId: Number(boardId), id: { gt: since } },
    orderBy: { id: 'asc' },
  });
  return {
    events: rows.map(({ kind, entityId, taskId, actorId }) => ({ kind, entityId, taskId, actorId })),
    last: rows.at(-1)?.id ?? since,
  };
}

let cursor = 0n;
/** what the action recorded: the events since the previous call */
async function recorded(action: () => Promise<unknown>): Promise<Event[]> {
  await action();
  const { events, last } = await eventsSince(cursor);
  cursor = last;
  return events;
}

beforeAll(async () => {
  api = await startApi();
  [owner, member, outsider] = await Promise.all([api.user('Owner'), api.user('Member'), api.user('Outsider')]);
  boardId = (
    await owner.client.data<{ createBoard: { id: string } }>('mutation { createBoard(input: { name: "Live" }) { id } }')
  ).createBoard.id;
});

afterAll(() => api?.close());

describe('every acknowledged change records one event, in the same transaction', () => {
  const ids: Record<string, number> = {};
  const by = (user: TestUser) => Number(user.id);

  it('members added and removed', async () => {
    expect(
      await recorded(() =>
        owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
          input: { boardId, email: member.email },
        }),
      ),
    ).toEqual([{ kind: 'MEMBER_ADDED', entityId: by(member), taskId: null, actorId: by(owner) }]);
  });

  it('labels created and changed', async () => {
    const events = await recorded(async () => {
      const { createLabel } = await member.client.data<{ createLabel: { id: string } }>(
        'mutation($input: CreateLabelInput!) { createLabel(input: $input) { id } }',
        { input: { boardId, name: 'bug', color: '#d73a4a' } },
      );
      ids.label = Number(createLabel.id);
    });
    expect(events).toEqual([{ kind: 'LABEL_CREATED', entityId: ids.label, taskId: null, actorId: by(member) }]);
    expect(
      await recorded(() =>
        owner.client.data('mutation($input: UpdateLabelInput!) { updateLabel(input: $input) { id } }', {
          input: { id: String(ids.label), name: 'defect' },
        }),
      ),
    ).toEqual([{ kind: 'LABEL_UPDATED', entityId: ids.label, taskId: null, actorId: by(owner) }]);
  });

  it('tasks created, edited, moved', async () => {
    const created = await recorded(async () => {
      const { createTask } = await owner.client.data<{ createTask: { id: string } }>(
        'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }',
        { input: { boardId, title: 'Ship it', assigneeId: member.id, labelIds: [String(ids.label)] } },
      );
      ids.task = Number(createTask.id);
    });
    expect(created).toEqual([{ kind: 'TASK_CREATED', entityId: ids.task, taskId: null, actorId: by(owner) }]);
    expect(
      await recorded(() =>
        member.client.data('mutation($input: UpdateTaskInput!) { updateTask(input: $input) { id } }', {
          input: { id: String(ids.task), expectedVersion: 1, title: 'Ship it today' },
        }),
      ),
    ).toEqual([{ kind: 'TASK_UPDATED', entityId: ids.task, taskId: null, actorId: by(member) }]);
    expect(
      await recorded(() =>
        member.client.data('mutation($input: MoveTaskInput!) { moveTask(input: $input) { id } }', {
          input: { id: String(ids.task), expectedVersion: 2, status: 'DONE', index: 0 },
        }),
      ),
    ).toEqual([{ kind: 'TASK_MOVED', entityId: ids.task, taskId: null, actorId: by(member) }]);
  });

  it('comments added, edited, deleted', async () => {
    const added = await recorded(async () => {
      const { addComment } = await member.client.data<{ addComment: { id: string } }>(
        'mutation($input: AddCommentInput!) { addComment(input: $input) { id } }',
        { input: { taskId: String(ids.task), body: 'Looks good' } },
      );
      ids.comment = Number(addComment.id);
    });
    const about = { entityId: ids.comment, taskId: ids.task, actorId: by(member) };
    expect(added).toEqual([{ kind: 'COMMENT_ADDED', ...about }]);
    expect(
      await recorded(() =>
        member.client.data('mutation($input: EditCommentInput!) { editComment(input: $input) { id } }', {
          input: { id: String(ids.comment), body: 'Looks very good' },
        }),
      ),
    ).toEqual([{ kind: 'COMMENT_UPDATED', ...about }]);
    expect(
      await recorded(() =>
        member.client.data('mutation($id: ID!) { deleteComment(id: $id) }', { id: String(ids.comment) }),
      ),
    ).toEqual([{ kind: 'COMMENT_DELETED', ...about }]);
  });

  it('a deleted label: its event, and one for each task that lost it (their versions changed)', async () => {
    expect(
      await recorded(() => owner.client.data('mutation($id: ID!) { deleteLabel(id: $id) }', { id: String(ids.label) })),
    ).toEqual([
      { kind: 'LABEL_DELETED', entityId: ids.label, taskId: null, actorId: by(owner) },
      { kind: 'TASK_UPDATED', entityId: ids.task, taskId: null, actorId: by(owner) },
    ]);
  });

  it('a removed member: its event, and one for each task that became unassigned', async () => {
    expect(
      await recorded(() =>
        owner.client.data('mutation($b: ID!, $u: ID!) { removeMember(boardId: $b, userId: $u) }', {
          b: boardId,
          u: member.id,
        }),
      ),
    ).toEqual([
      { kind: 'MEMBER_REMOVED', entityId: by(member), taskId: null, actorId: by(owner) },
      { kind: 'TASK_UPDATED', entityId: ids.task, taskId: null, actorId: by(owner) },
    ]);
  });

  it('a task deleted, the board renamed, then deleted', async () => {
    const version = (await api.app.prisma.task.findUniqueOrThrow({ where: { id: ids.task } })).version;
    expect(
      await recorded(() =>
        owner.client.data('mutation($id: ID!, $v: Int!) { deleteTask(id: $id, expectedVersion: $v) }', {
          id: String(ids.task),
          v: version,
        }),
      ),
    ).toEqual([{ kind: 'TASK_DELETED', entityId: ids.task, taskId: null, actorId: by(owner) }]);
    expect(
      await recorded(() =>
        owner.client.data('mutation($input: RenameBoardInput!) { renameBoard(input: $input) { id } }', {
          input: { id: boardId, name: 'Live, renamed' },
        }),
      ),
    ).toEqual([{ kind: 'BOARD_RENAMED', entityId: null, taskId: null, actorId: by(owner) }]);
  });
});

describe('a write that fails or is refused records nothing', () => {
  let taskId: string;

  beforeAll(async () => {
    taskId = (
      await owner.client.data<{ createTask: { id: string } }>(
        'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }',
        { input: { boardId, title: 'Contested' } },
      )
    ).createTask.id;
    cursor = (await eventsSince(cursor)).last;
  });

  it.each([
    [
      'a stale version (CONFLICT)',
      () =>
        owner.client.error('mutation($input: UpdateTaskInput!) { updateTask(input: $input) { id } }', {
          input: { id: taskId, expectedVersion: 99, title: 'Too late' },
        }),
    ],
    [
      'a stale delete (CONFLICT)',
      () => owner.client.error('mutation($id: ID!) { deleteTask(id: $id, expectedVersion: 99) }', { id: taskId }),
    ],
    [
      'an assignee who is not a member (BAD_USER_INPUT)',
      () =>
        owner.client.error('mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', {
          input: { boardId, title: 'Nobody', assigneeId: outsider.id },
        }),
    ],
    [
      'a duplicate label name (BAD_USER_INPUT)',
      async () => {
        await owner.client.data('mutation($input: CreateLabelInput!) { createLabel(input: $input) { id } }', {
          input: { boardId, name: 'dup', color: '#000000' },
        });
        cursor = (await eventsSince(cursor)).last;
        return owner.client.error('mutation($input: CreateLabelInput!) { createLabel(input: $input) { id } }', {
          input: { boardId, name: 'dup', color: '#ffffff' },
        });
      },
    ],
    [
      'the last owner leaving (BAD_USER_INPUT)',
      () =>
        owner.client.error('mutation($b: ID!, $u: ID!) { removeMember(boardId: $b, userId: $u) }', {
          b: boardId,
          u: owner.id,
        }),
    ],
    [
      'a non-member renaming the board (NOT_FOUND)',
      () =>
        outsider.client.error('mutation($input: RenameBoardInput!) { renameBoard(input: $input) { id } }', {
          input: { id: boardId, name: 'Mine now' },
        }),
    ],
  ])('%s', async (_name, write) => {
    const error = await write();
    expect(error.extensions?.code).toMatch(/CONFLICT|BAD_USER_INPUT|NOT_FOUND/);
    expect((await eventsSince(cursor)).events).toEqual([]);
  });

  it('the board deleted: BOARD_DELETED is its last event, and outlives it', async () => {
    expect(
      await recorded(() => owner.client.data('mutation($id: ID!) { deleteBoard(id: $id) }', { id: boardId })),
    ).toEqual([{ kind: 'BOARD_DELETED', entityId: null, taskId: null, actorId: Number(owner.id) }]);
    expect(await api.app.prisma.board.findUnique({ where: { id: Number(boardId) } })).toBeNull();
  });
});

describe('retention', () => {
  it('housekeeping deletes events older than 24 hours, and only those', async () => {
    const old = new Date(Date.now() - 25 * 60 * 60 * 1000);
    await api.app.prisma.boardEvent.createMany({
      data: [1, 2, 3].map(() => ({ boardId: 0, kind: 'BOARD_RENAMED' as const, actorId: 0, createdAt: old })),
    });
    const before = await api.app.prisma.boardEvent.count();
    expect(await api.app.services.live.purgeExpired(2)).toBe(3);
    expect(await api.app.prisma.boardEvent.count()).toBe(before - 3);
  });
});
