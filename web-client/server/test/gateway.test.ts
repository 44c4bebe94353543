// The proxy in front of the real gateway-api (its testkit: HTTP, Apollo, Prisma, a fresh migrated
// database): a session started through the proxy works on the next request through the proxy,
// and Apollo's CSRF prevention still tells simple requests from preflighted ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLClient, startApi, type TestApi } from 'gateway-api/test-support';
import { createStaticDir, startWeb, type Web } from './support.js';

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

  it("relays the API's own errors unchanged", async () => {
    const response = await new GraphQLClient(web.url).request('{ me { nope } }');
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
