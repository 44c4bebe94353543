// The proxy in front of the real gateway-api (its testkit: HTTP, Apollo, Prisma, a fresh migrated
// database): a session started through the proxy works on the next request through the proxy,
// Apollo's CSRF prevention still tells simple requests from preflighted ones, and a live board's
// WebSocket goes through with the session cookie, its events, and the API's close codes.
import { eventually } from '@taskboard/test-kit/waiting';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { GraphQLClient, startApi, type TestApi } from 'gateway-api/test-support';
import { createStaticDir, sleep, startWeb, type Web } from './support.js';

let api: TestApi;
let web: Web;
let staticDir: Awaited<ReturnType<typeof createStaticDir>>;

beforeAll(async () => {
  staticDir = await createStaticDir();
  api = await startApi();
  web = await startWeb({ STATIC_DIR: staticDir.dir, GATEWAY_API_URL: `${api.url}/graphql` });
});
afterAll(async () => {
  await web?.close();
  await api?.close();
  await staticDir?.remove();
});

const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }';
const CREATE_BOARD = 'mutation($name: String!) { createBoard(input: { name: $name }) { id } }';
const CREATE_TASK = 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }';
const BOARD_EVENTS = 'subscription($boardId: ID!) { boardEvents(boardId: $boardId) { id kind task { title } } }';

interface Live {
  events: { kind: string; task?: { title: string } | null }[];
  errors: { message: string; extensions?: { code?: string } }[];
  /** the close code the browser's side of the socket got */
  closed: Promise<number>;
  dispose(): Promise<void>;
}

/** A board's events through the web server, by graphql-ws's own client, sending a browser's headers. */
function follow(web: Web, boardId: string, headers: Record<string, string>): Live {
  class BrowserWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { origin: web.url, ...headers } });
    }
  }
  let closedWith: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  const client = createClient({
    url: `${web.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: BrowserWebSocket,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    on: { closed: (event) => closedWith((event as { code: number }).code) },
  });
  const live: Live = { events: [], errors: [], closed, dispose: () => client.dispose() as Promise<void> };
  client.subscribe<{ boardEvents: Live['events'][number] }>(
    { query: BOARD_EVENTS, variables: { boardId } },
    {
      next: (result) => {
        if (result.data) live.events.push(result.data.boardEvents);
        live.errors.push(...((result.errors ?? []) as Live['errors']));
      },
      error: (error) => live.errors.push(...(Array.isArray(error) ? error : [{ message: String(error) }])),
      complete: () => {},
    },
  );
  return live;
}

/** A new user, signed up through the web server, with a board of their own. */
async function boardOwner(web: Web): Promise<{ browser: GraphQLClient; boardId: string }> {
  const browser = new GraphQLClient(web.url);
  await browser.data(SIGN_UP, {
    input: {
      email: `live.${Date.now()}.${Math.random()}@example.com`,
      name: 'Live',
      password: 'correct horse battery',
    },
  });
  const { createBoard } = await browser.data<{ createBoard: { id: string } }>(CREATE_BOARD, { name: 'Live' });
  return { browser, boardId: createBoard.id };
}

/** Writes to the board until the subscription, once the API has registered it, delivers an event. */
async function untilListening(live: Live, browser: GraphQLClient, boardId: string) {
  await eventually(
    15,
    async () => {
      await browser.data(CREATE_TASK, { input: { boardId, title: 'warm-up' } });
      await sleep(200);
      return live.events.length > 0;
    },
    { context: () => JSON.stringify(live.errors) },
  );
}

describe('through the proxy to the real API', () => {
  it('signs up, and the session cookie it sets works on the next request', async () => {
    // The testkit's client, pointed at the web server: it keeps the session cookie it is given.
    const browser = new GraphQLClient(web.url);
    const { signUp } = await browser.data<{ signUp: { user: { id: string } } }>(SIGN_UP, {
      input: { email: `proxy.${Date.now()}@example.com`, name: 'Proxy', password: 'correct horse battery' },
    });
    expect(browser.cookie).toMatch(/^taskboard_session=.+/);
    expect(await browser.data('{ me { id } }')).toEqual({ me: { id: signUp.user.id } });
    // without the cookie: nobody
    expect(await new GraphQLClient(web.url).data('{ me { id } }')).toEqual({ me: null });

    const signedOut = await browser.request('mutation { signOut }');
    expect(signedOut.body).toEqual({ data: { signOut: true } });
    expect(browser.cookie).toBeUndefined();
  });

  it('passes the request id to the API and back', async () => {
    const response = await new GraphQLClient(web.url).request('{ me { id } }', {}, { 'x-request-id': 'proxy-test-42' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('proxy-test-42');
    expect(web.logs.some((line) => line.reqId === 'proxy-test-42')).toBe(true);
  });

  it("keeps Apollo's CSRF prevention working", async () => {
    const query = `?query=${encodeURIComponent('{ me { id } }')}`;
    const simpleGet = await fetch(`${web.url}/graphql${query}`);
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/Cross-Site Request Forgery/);

    const simplePost = await fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { signOut }' }),
    });
    expect(simplePost.status).toBe(400);
    expect(await simplePost.text()).toMatch(/Cross-Site Request Forgery/);

    const preflighted = await fetch(`${web.url}/graphql${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    expect(await preflighted.json()).toEqual({ data: { me: null } });
  });

  it('carries a live board: the WebSocket is the session cookie’s, and a change made over HTTP arrives on it', async () => {
    const { browser, boardId } = await boardOwner(web);
    const live = follow(web, boardId, { cookie: browser.cookie!, 'x-request-id': 'live-through-proxy' });
    await untilListening(live, browser, boardId);
    await browser.data(CREATE_TASK, { input: { boardId, title: 'through the proxy' } });
    await eventually(10, () => live.events.some((event) => event.task?.title === 'through the proxy'));
    expect(live.events.at(-1)).toMatchObject({ kind: 'TASK_CREATED', task: { title: 'through the proxy' } });
    expect(live.errors).toEqual([]);
    expect(web.logs.some((line) => line.reqId === 'live-through-proxy' && line.msg === 'websocket opened')).toBe(true);

    // Without the cookie, the API does not know who asks: the board is not there for them.
    const stranger = follow(web, boardId, {});
    await eventually(10, () => stranger.errors.length > 0);
    expect(stranger.errors[0]!.extensions?.code).toBe('UNAUTHENTICATED');
    await stranger.dispose();

    // Signing out (over HTTP, through the proxy) ends the session's sockets: the API's 4401 reaches the browser.
    await browser.data('mutation { signOut }');
    expect(await live.closed).toBe(4401);
  });

  it("passes on the API's 1012 when the API replica behind it stops", async () => {
    const stopping = await startApi();
    const stopped = (() => {
      let closing: Promise<void> | undefined;
      return () => (closing ??= stopping.close());
    })();
    const front = await startWeb({ STATIC_DIR: staticDir.dir, GATEWAY_API_URL: `${stopping.url}/graphql` });
    try {
      const { browser, boardId } = await boardOwner(front);
      const live = follow(front, boardId, { cookie: browser.cookie! });
      await untilListening(live, browser, boardId);
      await stopped();
      expect(await live.closed).toBe(1012);
    } finally {
      await front.close();
      await stopped();
    }
  });

  it("relays the API's own errors unchanged", async () => {
    const response = await new GraphQLClient(web.url).request('{ me { nope } }');
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
