// searchTasks over HTTP: full-text search in one board's titles and descriptions (MariaDB/MySQL
// FULLTEXT, boolean mode, prefix terms), its filters and pagination, and who may search.
// InnoDB indexes words of 3+ characters and skips stopwords ("with", "about", ...), so the
// searched words here are longer ordinary words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi, type TestUser } from '../support/api.js';

let api: TestApi;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
let boardId: string;
let secondBoardId: string;
let bugLabel: string;
let docsLabel: string;
/** task ids by title */
const ids: Record<string, string> = {};

interface SearchData {
  searchTasks: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; title: string; assignee: { id: string } | null } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const SEARCH = `query($boardId: ID!, $query: String!, $status: TaskStatus, $assigneeId: ID, $labelId: ID,
    $first: Int, $after: String) {
  searchTasks(boardId: $boardId, query: $query, status: $status, assigneeId: $assigneeId, labelId: $labelId,
      first: $first, after: $after) {
    totalCount
    edges { cursor node { id title assignee { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function search(variables: Record<string, unknown>, user: TestUser = member) {
  return (await user.client.data<SearchData>(SEARCH, { boardId, ...variables })).searchTasks;
}

/** the titles found, in order, checking that totalCount agrees */
async function titles(variables: Record<string, unknown>, user: TestUser = member): Promise<string[]> {
  const found = await search({ first: 100, ...variables }, user);
  expect(found.totalCount).toBe(found.edges.length);
  return found.edges.map((e) => e.node.title);
}

async function createBoard(user: TestUser, name: string): Promise<string> {
  const data = await user.client.data<{ createBoard: { id: string } }>(
    'mutation($name: String!) { createBoard(input: { name: $name }) { id } }',
    { name },
  );
  return data.createBoard.id;
}

async function createTask(user: TestUser, input: Record<string, unknown>) {
  const data = await user.client.data<{ createTask: { id: string; title: string } }>(
    'mutation($input: CreateTaskInput!) { createTask(input: $input) { id title } }',
    { input: { boardId, ...input } },
  );
  ids[data.createTask.title] = data.createTask.id;
  return data.createTask;
}

const seedLabel = async (board: string, name: string) =>
  String((await api.app.prisma.label.create({ data: { boardId: Number(board), name, color: '#123456' } })).id);

beforeAll(async () => {
  api = await startApi();
  [owner, member, outsider] = await Promise.all([api.user('Owner'), api.user('Member'), api.user('Outsider')]);
  [boardId, secondBoardId] = await Promise.all([createBoard(owner, 'Search'), createBoard(owner, 'Second')]);
  await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
    input: { boardId, email: member.email },
  });
  [bugLabel, docsLabel] = await Promise.all([seedLabel(boardId, 'bug'), seedLabel(boardId, 'docs')]);

  await createTask(owner, {
    title: 'Refactor billing module',
    description: 'Split the invoices code into smaller services.',
    assigneeId: member.id,
    labelIds: [bugLabel],
  });
  await createTask(owner, {
    title: 'Design pricing page',
    description: 'Coordinate the billing tiers with marketing.',
    status: 'IN_PROGRESS',
    assigneeId: owner.id,
    labelIds: [docsLabel],
  });
  await createTask(member, { title: 'Write onboarding emails', status: 'DONE' });
  await createTask(member, {
    title: 'Billing dashboard charts',
    description: 'Monthly revenue graphs.',
    assigneeId: member.id,
    labelIds: [bugLabel, docsLabel],
  });
  for (let i = 1; i <= 25; i++) await createTask(owner, { title: `Paginated entry ${i}` });
  // the same words on other boards: never part of this board's results
  await createTask(owner, { boardId: secondBoardId, title: 'Billing elsewhere' });
  const outsidersBoard = await createBoard(outsider, 'Private');
  await createTask(outsider, { boardId: outsidersBoard, title: 'Billing secret', description: 'pricing invoices' });
});
afterAll(async () => api?.close());

describe('searchTasks', () => {
  it('finds words in titles and in descriptions, ignoring case', async () => {
    expect(await titles({ query: 'pricing' })).toEqual(['Design pricing page']);
    expect(await titles({ query: 'invoices' })).toEqual(['Refactor billing module']);
    expect(await titles({ query: 'REVENUE' })).toEqual(['Billing dashboard charts']);
    expect(await titles({ query: 'nonexistentword' })).toEqual([]);
  });

  it('matches word prefixes, and ranks tasks matching more words first', async () => {
    expect(await titles({ query: 'onboard' })).toEqual(['Write onboarding emails']);
    expect((await titles({ query: 'bill' })).sort()).toEqual(
      ['Billing dashboard charts', 'Design pricing page', 'Refactor billing module'].sort(),
    );
    const ranked = await titles({ query: 'billing dashboard' });
    expect(ranked[0]).toBe('Billing dashboard charts');
    expect(ranked.slice(1).sort()).toEqual(['Design pricing page', 'Refactor billing module']);
  });

  it('treats operators as plain separators: they neither break the query nor change its meaning', async () => {
    const plain = await titles({ query: 'billing pricing' });
    expect(plain[0]).toBe('Design pricing page');
    for (const query of [
      '+billing -pricing',
      '"billing pricing',
      '(billing) ~pricing*',
      'billing@pricing',
      '>billing <pricing',
    ]) {
      expect([query, await titles({ query })]).toEqual([query, plain]);
    }
  });

  it('rejects a query with no word in it and no filter, or a too long one', async () => {
    for (const query of ['', '   ', '+-<>()~*"@', '** -- ""']) {
      const error = await member.client.error(SEARCH, { boardId, query });
      expect([query, error.extensions]).toEqual([
        query,
        {
          code: 'BAD_USER_INPUT',
          fields: { query: ['must contain at least one letter or digit, unless a filter is given'] },
        },
      ]);
    }
    expect((await member.client.error(SEARCH, { boardId, query: 'x'.repeat(201) })).extensions?.fields).toEqual({
      query: ['must be at most 200 characters'],
    });
  });

  it('with filters and no word, lists the board’s tasks that match them, in the board’s order', async () => {
    const board = await member.client.data<{
      board: {
        columns: {
          tasks: { edges: { node: { title: string; assignee: { id: string } | null; labels: { id: string }[] } }[] };
        }[];
      };
    }>(
      'query($id: ID!) { board(id: $id) { columns(first: 100) { tasks { edges { node { title assignee { id } labels { id } } } } } } }',
      { id: boardId },
    );
    // the board's order: the first column top to bottom, then the next
    const tasks = board.board.columns.flatMap((c) => c.tasks.edges.map((e) => e.node));
    const withBug = tasks.filter((t) => t.labels.some((l) => l.id === bugLabel));
    expect(withBug.length).toBeGreaterThan(1);
    expect(await titles({ query: '', labelId: bugLabel })).toEqual(withBug.map((t) => t.title));
    expect(await titles({ query: '  ', labelId: bugLabel, assigneeId: member.id })).toEqual(
      withBug.filter((t) => t.assignee?.id === member.id).map((t) => t.title),
    );
  });

  it('filters by status, assignee and label, alone and combined', async () => {
    const query = 'billing';
    expect((await titles({ query, status: 'TODO' })).sort()).toEqual([
      'Billing dashboard charts',
      'Refactor billing module',
    ]);
    expect(await titles({ query, status: 'IN_PROGRESS' })).toEqual(['Design pricing page']);
    expect(await titles({ query, status: 'DONE' })).toEqual([]);
    expect((await titles({ query, assigneeId: member.id })).sort()).toEqual([
      'Billing dashboard charts',
      'Refactor billing module',
    ]);
    expect(await titles({ query, assigneeId: owner.id })).toEqual(['Design pricing page']);
    expect((await titles({ query, labelId: bugLabel })).sort()).toEqual([
      'Billing dashboard charts',
      'Refactor billing module',
    ]);
    expect((await titles({ query, labelId: docsLabel })).sort()).toEqual([
      'Billing dashboard charts',
      'Design pricing page',
    ]);
    expect(await titles({ query, labelId: docsLabel, status: 'TODO' })).toEqual(['Billing dashboard charts']);
    expect(await titles({ query, labelId: docsLabel, assigneeId: owner.id })).toEqual(['Design pricing page']);
    expect(await titles({ query, labelId: bugLabel, assigneeId: member.id, status: 'TODO' })).toHaveLength(2);
    expect(await titles({ query, labelId: bugLabel, assigneeId: owner.id })).toEqual([]);
    expect(await titles({ query, status: 'IN_PROGRESS', assigneeId: member.id })).toEqual([]);
    const found = await search({ query: 'revenue', assigneeId: member.id });
    expect(found.edges[0]?.node.assignee).toEqual({ id: member.id });
    expect((await member.client.error(SEARCH, { boardId, query, labelId: 'bug' })).extensions?.fields).toEqual({
      labelId: ['must be the id of an existing item'],
    });
  });

  it('filters by no assignee, by due date and by open tasks, and orders as the board on demand', async () => {
    // on the second board (the owner's alone), so the first board's counts stay as the other tests expect
    const { board } = await owner.client.data<{ board: { columns: { id: string }[] } }>(
      'query($id: ID!) { board(id: $id) { columns { id } } }',
      { id: secondBoardId },
    );
    const [first, second] = board.columns;
    const last = board.columns.at(-1)!;
    const day = (date: string) => `${date}T00:00:00.000Z`;
    for (const input of [
      { title: 'Quarterly report draft', columnId: first!.id, dueDate: day('2026-01-10') },
      { title: 'Quarterly planning', columnId: first!.id },
      { title: 'Quarterly budget review', columnId: second!.id, dueDate: day('2026-01-20'), assigneeId: owner.id },
      { title: 'Quarterly retrospective', columnId: last.id, dueDate: day('2026-01-05') },
    ]) {
      await createTask(owner, { boardId: secondBoardId, ...input });
    }
    const FILTER = `query($boardId: ID!, $query: String!, $assigneeId: ID, $unassigned: Boolean, $dueFrom: DateTimeISO,
        $dueBefore: DateTimeISO, $open: Boolean, $order: SearchOrder) {
      searchTasks(boardId: $boardId, query: $query, assigneeId: $assigneeId, unassigned: $unassigned,
          dueFrom: $dueFrom, dueBefore: $dueBefore, open: $open, order: $order, first: 100) {
        totalCount
        edges { cursor node { id title assignee { id } } }
        pageInfo { hasNextPage endCursor }
      }
    }`;
    const found = async (variables: Record<string, unknown>) => {
      const data = await owner.client.data<SearchData>(FILTER, { boardId: secondBoardId, ...variables });
      expect(data.searchTasks.totalCount).toBe(data.searchTasks.edges.length);
      return data.searchTasks.edges.map((e) => e.node.title);
    };
    const query = 'quarterly';
    // the board's order: first column top to bottom, then the next
    expect(await found({ query, unassigned: true, order: 'BOARD' })).toEqual([
      'Quarterly report draft',
      'Quarterly planning',
      'Quarterly retrospective',
    ]);
    // overdue on 15 January as the web client asks: due before that day, outside the last column
    expect(await found({ query, dueBefore: day('2026-01-15'), order: 'BOARD' })).toEqual([
      'Quarterly report draft',
      'Quarterly retrospective',
    ]);
    expect(await found({ query: '', dueBefore: day('2026-01-15'), open: true })).toEqual(['Quarterly report draft']);
    // a week: from (inclusive) the 10th to (exclusive) the 21st
    expect(await found({ query: '', dueFrom: day('2026-01-10'), dueBefore: day('2026-01-21') })).toEqual([
      'Quarterly report draft',
      'Quarterly budget review',
    ]);
    expect(await found({ query: '', dueFrom: day('2026-01-11'), dueBefore: day('2026-01-20') })).toEqual([]);
    // open alone: everything outside the last column, the task created before on this board included
    expect(await found({ query: '', open: true })).toEqual([
      'Billing elsewhere',
      'Quarterly report draft',
      'Quarterly planning',
      'Quarterly budget review',
    ]);
    // words rank by relevance unless the board's order is asked for
    expect((await found({ query: 'quarterly retrospective' }))[0]).toBe('Quarterly retrospective');
    expect(await found({ query: 'quarterly retrospective', order: 'BOARD' })).toEqual([
      'Quarterly report draft',
      'Quarterly planning',
      'Quarterly budget review',
      'Quarterly retrospective',
    ]);

    const refused = async (variables: Record<string, unknown>) =>
      (await owner.client.error(FILTER, { boardId: secondBoardId, query, ...variables })).extensions;
    expect(await refused({ unassigned: true, assigneeId: owner.id })).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { unassigned: ['cannot be combined with assigneeId: choose a member or no one'] },
    });
    expect(await refused({ dueFrom: day('2026-01-10'), dueBefore: day('2026-01-10') })).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { dueBefore: ['must be later than dueFrom'] },
    });
    expect((await refused({ dueBefore: 'next week' }))?.code).toBe('BAD_USER_INPUT');
  });

  it('pages through results with first and after', async () => {
    const page1 = await search({ query: 'paginated', first: 10 });
    expect(page1.totalCount).toBe(25);
    expect(page1.edges).toHaveLength(10);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await search({ query: 'paginated', first: 10, after: page1.pageInfo.endCursor });
    expect(page2.totalCount).toBe(25);
    expect(page2.pageInfo.hasNextPage).toBe(true);
    const page3 = await search({ query: 'paginated', first: 10, after: page2.pageInfo.endCursor });
    expect(page3.edges).toHaveLength(5);
    expect(page3.pageInfo).toEqual({ hasNextPage: false, endCursor: page3.edges.at(-1)!.cursor });
    const all = [...page1.edges, ...page2.edges, ...page3.edges].map((e) => e.node.id);
    expect(new Set(all).size).toBe(25);
    // equal relevance: ties are broken by id, so the pages follow creation order here
    expect(all).toEqual(Array.from({ length: 25 }, (_, i) => ids[`Paginated entry ${i + 1}`]));
    // any edge's cursor continues right after it
    const fromMiddle = await search({ query: 'paginated', first: 3, after: page1.edges[4]!.cursor });
    expect(fromMiddle.edges.map((e) => e.node.id)).toEqual(all.slice(5, 8));
    expect((await search({ query: 'paginated' })).edges).toHaveLength(20); // the default page size
  });

  it('rejects bad page sizes and cursors', async () => {
    const fieldsFor = async (variables: Record<string, unknown>) =>
      (await member.client.error(SEARCH, { boardId, query: 'billing', ...variables })).extensions;
    expect(await fieldsFor({ first: 101 })).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { first: ['first must be at most 100'] },
    });
    expect((await fieldsFor({ first: 0 }))?.fields).toEqual({ first: ['first must be at least 1'] });
    const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const after of ['nonsense', forged([-1]), forged([1.5]), forged(['1']), forged([1, 2])]) {
      expect([after, (await fieldsFor({ after }))?.fields]).toEqual([
        after,
        { after: ['is not a cursor this list gave out'] },
      ]);
    }
  });

  it('never shows tasks of other boards', async () => {
    expect((await titles({ query: 'billing' }, owner)).some((t) => /elsewhere|secret/i.test(t))).toBe(false);
    expect(await titles({ query: 'billing', boardId: secondBoardId }, owner)).toEqual(['Billing elsewhere']);
    expect(await titles({ query: 'secret' }, owner)).toEqual([]);
  });

  it('is for members only: others get NOT_FOUND, anonymous users UNAUTHENTICATED', async () => {
    for (const id of [boardId, '999999']) {
      const error = await outsider.client.error(SEARCH, { boardId: id, query: 'billing' });
      expect(error).toMatchObject({ message: 'Board not found.', extensions: { code: 'NOT_FOUND' } });
    }
    // a member of one board cannot search another by its id
    expect((await member.client.error(SEARCH, { boardId: secondBoardId, query: 'billing' })).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await api.client().error(SEARCH, { boardId, query: 'billing' })).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('sees edits and deletions right away', async () => {
    const task = await createTask(owner, { title: 'Temporary placeholder' });
    expect(await titles({ query: 'placeholder' })).toEqual(['Temporary placeholder']);
    await owner.client.data('mutation($input: UpdateTaskInput!) { updateTask(input: $input) { id } }', {
      input: { id: task.id, expectedVersion: 1, title: 'Permanent fixture' },
    });
    expect(await titles({ query: 'placeholder' })).toEqual([]);
    expect(await titles({ query: 'fixture' })).toEqual(['Permanent fixture']);
    await owner.client.data('mutation($id: ID!) { deleteTask(id: $id, expectedVersion: 2) }', { id: task.id });
    expect(await titles({ query: 'fixture' })).toEqual([]);
  });
});
