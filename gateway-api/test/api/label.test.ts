// Labels over HTTP: create, update, delete, validation, and who may do what (any member; nobody else).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi, type TestUser } from '../support/api.js';
import { firstColumnId } from '../support/columns.js';

let api: TestApi;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
/** owner's board, member is a MEMBER of it */
let boardId: string;
/** outsider's board: nobody else is a member */
let otherBoardId: string;
let otherLabelId: string;

interface LabelData {
  id: string;
  name: string;
  color: string;
}

const CREATE = 'mutation($input: CreateLabelInput!) { createLabel(input: $input) { id name color } }';
const UPDATE = 'mutation($input: UpdateLabelInput!) { updateLabel(input: $input) { id name color } }';
const DELETE = 'mutation($id: ID!) { deleteLabel(id: $id) }';
const BOARD_LABELS = 'query($id: ID!) { board(id: $id) { labels { id name color } } }';

async function createBoard(user: TestUser, name: string): Promise<string> {
  const data = await user.client.data<{ createBoard: { id: string } }>(
    'mutation($name: String!) { createBoard(input: { name: $name }) { id } }',
    { name },
  );
  return data.createBoard.id;
}

async function createLabel(user: TestUser, input: Record<string, unknown>): Promise<LabelData> {
  return (await user.client.data<{ createLabel: LabelData }>(CREATE, { input })).createLabel;
}

async function labelsOf(user: TestUser, id: string): Promise<LabelData[]> {
  return (await user.client.data<{ board: { labels: LabelData[] } }>(BOARD_LABELS, { id })).board.labels;
}

/** the label as stored, read behind the API's back */
const stored = (id: string) => api.app.prisma.label.findUnique({ where: { id: Number(id) } });

beforeAll(async () => {
  api = await startApi();
  [owner, member, outsider] = await Promise.all([api.user('Owner'), api.user('Member'), api.user('Outsider')]);
  [boardId, otherBoardId] = await Promise.all([createBoard(owner, 'Labels'), createBoard(outsider, 'Elsewhere')]);
  await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
    input: { boardId, email: member.email },
  });
  otherLabelId = (await createLabel(outsider, { boardId: otherBoardId, name: 'secret', color: '#000000' })).id;
});
afterAll(async () => api?.close());

describe('createLabel', () => {
  it('lets any member add a label: name trimmed, colour lower-cased; Board.labels lists them by name', async () => {
    const bug = await createLabel(member, { boardId, name: '  bug  ', color: '#FF0000' });
    expect(bug).toMatchObject({ name: 'bug', color: '#ff0000' });
    const docs = await createLabel(owner, { boardId, name: 'docs', color: '#00ff00' });
    expect(await labelsOf(member, boardId)).toEqual([bug, docs]);
  });

  it('rejects a name already used on the board, ignoring case; another board may reuse it', async () => {
    await createLabel(member, { boardId, name: 'feature', color: '#123456' });
    for (const name of ['feature', 'FEATURE', ' Feature ']) {
      expect(await member.client.error(CREATE, { input: { boardId, name, color: '#654321' } })).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', fields: { name: ['is already used on this board'] } },
      });
    }
    const elsewhere = await createLabel(outsider, { boardId: otherBoardId, name: 'feature', color: '#654321' });
    expect(elsewhere.name).toBe('feature');
  });

  it('validates every field, reporting all problems at once', async () => {
    const fieldsFor = async (input: Record<string, unknown>) =>
      (await member.client.error(CREATE, { input: { boardId, name: 'ok', color: '#abcdef', ...input } })).extensions
        ?.fields;
    for (const name of ['', '   ', 'x'.repeat(51)]) {
      expect(await fieldsFor({ name })).toEqual({ name: ['must be 1 to 50 characters'] });
    }
    for (const color of ['red', '#abc', '#abcdeg', 'abcdef0', '#abcdef ']) {
      expect(await fieldsFor({ color })).toEqual({ color: ['must be a colour like #1a2b3c'] });
    }
    expect(await fieldsFor({ name: '', color: 'blue' })).toEqual({
      name: ['must be 1 to 50 characters'],
      color: ['must be a colour like #1a2b3c'],
    });
    expect(await fieldsFor({ boardId: 'abc' })).toEqual({ boardId: ['must be the id of an existing item'] });
    // 50 characters is fine
    expect((await createLabel(member, { boardId, name: 'y'.repeat(50), color: '#abcdef' })).name).toHaveLength(50);
  });

  it('is NOT_FOUND on a board the viewer is not a member of, exactly like a missing board; anonymous is UNAUTHENTICATED', async () => {
    const before = await api.app.prisma.label.count();
    const input = { name: 'probe', color: '#111111' };
    const missing = await member.client.error(CREATE, { input: { ...input, boardId: '999999' } });
    const foreign = await member.client.error(CREATE, { input: { ...input, boardId: otherBoardId } });
    expect(missing).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(foreign.message).toBe(missing.message);
    expect(foreign.extensions).toEqual(missing.extensions);
    expect((await outsider.client.error(CREATE, { input: { ...input, boardId } })).extensions?.code).toBe('NOT_FOUND');
    expect((await api.client().error(CREATE, { input: { ...input, boardId } })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(await api.app.prisma.label.count()).toBe(before);
  });
});

describe('updateLabel', () => {
  it('lets any member rename and recolour; omitted or null fields keep their value', async () => {
    const label = await createLabel(owner, { boardId, name: 'urgent', color: '#aa0000' });
    const renamed = await member.client.data<{ updateLabel: LabelData }>(UPDATE, {
      input: { id: label.id, name: ' blocker ' },
    });
    expect(renamed.updateLabel).toEqual({ id: label.id, name: 'blocker', color: '#aa0000' });
    const recoloured = await owner.client.data<{ updateLabel: LabelData }>(UPDATE, {
      input: { id: label.id, name: null, color: '#BB0000' },
    });
    expect(recoloured.updateLabel).toEqual({ id: label.id, name: 'blocker', color: '#bb0000' });
    const unchanged = await member.client.data<{ updateLabel: LabelData }>(UPDATE, { input: { id: label.id } });
    expect(unchanged.updateLabel).toEqual(recoloured.updateLabel);
    // renaming to its own name, in another case, is not a clash with itself
    const recased = await member.client.data<{ updateLabel: LabelData }>(UPDATE, {
      input: { id: label.id, name: 'Blocker' },
    });
    expect(recased.updateLabel.name).toBe('Blocker');
  });

  it("rejects another label's name and invalid values", async () => {
    const a = await createLabel(member, { boardId, name: 'alpha', color: '#010101' });
    await createLabel(member, { boardId, name: 'beta', color: '#020202' });
    expect(await member.client.error(UPDATE, { input: { id: a.id, name: 'BETA' } })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: { name: ['is already used on this board'] } },
    });
    expect((await member.client.error(UPDATE, { input: { id: a.id, name: '  ' } })).extensions?.fields).toEqual({
      name: ['must be 1 to 50 characters'],
    });
    expect((await member.client.error(UPDATE, { input: { id: a.id, color: 'green' } })).extensions?.fields).toEqual({
      color: ['must be a colour like #1a2b3c'],
    });
    expect((await member.client.error(UPDATE, { input: { id: 'x1' } })).extensions?.fields).toEqual({
      id: ['must be the id of an existing item'],
    });
    expect(await stored(a.id)).toMatchObject({ name: 'alpha', color: '#010101' });
  });

  it("is NOT_FOUND for a label on someone else's board, like a missing one, and changes nothing", async () => {
    const input = { name: 'hacked', color: '#ffffff' };
    const missing = await member.client.error(UPDATE, { input: { ...input, id: '999999' } });
    const foreign = await member.client.error(UPDATE, { input: { ...input, id: otherLabelId } });
    expect(missing).toMatchObject({ message: 'Label not found.', extensions: { code: 'NOT_FOUND' } });
    expect(foreign.message).toBe(missing.message);
    expect(foreign.extensions).toEqual(missing.extensions);
    expect((await api.client().error(UPDATE, { input: { ...input, id: otherLabelId } })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(await stored(otherLabelId)).toMatchObject({ name: 'secret', color: '#000000' });
  });
});

describe('deleteLabel', () => {
  it('lets any member delete a label, taking it off every task', async () => {
    const prisma = api.app.prisma;
    const label = await createLabel(owner, { boardId, name: 'to-delete', color: '#333333' });
    const keep = await createLabel(owner, { boardId, name: 'to-keep', color: '#444444' });
    const task = await prisma.task.create({
      data: {
        boardId: Number(boardId),
        columnId: await firstColumnId(prisma, boardId),
        title: 'Labelled',
        position: 0,
      },
    });
    const bystander = await prisma.task.create({
      data: {
        boardId: Number(boardId),
        columnId: await firstColumnId(prisma, boardId),
        title: 'Unlabelled',
        position: 1,
      },
    });
    await prisma.taskLabel.createMany({
      data: [label, keep].map((l) => ({ taskId: task.id, labelId: Number(l.id) })),
    });
    const TASK_LABELS =
      'query($id: ID!) { board(id: $id) { tasks(status: TODO) { edges { node { id labels { name } } } } } }';
    const labelsOnTask = async () =>
      (
        await member.client.data<{
          board: { tasks: { edges: { node: { id: string; labels: { name: string }[] } }[] } };
        }>(TASK_LABELS, { id: boardId })
      ).board.tasks.edges
        .find((e) => e.node.id === String(task.id))!
        .node.labels.map((l) => l.name);
    expect(await labelsOnTask()).toEqual(['to-delete', 'to-keep']);

    expect(await member.client.data(DELETE, { id: label.id })).toEqual({ deleteLabel: label.id });
    expect(await labelsOnTask()).toEqual(['to-keep']);
    // the labelled task changed, so its version moved on; other tasks kept theirs
    expect((await prisma.task.findUnique({ where: { id: task.id } }))?.version).toBe(task.version + 1);
    expect((await prisma.task.findUnique({ where: { id: bystander.id } }))?.version).toBe(bystander.version);
    expect((await labelsOf(owner, boardId)).map((l) => l.name)).not.toContain('to-delete');
    expect(await stored(label.id)).toBeNull();

    // gone now: a second delete or update is NOT_FOUND
    expect((await member.client.error(DELETE, { id: label.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await member.client.error(UPDATE, { input: { id: label.id, name: 'x' } })).extensions?.code).toBe(
      'NOT_FOUND',
    );
  });

  it("is NOT_FOUND for a label on someone else's board, like a missing one, and deletes nothing", async () => {
    const missing = await member.client.error(DELETE, { id: '999999' });
    const foreign = await member.client.error(DELETE, { id: otherLabelId });
    expect(missing).toMatchObject({ message: 'Label not found.', extensions: { code: 'NOT_FOUND' } });
    expect(foreign.message).toBe(missing.message);
    expect(foreign.extensions).toEqual(missing.extensions);
    expect((await api.client().error(DELETE, { id: otherLabelId })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await member.client.error(DELETE, { id: 'abc' })).extensions?.fields).toEqual({
      id: ['must be the id of an existing item'],
    });
    expect(await stored(otherLabelId)).not.toBeNull();
  });

  it('stops working for a member once they have left the board', async () => {
    const leaver = await api.user('Leaver');
    await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
      input: { boardId, email: leaver.email },
    });
    const label = await createLabel(leaver, { boardId, name: 'leaver', color: '#555555' });
    await leaver.client.data('mutation($b: ID!, $u: ID!) { removeMember(boardId: $b, userId: $u) }', {
      b: boardId,
      u: leaver.id,
    });
    expect((await leaver.client.error(DELETE, { id: label.id })).extensions?.code).toBe('NOT_FOUND');
    expect(await stored(label.id)).not.toBeNull();
  });
});
