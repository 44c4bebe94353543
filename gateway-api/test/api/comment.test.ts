// Comments over HTTP: add, edit, delete, Task.comments with cursors, validation, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi, type TestUser } from '../support/api.js';
import { firstColumnId } from '../support/columns.js';

let api: TestApi;
let owner: TestUser;
let member: TestUser;
let colleague: TestUser;
let outsider: TestUser;
/** outsider's board, with a task and a comment nobody else may touch */
let otherTaskId: string;
let otherCommentId: string;

interface CommentData {
  id: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  author: { id: string; name: string };
}

const FIELDS = 'id body createdAt updatedAt author { id name }';
const ADD = `mutation($input: AddCommentInput!) { addComment(input: $input) { ${FIELDS} } }`;
const EDIT = `mutation($input: EditCommentInput!) { editComment(input: $input) { ${FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteComment(id: $id) }';

/**
 * A task's comments, reached through its board's TODO column. Each test task is alone on its own
 * board: the query cost limit counts a variable page size as 100, so only one task fits.
 */
const COMMENTS = `query($board: ID!, $first: Int, $after: String) {
  board(id: $board) {
    tasks(status: TODO, first: 1) {
      edges { node { id commentCount
        comments(first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { id body } }
        }
      } }
    }
  }
}`;

interface CommentPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: { id: string; body: string } }[];
}

async function createBoard(user: TestUser, name: string): Promise<string> {
  const data = await user.client.data<{ createBoard: { id: string } }>(
    'mutation($name: String!) { createBoard(input: { name: $name }) { id } }',
    { name },
  );
  return data.createBoard.id;
}

interface TestTask {
  id: string;
  boardId: string;
}

/**
 * A task alone on a new board of owner's, where member and colleague are MEMBERs. The task
 * mutations are not part of this module: tasks (and memberships) are made in the database.
 */
async function createTask(title = 'A task'): Promise<TestTask> {
  const boardId = await createBoard(owner, `Board of ${title}`);
  const prisma = api.app.prisma;
  await prisma.membership.createMany({
    data: [member, colleague].map((u) => ({ boardId: Number(boardId), userId: Number(u.id) })),
  });
  const task = await prisma.task.create({
    data: { boardId: Number(boardId), columnId: await firstColumnId(prisma, boardId), title, position: 0 },
  });
  return { id: String(task.id), boardId };
}

async function addComment(user: TestUser, taskId: string, body: string): Promise<CommentData> {
  return (await user.client.data<{ addComment: CommentData }>(ADD, { input: { taskId, body } })).addComment;
}

async function commentsOf(
  user: TestUser,
  task: TestTask,
  args: { first?: number; after?: string | null } = {},
): Promise<CommentPage & { commentCount: number }> {
  const data = await user.client.data<{
    board: { tasks: { edges: { node: { id: string; commentCount: number; comments: CommentPage } }[] } };
  }>(COMMENTS, { board: task.boardId, ...args });
  const node = data.board.tasks.edges[0]?.node;
  expect(node?.id).toBe(task.id);
  return { ...node!.comments, commentCount: node!.commentCount };
}

/** the comment as stored, read behind the API's back */
const stored = (id: string) => api.app.prisma.comment.findUnique({ where: { id: Number(id) } });

beforeAll(async () => {
  api = await startApi();
  [owner, member, colleague, outsider] = await Promise.all([
    api.user('Owner'),
    api.user('Member'),
    api.user('Colleague'),
    api.user('Outsider'),
  ]);
  const otherBoardId = await createBoard(outsider, 'Elsewhere');
  otherTaskId = String(
    (
      await api.app.prisma.task.create({
        data: {
          boardId: Number(otherBoardId),
          columnId: await firstColumnId(api.app.prisma, otherBoardId),
          title: 'Secret',
          position: 0,
        },
      })
    ).id,
  );
  otherCommentId = (await addComment(outsider, otherTaskId, 'private')).id;
});
afterAll(async () => api?.close());

describe('addComment', () => {
  it('lets any member comment, trimming the body; the author is the viewer', async () => {
    const task = await createTask();
    const byMember = await addComment(member, task.id, '  Looks good to me.\n');
    expect(byMember).toMatchObject({ body: 'Looks good to me.', author: { id: member.id, name: 'Member' } });
    expect(byMember.updatedAt).toBe(byMember.createdAt);
    const byOwner = await addComment(owner, task.id, 'Thanks!');
    expect(byOwner.author.name).toBe('Owner');

    const page = await commentsOf(colleague, task);
    expect(page.edges.map((e) => e.node)).toEqual([
      { id: byMember.id, body: 'Looks good to me.' },
      { id: byOwner.id, body: 'Thanks!' },
    ]);
    expect(page).toMatchObject({ totalCount: 2, commentCount: 2, pageInfo: { hasNextPage: false } });
  });

  it('validates the body (trimmed: 1 to 5000 characters) and the task id', async () => {
    const task = await createTask();
    const errorFor = async (input: Record<string, unknown>) =>
      (await member.client.error(ADD, { input: { taskId: task.id, body: 'ok', ...input } })).extensions;
    for (const body of ['', '   ', '\n\t ']) {
      expect(await errorFor({ body })).toEqual({ code: 'BAD_USER_INPUT', fields: { body: ['must not be blank'] } });
    }
    expect(await errorFor({ body: 'x'.repeat(5001) })).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { body: ['must be at most 5000 characters'] },
    });
    expect(await errorFor({ taskId: 'abc' })).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { taskId: ['must be the id of an existing item'] },
    });
    expect((await commentsOf(member, task)).totalCount).toBe(0);
    // the limit applies to what is stored: surrounding blanks do not count
    expect((await addComment(member, task.id, ` ${'x'.repeat(5000)} `)).body).toHaveLength(5000);
    expect((await commentsOf(member, task)).totalCount).toBe(1);
  });

  it("is NOT_FOUND on a task of someone else's board, exactly like a missing task, and adds nothing", async () => {
    const task = await createTask();
    const missing = await member.client.error(ADD, { input: { taskId: '999999', body: 'hello?' } });
    const foreign = await member.client.error(ADD, { input: { taskId: otherTaskId, body: 'hello?' } });
    expect(missing).toMatchObject({ message: 'Task not found.', extensions: { code: 'NOT_FOUND' } });
    expect(foreign.message).toBe(missing.message);
    expect(foreign.extensions).toEqual(missing.extensions);
    const input = { taskId: task.id, body: 'hi' };
    expect((await outsider.client.error(ADD, { input })).extensions?.code).toBe('NOT_FOUND');
    expect((await api.client().error(ADD, { input })).extensions?.code).toBe('UNAUTHENTICATED');
    expect(await api.app.prisma.comment.count({ where: { taskId: Number(otherTaskId) } })).toBe(1);
    expect(await api.app.prisma.comment.count({ where: { taskId: Number(task.id) } })).toBe(0);
  });
});

describe('editComment', () => {
  it('lets the author edit their comment', async () => {
    const task = await createTask();
    const comment = await addComment(member, task.id, 'First draft');
    const { editComment: edited } = await member.client.data<{ editComment: CommentData }>(EDIT, {
      input: { id: comment.id, body: ' Final ' },
    });
    expect(edited).toMatchObject({
      id: comment.id,
      body: 'Final',
      createdAt: comment.createdAt,
      author: { id: member.id },
    });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThanOrEqual(Date.parse(comment.updatedAt));
    expect((await commentsOf(owner, task)).edges.map((e) => e.node.body)).toEqual(['Final']);
  });

  it('is FORBIDDEN to other members and to the owner, NOT_FOUND to non-members; nothing changes', async () => {
    const comment = await addComment(member, (await createTask()).id, 'Mine');
    const input = { id: comment.id, body: 'Not yours' };
    for (const user of [colleague, owner]) {
      expect(await user.client.error(EDIT, { input })).toMatchObject({
        message: 'Only its author can edit a comment.',
        extensions: { code: 'FORBIDDEN' },
      });
    }
    expect((await outsider.client.error(EDIT, { input })).extensions?.code).toBe('NOT_FOUND');
    expect((await api.client().error(EDIT, { input })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await stored(comment.id))?.body).toBe('Mine');
  });

  it("is NOT_FOUND for a comment on someone else's board, like a missing one", async () => {
    const missing = await member.client.error(EDIT, { input: { id: '999999', body: 'x' } });
    const foreign = await member.client.error(EDIT, { input: { id: otherCommentId, body: 'x' } });
    expect(missing).toMatchObject({ message: 'Comment not found.', extensions: { code: 'NOT_FOUND' } });
    expect(foreign.message).toBe(missing.message);
    expect(foreign.extensions).toEqual(missing.extensions);
    expect((await stored(otherCommentId))?.body).toBe('private');
  });

  it('validates the body and the id', async () => {
    const comment = await addComment(member, (await createTask()).id, 'Keep me');
    const fieldsFor = async (input: Record<string, unknown>) =>
      (await member.client.error(EDIT, { input: { id: comment.id, body: 'ok', ...input } })).extensions?.fields;
    expect(await fieldsFor({ body: ' ' })).toEqual({ body: ['must not be blank'] });
    expect(await fieldsFor({ body: 'y'.repeat(5001) })).toEqual({ body: ['must be at most 5000 characters'] });
    expect(await fieldsFor({ id: '-1' })).toEqual({ id: ['must be the id of an existing item'] });
    expect((await stored(comment.id))?.body).toBe('Keep me');
  });
});

describe('deleteComment', () => {
  it("lets the author delete their comment, and the board's owner delete anyone's", async () => {
    const task = await createTask();
    const mine = await addComment(member, task.id, 'mine');
    const moderated = await addComment(colleague, task.id, 'off topic');
    const kept = await addComment(colleague, task.id, 'kept');
    expect(await member.client.data(DELETE, { id: mine.id })).toEqual({ deleteComment: mine.id });
    expect(await owner.client.data(DELETE, { id: moderated.id })).toEqual({ deleteComment: moderated.id });
    const page = await commentsOf(member, task);
    expect(page.edges.map((e) => e.node.id)).toEqual([kept.id]);
    expect(page).toMatchObject({ totalCount: 1, commentCount: 1 });
    // gone now
    expect((await member.client.error(DELETE, { id: mine.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await member.client.error(EDIT, { input: { id: mine.id, body: 'x' } })).extensions?.code).toBe('NOT_FOUND');
  });

  it("is FORBIDDEN to other members, NOT_FOUND to non-members and for other boards' comments; nothing is deleted", async () => {
    const comment = await addComment(colleague, (await createTask()).id, 'stays');
    expect(await member.client.error(DELETE, { id: comment.id })).toMatchObject({
      message: "Only its author or the board's owner can delete a comment.",
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await outsider.client.error(DELETE, { id: comment.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await api.client().error(DELETE, { id: comment.id })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await member.client.error(DELETE, { id: 'abc' })).extensions?.fields).toEqual({
      id: ['must be the id of an existing item'],
    });

    // the owner of another board is no one on that board
    const missing = await owner.client.error(DELETE, { id: '999999' });
    const foreign = await owner.client.error(DELETE, { id: otherCommentId });
    expect(missing).toMatchObject({ message: 'Comment not found.', extensions: { code: 'NOT_FOUND' } });
    expect(foreign.message).toBe(missing.message);
    expect(foreign.extensions).toEqual(missing.extensions);

    expect(await stored(comment.id)).not.toBeNull();
    expect(await stored(otherCommentId)).not.toBeNull();
  });

  it('stops an author who has left the board from editing or deleting their comments', async () => {
    const task = await createTask();
    const leaver = await api.user('Leaver');
    await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
      input: { boardId: task.boardId, email: leaver.email },
    });
    const comment = await addComment(leaver, task.id, 'before leaving');
    await leaver.client.data('mutation($b: ID!, $u: ID!) { removeMember(boardId: $b, userId: $u) }', {
      b: task.boardId,
      u: leaver.id,
    });
    expect((await leaver.client.error(EDIT, { input: { id: comment.id, body: 'x' } })).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await leaver.client.error(DELETE, { id: comment.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await stored(comment.id))?.body).toBe('before leaving');
  });
});

describe('Task.comments', () => {
  it('pages through 25 comments 10 at a time, oldest first, ties broken by id', async () => {
    const task = await createTask('Busy');
    const base = Date.UTC(2026, 0, 1);
    // Inserted newest first, and in threes sharing a millisecond, so that neither id order alone
    // nor insertion order gives the expected list.
    const times = Array.from({ length: 25 }, (_, i) => base + Math.floor((24 - i) / 3) * 60_000);
    for (const [i, at] of times.entries()) {
      await api.app.prisma.comment.create({
        data: { taskId: Number(task.id), authorId: Number(member.id), body: `c${i}`, createdAt: new Date(at) },
      });
    }
    const expected = (await api.app.prisma.comment.findMany({ where: { taskId: Number(task.id) } }))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)
      .map((c) => String(c.id));
    expect(expected).not.toEqual([...expected].sort((a, b) => Number(a) - Number(b)));

    const pages: CommentPage[] = [];
    let after: string | null = null;
    do {
      const page: CommentPage = await commentsOf(member, task, { first: 10, after });
      pages.push(page);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      after = page.pageInfo.endCursor;
    } while (pages.at(-1)!.pageInfo.hasNextPage && pages.length < 5);

    expect(pages.map((p) => p.edges.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.every((p) => p.totalCount === 25 && !p.pageInfo.hasPreviousPage)).toBe(true);
    expect(pages.flatMap((p) => p.edges.map((e) => e.node.id))).toEqual(expected);

    // a cursor from the middle of a page (inside a group of equal times) resumes right after that comment
    const resumed = await commentsOf(member, task, { first: 3, after: pages[0]!.edges[4]!.cursor });
    expect(resumed.edges.map((e) => e.node.id)).toEqual(expected.slice(5, 8));
    // after the last one: an empty page
    const end = await commentsOf(member, task, { first: 10, after: pages[2]!.pageInfo.endCursor });
    expect(end).toMatchObject({ edges: [], totalCount: 25, pageInfo: { hasNextPage: false, endCursor: null } });
    // the default page size is 20
    expect((await commentsOf(member, task)).edges).toHaveLength(20);
  });

  it('gives an empty connection for a task without comments', async () => {
    const task = await createTask('Quiet');
    expect(await commentsOf(member, task)).toEqual({
      totalCount: 0,
      commentCount: 0,
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it('rejects page sizes outside 1..100 and foreign cursors as BAD_USER_INPUT', async () => {
    const task = await createTask('Limits');
    for (const [first, message] of [
      [101, 'first must be at most 100'],
      [0, 'first must be at least 1'],
    ] as const) {
      expect(await member.client.error(COMMENTS, { board: task.boardId, first })).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', fields: { first: [message] } },
      });
    }
    expect((await commentsOf(member, task, { first: 100 })).totalCount).toBe(0);
    const boardsCursor = Buffer.from(JSON.stringify([1])).toString('base64url');
    for (const after of ['nonsense', boardsCursor]) {
      expect(await member.client.error(COMMENTS, { board: task.boardId, after })).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', fields: { after: ['is not a cursor this list gave out'] } },
      });
    }
  });

  it('serves different pages of one task in the same request', async () => {
    const task = await createTask('Aliases');
    const ids: string[] = [];
    for (const body of ['one', 'two', 'three', 'four']) ids.push((await addComment(member, task.id, body)).id);
    const first = await commentsOf(member, task, { first: 2 });
    const data = await member.client.data<{
      board: { tasks: { edges: { node: { a: CommentPage; b: CommentPage } }[] } };
    }>(
      `query($board: ID!, $after: String) { board(id: $board) { tasks(status: TODO, first: 1) { edges { node {
        a: comments(first: 2) { edges { node { id } } }
        b: comments(first: 2, after: $after) { edges { node { id } } }
      } } } } }`,
      { board: task.boardId, after: first.pageInfo.endCursor },
    );
    const node = data.board.tasks.edges[0]!.node;
    expect(node.a.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(node.b.edges.map((e) => e.node.id)).toEqual(ids.slice(2, 4));
  });

  it('is reachable from the board columns too, with commentCount agreeing with totalCount', async () => {
    const task = await createTask('Column task');
    for (const body of ['a', 'b', 'c']) await addComment(owner, task.id, body);
    const data = await owner.client.data<{
      board: {
        columns: { status: string; tasks: { edges: { node: { commentCount: number; comments: CommentPage } }[] } }[];
      };
    }>(
      `query($id: ID!) { board(id: $id) { columns(first: 5) { status tasks { edges { node {
        commentCount comments(first: 2) { totalCount pageInfo { hasNextPage } }
      } } } } } }`,
      { id: task.boardId },
    );
    const todo = data.board.columns.find((c) => c.status === 'TODO')!;
    expect(todo.tasks.edges.map((e) => e.node)).toEqual([
      { commentCount: 3, comments: { totalCount: 3, pageInfo: { hasNextPage: true } } },
    ]);
  });

  it('loads the comments of a whole column in a fixed number of SQL statements (no N+1)', async () => {
    const board = await createBoard(owner, 'Many tasks');
    const prisma = api.app.prisma;
    for (let i = 0; i < 12; i++) {
      const task = await prisma.task.create({
        data: { boardId: Number(board), columnId: await firstColumnId(prisma, board), title: `T${i}`, position: i },
      });
      await prisma.comment.createMany({
        data: Array.from({ length: i % 4 }, (_, c) => ({
          taskId: task.id,
          authorId: Number(c % 2 ? owner.id : member.id),
          body: `c${c}`,
        })),
      });
    }
    const query = `query($id: ID!, $tasks: Int!) { board(id: $id) { tasks(status: TODO, first: $tasks) { edges { node {
      commentCount comments(first: 2) { totalCount edges { node { id } } }
    } } } } }`;
    const statementsFor = async (tasks: number) => {
      await owner.client.data(query, { id: board, tasks }); // warm up the pool
      api.sql.length = 0;
      const data = await owner.client.data<{
        board: { tasks: { edges: { node: { commentCount: number; comments: { totalCount: number } } }[] } };
      }>(query, { id: board, tasks });
      expect(data.board.tasks.edges).toHaveLength(tasks);
      for (const { node } of data.board.tasks.edges) expect(node.comments.totalCount).toBe(node.commentCount);
      return [...api.sql];
    };
    const few = await statementsFor(2);
    const many = await statementsFor(12);
    expect(many.length).toBe(few.length);
  });
});
