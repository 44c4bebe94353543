// Retries over HTTP: every create mutation takes an idempotency key and creates at most once per
// (user, key), even when the same request runs twice at the same time; updates, moves and deletes are
// guarded by expectedVersion, so sending one twice applies it once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi, type TestUser } from '../support/api.js';

let api: TestApi;
let owner: TestUser;
let member: TestUser;
let boardId: string;
let taskId: string;

const newKey = () => randomUUID().replaceAll('-', '');

const CREATE_TASK = 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id title version } }';
const CREATE_BOARD = 'mutation($input: CreateBoardInput!) { createBoard(input: $input) { id name viewerRole } }';
const CREATE_LABEL = 'mutation($input: CreateLabelInput!) { createLabel(input: $input) { id name color } }';
const ADD_COMMENT = 'mutation($input: AddCommentInput!) { addComment(input: $input) { id body } }';
const ADD_MEMBER = 'mutation($input: AddMemberInput!) { addMember(input: $input) { role user { id } } }';
const TASK = 'query($id: ID!) { task(id: $id) { id title status position version commentCount } }';

const count = async (table: string, where = '1 = 1', values: unknown[] = []) => {
  const [row] = await api.db.query<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM \`${table}\` WHERE ${where}`, values);
  return Number(row!.n);
};
const tasksTitled = (title: string) => count('Task', 'title = ?', [title]);

beforeAll(async () => {
  api = await startApi();
  owner = await api.user('Owner');
  member = await api.user('Member');
  boardId = (await owner.client.data<{ createBoard: { id: string } }>(CREATE_BOARD, { input: { name: 'Board' } }))
    .createBoard.id;
  await owner.client.data(ADD_MEMBER, { input: { boardId, email: member.email } });
  taskId = (await owner.client.data<{ createTask: { id: string } }>(CREATE_TASK, { input: { boardId, title: 'T' } }))
    .createTask.id;
});

afterAll(async () => {
  await api?.close();
});

describe('idempotent creates', () => {
  it('the same key twice creates once and answers both times with the same result', async () => {
    const key = newKey();
    const input = { boardId, title: 'Once', idempotencyKey: key };
    const first = await owner.client.data<{ createTask: { id: string } }>(CREATE_TASK, { input });
    const second = await owner.client.data<{ createTask: { id: string } }>(CREATE_TASK, { input });
    expect(second).toEqual(first);
    expect(await tasksTitled('Once')).toBe(1);
    // surrounding spaces are dropped before comparing, as before storing
    const third = await owner.client.data(CREATE_TASK, { input: { ...input, title: '  Once ' } });
    expect(third).toEqual(first);
  });

  it('works for every create mutation', async () => {
    const cases: [string, Record<string, unknown>, string, string?][] = [
      [CREATE_BOARD, { name: 'Keyed board' }, 'createBoard'],
      [CREATE_LABEL, { boardId, name: 'Keyed', color: '#123456' }, 'createLabel'],
      [ADD_COMMENT, { taskId, body: 'Keyed comment' }, 'addComment'],
    ];
    for (const [query, fields, field] of cases) {
      const input = { ...fields, idempotencyKey: newKey() };
      const first = await owner.client.data<Record<string, { id: string }>>(query, { input });
      expect(await owner.client.data(query, { input })).toEqual(first);
      expect(first[field]!.id).toBeTruthy();
    }
    expect(await count('Board', 'name = ?', ['Keyed board'])).toBe(1);
    expect(await count('Label', 'name = ?', ['Keyed'])).toBe(1);
    expect(await count('Comment', 'body = ?', ['Keyed comment'])).toBe(1);

    // Without a key, adding a member twice says they are one already; with one, the retry succeeds.
    const invitee = await api.user('Invitee');
    const input = { boardId, email: invitee.email, idempotencyKey: newKey() };
    const added = await owner.client.data(ADD_MEMBER, { input });
    expect(await owner.client.data(ADD_MEMBER, { input })).toEqual(added);
    expect(added).toEqual({ addMember: { role: 'MEMBER', user: { id: invitee.id } } });
    const again = await owner.client.error(ADD_MEMBER, { input: { boardId, email: invitee.email } });
    expect(again.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses the same key with a different request', async () => {
    const key = newKey();
    await owner.client.data(CREATE_TASK, { input: { boardId, title: 'Original', idempotencyKey: key } });
    const error = await owner.client.error(CREATE_TASK, { input: { boardId, title: 'Other', idempotencyKey: key } });
    expect(error.message).toMatch(/idempotency key was already used for a different request/);
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { idempotencyKey: [expect.stringMatching(/already used for a different request/)] },
    });
    // another mutation with the same key is another request too
    const label = await owner.client.error(CREATE_LABEL, {
      input: { boardId, name: 'Original', color: '#000000', idempotencyKey: key },
    });
    expect(label.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await tasksTitled('Other')).toBe(0);
    expect(await count('Label', 'name = ?', ['Original'])).toBe(0);
  });

  it('keys are per user: the same key from two users creates two tasks', async () => {
    const key = newKey();
    const input = { boardId, title: 'Per user', idempotencyKey: key };
    const mine = await owner.client.data<{ createTask: { id: string } }>(CREATE_TASK, { input });
    const theirs = await member.client.data<{ createTask: { id: string } }>(CREATE_TASK, { input });
    expect(theirs.createTask.id).not.toBe(mine.createTask.id);
    expect(await tasksTitled('Per user')).toBe(2);
  });

  it('concurrent requests with one key end with one task, and all of them get it', async () => {
    const input = { boardId, title: 'Concurrent', idempotencyKey: newKey() };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => owner.client.request<{ createTask: { id: string } }>(CREATE_TASK, { input })),
    );
    expect(answers.map((a) => a.body.errors)).toEqual(answers.map(() => undefined));
    expect(new Set(answers.map((a) => a.body.data?.createTask.id)).size).toBe(1);
    expect(await tasksTitled('Concurrent')).toBe(1);
    expect(await count('IdempotencyKey', '`key` = ?', [input.idempotencyKey])).toBe(1);

    // a unique name too: the losers fail on the label's name, yet answer with the winner's label
    const label = { boardId, name: 'Race', color: '#abcdef', idempotencyKey: newKey() };
    const labels = await Promise.all(
      Array.from({ length: 4 }, () =>
        owner.client.request<{ createLabel: { id: string } }>(CREATE_LABEL, { input: label }),
      ),
    );
    expect(labels.map((a) => a.body.errors)).toEqual(labels.map(() => undefined));
    expect(new Set(labels.map((a) => a.body.data?.createLabel.id)).size).toBe(1);
  });

  it('an expired key is forgotten: the same key creates again, and then stands for the new task', async () => {
    const key = newKey();
    const input = { boardId, title: 'Expiring', idempotencyKey: key };
    const first = await owner.client.data<{ createTask: { id: string } }>(CREATE_TASK, { input });
    const [row] = await api.db.query<{ created: Date; expires: Date }[]>(
      'SELECT createdAt AS created, expiresAt AS expires FROM IdempotencyKey WHERE `key` = ?',
      [key],
    );
    expect(row!.expires.getTime() - row!.created.getTime()).toBeGreaterThanOrEqual(24 * 3600_000 - 1000);

    await api.db.query('UPDATE IdempotencyKey SET expiresAt = NOW(3) - INTERVAL 1 SECOND WHERE `key` = ?', [key]);
    const second = await owner.client.data<{ createTask: { id: string } }>(CREATE_TASK, { input });
    expect(second.createTask.id).not.toBe(first.createTask.id);
    expect(await tasksTitled('Expiring')).toBe(2);
    // the key now stands for the second task, for another 24 h
    expect(await owner.client.data(CREATE_TASK, { input })).toEqual(second);
    expect(await count('IdempotencyKey', '`key` = ? AND expiresAt > NOW(3)', [key])).toBe(1);
  });

  it('housekeeping deletes expired keys, in batches, and keeps the live ones', async () => {
    const keys = [newKey(), newKey(), newKey(), newKey()];
    for (const [i, key] of keys.entries())
      await owner.client.data(CREATE_TASK, { input: { boardId, title: `Purge ${i}`, idempotencyKey: key } });
    const expired = keys.slice(0, 3);
    await api.db.query(
      'UPDATE IdempotencyKey SET expiresAt = NOW(3) - INTERVAL 1 SECOND WHERE `key` IN (?, ?, ?)',
      expired,
    );
    // earlier tests of this file may have left expired keys too
    expect(await api.app.services.idempotency.purgeExpired(2)).toBeGreaterThanOrEqual(3);
    expect(await count('IdempotencyKey', 'expiresAt <= NOW(3)')).toBe(0);
    expect(await count('IdempotencyKey', '`key` = ?', [keys[3]])).toBe(1);
    expect(await api.app.services.idempotency.purgeExpired()).toBe(0);
  });

  it('validates the key', async () => {
    for (const bad of ['short', 'x'.repeat(65), 'has spaces in it, sixteen+', 'ключ-ключ-ключ-ключ']) {
      const error = await owner.client.error(CREATE_TASK, { input: { boardId, title: 'Bad', idempotencyKey: bad } });
      expect(error.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: { idempotencyKey: ['must be 16 to 64 characters of A-Z, a-z, 0-9, _ and -'] },
      });
    }
    expect(await tasksTitled('Bad')).toBe(0);
  });

  it('a retry answers with the task as it is now, and NOT_FOUND once it is deleted', async () => {
    const input = { boardId, title: 'Then deleted', idempotencyKey: newKey() };
    const { createTask } = await owner.client.data<{ createTask: { id: string; version: number } }>(CREATE_TASK, {
      input,
    });
    await owner.client.data('mutation($id: ID!, $v: Int!) { deleteTask(id: $id, expectedVersion: $v) }', {
      id: createTask.id,
      v: createTask.version,
    });
    const error = await owner.client.error(CREATE_TASK, { input });
    expect(error.extensions?.code).toBe('NOT_FOUND');
    expect(await tasksTitled('Then deleted')).toBe(0);
  });
});

describe('blind retries of guarded writes', () => {
  const UPDATE = 'mutation($input: UpdateTaskInput!) { updateTask(input: $input) { id title version } }';
  const MOVE = 'mutation($input: MoveTaskInput!) { moveTask(input: $input) { id status version } }';
  const DELETE = 'mutation($id: ID!, $v: Int!) { deleteTask(id: $id, expectedVersion: $v) }';

  const state = async (id: string) =>
    (await owner.client.data<{ task: Record<string, unknown> | null }>(TASK, { id })).task;

  it('updateTask sent twice: the second gets CONFLICT and the task is as after one update', async () => {
    const { createTask } = await owner.client.data<{ createTask: { id: string; version: number } }>(CREATE_TASK, {
      input: { boardId, title: 'Retried update' },
    });
    const input = { id: createTask.id, expectedVersion: createTask.version, title: 'Updated' };
    const first = await owner.client.request(UPDATE, { input });
    expect(first.body.errors).toBeUndefined();
    const after = await state(createTask.id);
    const second = await owner.client.error(UPDATE, { input });
    expect(second.extensions).toEqual({ code: 'CONFLICT', currentVersion: createTask.version + 1 });
    expect(await state(createTask.id)).toEqual(after);
    expect(after).toMatchObject({ title: 'Updated', version: createTask.version + 1 });
  });

  it('moveTask sent twice: the second gets CONFLICT and the task moved once', async () => {
    const { createTask } = await owner.client.data<{ createTask: { id: string; version: number } }>(CREATE_TASK, {
      input: { boardId, title: 'Retried move' },
    });
    const input = { id: createTask.id, expectedVersion: createTask.version, status: 'DONE', index: 0 };
    expect((await owner.client.request(MOVE, { input })).body.errors).toBeUndefined();
    const after = await state(createTask.id);
    const second = await owner.client.error(MOVE, { input });
    expect(second.extensions).toEqual({ code: 'CONFLICT', currentVersion: createTask.version + 1 });
    expect(await state(createTask.id)).toEqual(after);
    expect(after).toMatchObject({ status: 'DONE', version: createTask.version + 1 });
  });

  it('deleteTask sent twice: the second gets NOT_FOUND and nothing else changed', async () => {
    const { createTask } = await owner.client.data<{ createTask: { id: string; version: number } }>(CREATE_TASK, {
      input: { boardId, title: 'Retried delete' },
    });
    const tasksBefore = await count('Task', 'boardId = ?', [boardId]);
    const vars = { id: createTask.id, v: createTask.version };
    expect(await owner.client.data(DELETE, vars)).toEqual({ deleteTask: createTask.id });
    const second = await owner.client.error(DELETE, vars);
    expect(second.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(await count('Task', 'boardId = ?', [boardId])).toBe(tasksBefore - 1);
  });
});
