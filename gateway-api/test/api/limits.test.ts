// Request hardening over HTTP: the query limits, batching, CSRF prevention, the body limit,
// introspection, the landing page and field suggestions. Every rejection must happen before any
// SQL runs, the session lookup included, so each is sent by a signed-in client and `api.sql` checked.
import { getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../../src/graphql/schema.js';
import { LIMITS, operationCost } from '../../src/graphql/limits.js';
import { startApi, type TestApi, type TestUser } from '../support/api.js';

let api: TestApi;
let user: TestUser;
let boardId: string;

beforeAll(async () => {
  api = await startApi({ NODE_ENV: 'development' });
  user = await api.user('Limits');
  boardId = (
    await user.client.data<{ createBoard: { id: string } }>('mutation { createBoard(input: { name: "B" }) { id } }')
  ).createBoard.id;
});
afterAll(async () => api?.close());

/** The web client's board view, as its largest operation. */
const BOARD_VIEW = `query BoardView($id: ID!) {
  board(id: $id) {
    columns(first: 50) {
      status
      tasks {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { id title position version dueDate assignee { id name } labels { id name color } commentCount } }
      }
    }
  }
}`;

// api.sql holds only the statements requests ran (the testkit leaves out the driver's housekeeping)
const requestSql = (api: TestApi) => api.sql;
// Prisma's form (`db`.`Session`) or the hot path's (db/sql.ts)
const isSessionLookup = (sql: string) => /\bFROM (`[^`]+`\.`Session`|Session\b)/.test(sql);

/** Sends a query as the signed-in user; asserts it was rejected with `status` and that no SQL ran. */
async function rejected(query: string, variables: Record<string, unknown> = {}, status = 400) {
  api.sql.length = 0;
  const response = await user.client.request(query, variables);
  expect(response.status).toBe(status);
  expect(response.body.data).toBeUndefined();
  expect(requestSql(api)).toEqual([]);
  return response.body.errors!;
}

/** Sends a query as the signed-in user; asserts it passed every limit and cost one session lookup. */
async function accepted(query: string, variables: Record<string, unknown> = {}) {
  api.sql.length = 0;
  const response = await user.client.request(query, variables);
  expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(200);
  expect(response.body.errors).toBeUndefined();
  const executed = requestSql(api);
  expect(executed.filter(isSessionLookup)).toHaveLength(1);
  expect(isSessionLookup(executed[0]!), JSON.stringify(executed)).toBe(true);
  return response.body.data;
}

describe('query limits', () => {
  it('looks the session up once, first, for an accepted request', async () => {
    expect(await accepted('{ me { id } }')).toEqual({ me: { id: user.id } });
  });

  it(`refuses more than ${LIMITS.maxDepth} levels of nesting`, async () => {
    const nine = '{ boards { edges { node { columns { tasks { edges { node { assignee { id } } } } } } } } }';
    expect(await rejected(nine)).toEqual([
      {
        message: 'Query depth limit of 8 exceeded, found 9.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    await accepted('{ boards { edges { node { columns { tasks { edges { node { id } } } } } } } }');
  });

  it('measures depth through fragments as if they were written in place', async () => {
    // The web client composes its queries from nested fragments; they must not count as extra levels.
    await accepted(
      'query { boards { ...B } } fragment B on BoardConnection { edges { node { ...N } } } ' +
        'fragment N on Board { columns { tasks { ...T } } } fragment T on TaskConnection { edges { node { id } } }',
    );
    expect(
      await rejected(
        'query { boards { ...B } } fragment B on BoardConnection { edges { node { ...N } } } ' +
          'fragment N on Board { columns { tasks { ...T } } } fragment T on TaskConnection { edges { node { assignee { id } } } }',
      ),
    ).toEqual([
      { message: 'Query depth limit of 8 exceeded, found 9.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
  });

  it(`refuses more than ${LIMITS.maxAliases} aliases`, async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expect(await rejected(aliases(16))).toEqual([
      { message: 'Aliases limit of 15 exceeded, found 16.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
    expect(Object.keys((await accepted(aliases(15)))!)).toHaveLength(15);
  });

  it(`refuses a cost over ${LIMITS.maxCost}, counting page sizes given literally, by variable or by default`, async () => {
    const message = (cost: number) => ({
      message: `Query cost limit of 5000 exceeded, found ${cost}.`,
      locations: [{ line: 1, column: 1 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    // 100 boards x 100 tasks a column
    expect(await rejected('{ boards(first: 100) { edges { node { columns(first: 100) { status } } } } }')).toEqual([
      message(30600),
    ]);
    // Variables are unknown while validating, so they count as the largest page.
    expect(
      await rejected('query($n: Int!) { boards(first: $n) { edges { node { columns(first: $n) { status } } } } }', {
        n: 1,
      }),
    ).toEqual([message(30600)]);
    // 20 boards x 20 tasks a column, the defaults
    expect(
      await rejected(
        '{ boards { edges { node { columns { tasks { edges { cursor node { id title position version } } } } } } } }',
      ),
    ).toEqual([message(5320)]);
  });

  it('lets the board view through, with room to spare', async () => {
    const schema = await getSchema();
    const cost = (query: string) => operationCost(schema, getOperationAST(parse(query))!, () => undefined);
    expect(cost(BOARD_VIEW)).toBe(1502);
    const withVariable = BOARD_VIEW.replace('query BoardView($id: ID!)', 'query BoardView($id: ID!, $first: Int!)')
      .replace('first: 50', 'first: $first')
      .replace('columns(', 'id name viewerRole columns(');
    expect(cost(withVariable)).toBe(3005);
    expect(cost(BOARD_VIEW.replace('first: 50', 'first: 100'))).toBe(3002);

    const data = await accepted(BOARD_VIEW, { id: boardId });
    expect(data).toMatchObject({ board: { columns: expect.any(Array) as unknown } });
    await accepted(withVariable, { id: boardId, first: 100 });
  });

  it(`refuses documents of more than ${LIMITS.maxTokens} tokens`, async () => {
    // 5 tokens, plus 1 per `id` and 6 per `... on User { id }` (repeating a plain `id` 1000 times
    // would instead trip graphql-js's own budget for comparing overlapping fields)
    const tokens = (n: number) => `{ me { ${'id '.repeat(5 + n)}${'... on User { id } '.repeat(165)}} }`;
    const errors = await rejected(tokens(1));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      // sic: graphql-js's wording
      message: 'Syntax Error: Document contains more that 1000 tokens. Parsing aborted.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    expect(await accepted(tokens(0))).toEqual({ me: { id: user.id } });
  });
});

describe('HTTP', () => {
  /** a raw request to /graphql as the signed-in user */
  async function send(init: { method?: string; search?: string; headers?: Record<string, string>; body?: string }) {
    api.sql.length = 0;
    const response = await fetch(`${api.url}/graphql${init.search ?? ''}`, {
      method: init.method ?? 'POST',
      headers: { cookie: user.client.cookie!, ...init.headers },
      body: init.body,
    });
    return { status: response.status, text: await response.text() };
  }
  const json = { 'content-type': 'application/json' };
  const boardCount = () => api.app.prisma.board.count();

  it('refuses batched requests (a JSON array)', async () => {
    const body = JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]);
    const response = await send({ headers: json, body });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/Operation batching disabled/);
    expect(requestSql(api)).toEqual([]);
  });

  it('blocks requests a browser would send cross-site without a preflight', async () => {
    const before = await boardCount();
    const search = `?query=${encodeURIComponent('{ me { id } }')}`;
    const mutation = 'mutation { createBoard(input: { name: "CSRF" }) { id } }';
    for (const [init, status] of [
      [{ method: 'GET', search }, 400],
      [{ headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: mutation }) }, 400],
      // Fastify has no parser for forms: refused before Apollo sees it
      [{ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${mutation}` }, 415],
    ] as const) {
      expect((await send(init)).status, JSON.stringify(init)).toBe(status);
      expect(requestSql(api)).toEqual([]);
    }
    expect((await send({ method: 'GET', search })).text).toMatch(/Cross-Site Request Forgery/);
    expect((await send({ headers: { 'content-type': 'text/plain' }, body: '{}' })).text).toMatch(
      /Cross-Site Request Forgery/,
    );
    expect(await boardCount()).toBe(before);

    // A header only same-origin code (or a preflighted request) can add lets queries through GET...
    const preflighted = await send({ method: 'GET', search, headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    expect(JSON.parse(preflighted.text)).toEqual({ data: { me: { id: user.id } } });
    // ... but never a mutation, and that is refused before the session lookup too.
    const getMutation = await send({
      method: 'GET',
      search: `?query=${encodeURIComponent(mutation)}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(getMutation.status).toBe(405);
    expect(requestSql(api)).toEqual([]);
    expect(await boardCount()).toBe(before);
  });

  it(`answers 413 to bodies over ${LIMITS.bodyLimit / 1024} kB, before parsing them`, async () => {
    const body = (bytes: number) => {
      const shell = JSON.stringify({ query: '{ me { id } }', variables: { padding: '' } });
      return JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(bytes - shell.length) } });
    };
    expect(body(LIMITS.bodyLimit + 1)).toHaveLength(LIMITS.bodyLimit + 1);
    const tooLarge = await send({ headers: json, body: body(LIMITS.bodyLimit + 1) });
    expect(tooLarge.status).toBe(413);
    expect(requestSql(api)).toEqual([]);
    expect((await send({ headers: json, body: body(LIMITS.bodyLimit) })).status).toBe(200);
  });
});

describe('introspection, landing page and field suggestions', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';
  // Misspelt field, argument, enum value and input field: graphql-js suggests the right name for each.
  const PROBES = [
    ['{ me { nam } }', {}],
    ['{ boards(firts: 1) { totalCount } }', {}],
    ['query($id: ID!) { board(id: $id) { tasks(status: TODOO) { totalCount } } }', { id: '1' }],
    ['mutation($input: CreateBoardInput!) { createBoard(input: $input) { id } }', { input: { nme: 'x' } }],
  ] as const;

  async function landingPage(target: TestApi) {
    const response = await fetch(`${target.url}/graphql`, { headers: { accept: 'text/html' } });
    return { status: response.status, html: response.headers.get('content-type')?.startsWith('text/html') ?? false };
  }
  async function suggestions(target: TestApi) {
    const messages: string[] = [];
    for (const [query, variables] of PROBES) {
      const { body } = await target.client().request(query, variables);
      expect(body.errors?.length, query).toBeGreaterThan(0);
      messages.push(...body.errors!.map((e) => e.message));
    }
    return messages.filter((m) => /Did you mean/.test(m));
  }

  it('are on in development', async () => {
    expect(await api.client().data(INTROSPECTION)).toEqual({ __schema: { queryType: { name: 'Query' } } });
    // The limits leave room for the tools' full introspection query.
    const full = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    expect(await api.client().data(full)).toHaveProperty('__schema.types');
    expect(await landingPage(api)).toEqual({ status: 200, html: true });
    expect(await suggestions(api)).toHaveLength(PROBES.length);
  });

  describe('in production', () => {
    let prod: TestApi;
    let prodIntrospection: TestApi;
    beforeAll(async () => {
      const env = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) };
      [prod, prodIntrospection] = await Promise.all([
        startApi(env),
        startApi({ ...env, GRAPHQL_INTROSPECTION: 'true' }),
      ]);
    });
    afterAll(async () => Promise.all([prod?.close(), prodIntrospection?.close()]));

    it('are off', async () => {
      for (const query of [INTROSPECTION, '{ __type(name: "Task") { name } }']) {
        const { status, body } = await prod.client().request(query);
        expect(status).toBe(400);
        expect(body.errors?.[0]).toMatchObject({
          message: expect.stringMatching(/introspection is not allowed/) as unknown,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        });
      }
      expect((await landingPage(prod)).html).toBe(false);
      expect(await suggestions(prod)).toEqual([]);
      expect((await prod.client().error('{ me { nam } }')).message).toBe('Cannot query field "nam" on type "User".');
    });

    it('can be switched on with GRAPHQL_INTROSPECTION=true', async () => {
      expect(await prodIntrospection.client().data(INTROSPECTION)).toEqual({
        __schema: { queryType: { name: 'Query' } },
      });
      expect(await landingPage(prodIntrospection)).toEqual({ status: 200, html: true });
      // The schema is public then anyway.
      expect(await suggestions(prodIntrospection)).toHaveLength(PROBES.length);
    });
  });
});
