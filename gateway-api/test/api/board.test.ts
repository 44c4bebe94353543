// Boards over HTTP: create, list, rename, delete, members, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi, type TestUser } from '../support/api.js';

let api: TestApi;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
let boardId: string;

beforeAll(async () => {
  api = await startApi();
  [owner, member, outsider] = await Promise.all([api.user('Owner'), api.user('Member'), api.user('Outsider')]);
  const created = await owner.client.data<{ createBoard: { id: string; viewerRole: string } }>(
    'mutation { createBoard(input: { name: "  Roadmap  " }) { id name viewerRole } }',
  );
  boardId = created.createBoard.id;
  expect(created.createBoard.viewerRole).toBe('OWNER');
  await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
    input: { boardId, email: member.email },
  });
});
afterAll(async () => api?.close());

const BOARD = 'query($id: ID!) { board(id: $id) { id name viewerRole members { role user { name email } } } }';

describe('boards', () => {
  it('lists the boards a user is a member of, with cursor pagination', async () => {
    for (const name of ['B1', 'B2', 'B3'])
      await member.client.data(`mutation { createBoard(input: { name: "${name}" }) { id } }`);
    const page1 = await member.client.data<{
      boards: {
        totalCount: number;
        edges: { cursor: string; node: { name: string; viewerRole: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      '{ boards(first: 2) { totalCount edges { cursor node { name viewerRole } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(page1.boards.totalCount).toBe(4);
    expect(page1.boards.edges.map((e) => [e.node.name, e.node.viewerRole])).toEqual([
      ['Roadmap', 'MEMBER'],
      ['B1', 'OWNER'],
    ]);
    expect(page1.boards.pageInfo.hasNextPage).toBe(true);
    const page2 = await member.client.data<{
      boards: { edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean } };
    }>(
      'query($after: String) { boards(first: 2, after: $after) { edges { node { name } } pageInfo { hasNextPage } } }',
      { after: page1.boards.pageInfo.endCursor },
    );
    expect(page2.boards.edges.map((e) => e.node.name)).toEqual(['B2', 'B3']);
    expect(page2.boards.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects page sizes above 100 and broken cursors as BAD_USER_INPUT', async () => {
    const tooMany = await member.client.error('{ boards(first: 101) { totalCount } }');
    expect(tooMany.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.extensions?.fields).toEqual({ first: ['first must be at most 100'] });
    const badCursor = await member.client.error('{ boards(after: "nonsense") { totalCount } }');
    expect(badCursor.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('shows a board, its role and members to members only; others get NOT_FOUND', async () => {
    const seen = await member.client.data<{
      board: { name: string; viewerRole: string; members: { role: string; user: { name: string } }[] };
    }>(BOARD, { id: boardId });
    expect(seen.board).toMatchObject({ name: 'Roadmap', viewerRole: 'MEMBER' });
    expect(seen.board.members.map((m) => [m.user.name, m.role])).toEqual([
      ['Owner', 'OWNER'],
      ['Member', 'MEMBER'],
    ]);
    for (const id of [boardId, '999999']) {
      expect((await outsider.client.error(BOARD, { id })).extensions?.code).toBe('NOT_FOUND');
    }
    expect((await api.client().error(BOARD, { id: boardId })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await member.client.error(BOARD, { id: 'abc' })).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets only the owner rename, manage members and delete', async () => {
    const rename = 'mutation($id: ID!) { renameBoard(input: { id: $id, name: "Renamed" }) { name } }';
    expect((await member.client.error(rename, { id: boardId })).extensions?.code).toBe('FORBIDDEN');
    expect((await outsider.client.error(rename, { id: boardId })).extensions?.code).toBe('NOT_FOUND');
    expect(await owner.client.data(rename, { id: boardId })).toEqual({ renameBoard: { name: 'Renamed' } });

    const add = 'mutation($input: AddMemberInput!) { addMember(input: $input) { role user { name } } }';
    expect((await member.client.error(add, { input: { boardId, email: outsider.email } })).extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(await owner.client.error(add, { input: { boardId, email: 'nobody@example.com' } })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: { email: [expect.stringMatching(/no account/)] } },
    });
    expect((await owner.client.error(add, { input: { boardId, email: member.email } })).extensions?.fields).toEqual({
      email: ['is already a member of this board'],
    });
    expect((await owner.client.error(add, { input: { boardId, email: 'not-an-email' } })).extensions?.fields).toEqual({
      email: ['must be an email address'],
    });
    await owner.client.data(add, { input: { boardId, email: outsider.email } });
    expect(
      (await outsider.client.data<{ board: { viewerRole: string } }>(BOARD, { id: boardId })).board.viewerRole,
    ).toBe('MEMBER');

    const remove = 'mutation($b: ID!, $u: ID!) { removeMember(boardId: $b, userId: $u) }';
    expect((await member.client.error(remove, { b: boardId, u: outsider.id })).extensions?.code).toBe('FORBIDDEN');
    expect(await outsider.client.data(remove, { b: boardId, u: outsider.id })).toEqual({ removeMember: true }); // leaving
    expect((await outsider.client.error(BOARD, { id: boardId })).extensions?.code).toBe('NOT_FOUND');
    expect((await owner.client.error(remove, { b: boardId, u: owner.id })).extensions?.fields).toEqual({
      userId: [expect.stringMatching(/only owner/)],
    });

    const del = 'mutation($id: ID!) { deleteBoard(id: $id) }';
    expect((await member.client.error(del, { id: boardId })).extensions?.code).toBe('FORBIDDEN');
    expect(await owner.client.data(del, { id: boardId })).toEqual({ deleteBoard: boardId });
    expect((await owner.client.error(BOARD, { id: boardId })).extensions?.code).toBe('NOT_FOUND');
  });

  it('validates board names', async () => {
    const error = await owner.client.error('mutation { createBoard(input: { name: "" }) { id } }');
    expect(error).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: { name: ['must be 1 to 120 characters'] } },
    });
  });
});
