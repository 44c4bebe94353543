// The API testkit: starts the real gateway-api (HTTP, Apollo, Prisma) on a free port against a
// fresh migrated database, and gives GraphQL clients that keep their own session cookie.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createLogger } from '../../src/lib/logger.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: {
      message: string;
      path?: (string | number)[];
      extensions?: Record<string, unknown> & { code?: string };
    }[];
  };
}

export class GraphQLClient {
  cookie: string | undefined;
  constructor(readonly url: string) {}

  /** POST /graphql as the web client does (JSON body, so CSRF prevention lets it through). */
  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.includes('taskboard_session='));
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = /Expires=Thu, 01 Jan 1970|Max-Age=0/i.test(setCookie) || pair!.endsWith('=') ? undefined : pair;
    }
    const text = await response.text();
    let body: GraphQLResponse<T>['body'];
    try {
      body = JSON.parse(text) as GraphQLResponse<T>['body'];
    } catch {
      body = { errors: [{ message: text }] };
    }
    return { status: response.status, headers: response.headers, body };
  }

  /** Runs an operation that must succeed; returns its data. */
  async data<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body, status } = await this.request<T>(query, variables);
    if (body.errors?.length || !body.data) {
      throw new Error(`expected data, got HTTP ${status}: ${JSON.stringify(body.errors ?? body)}`);
    }
    return body.data;
  }

  /** Runs an operation that must fail; returns its first error. */
  async error(query: string, variables: Record<string, unknown> = {}) {
    const { body, status } = await this.request(query, variables);
    const [first] = body.errors ?? [];
    if (!first) throw new Error(`expected an error, got HTTP ${status}: ${JSON.stringify(body)}`);
    return first;
  }
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  client: GraphQLClient;
}

export interface TestApi {
  url: string;
  app: App;
  db: TestDatabase;
  config: Config;
  /** every SQL statement the API ran, in order, without the driver's housekeeping (clear it with sql.length = 0) */
  sql: string[];
  client(): GraphQLClient;
  /** signs up a new user and returns a client holding their session */
  user(name?: string): Promise<TestUser>;
  close(): Promise<void>;
}

/**
 * The driver logs more than the statements a request runs: the PREPARE before each EXECUTE, the
 * session set-up of connections the pool opens in the background, and liveness PINGs. None of
 * them is a statement the request asked for.
 */
export function isDriverHousekeeping(line: string): boolean {
  return /^(PREPARE:|QUERY: SET |PING\b)/.test(line);
}

export async function startApi(env: Record<string, string> = {}): Promise<TestApi> {
  const db = await createTestDatabase({ migrated: true });
  const config = loadConfig({ DATABASE_URL: db.url, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...env });
  const sql: string[] = [];
  const logger = createLogger({ level: config.logLevel });
  const app = await createApp(config, logger, {
    onQuery: (line) => {
      if (!isDriverHousekeeping(line)) sql.push(line);
    },
    // the app's own housekeeping would run at a random moment and land in `sql` (see AppOptions)
    housekeeping: false,
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  let users = 0;
  return {
    url,
    app,
    db,
    config,
    sql,
    client: () => new GraphQLClient(url),
    async user(name = `User ${++users}`) {
      const client = new GraphQLClient(url);
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(3).toString('hex')}@example.com`;
      const password = 'correct horse battery';
      const data = await client.data<{ signUp: { user: { id: string } } }>(
        'mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }',
        { input: { email, name, password } },
      );
      return { id: data.signUp.user.id, email, name, password, client };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
