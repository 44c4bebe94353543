// A real graphql-ws client (the protocol Apollo Client's GraphQLWsLink speaks) for the live-update
// tests: a WebSocket to /graphql carrying a user's session cookie, and one subscription on it whose
// results are collected in order.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually } from '@taskboard/test-kit/waiting';

export interface LiveResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface Subscription {
  results: LiveResult[];
  /** the events received so far (results with data) */
  events(): Record<string, unknown>[];
  /** resolves once `count` events have arrived, with them */
  waitForEvents(count: number, seconds?: number): Promise<Record<string, unknown>[]>;
  completed: Promise<void>;
  /** the socket's close code, once it closed */
  closed: Promise<number>;
  dispose(): Promise<void>;
}

export function liveClient(
  url: string,
  cookie: string | undefined,
  headers: Record<string, string> = {},
): { client: Client; closed: Promise<number> } {
  let closedWith: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  class CookieWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
    }
  }
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: CookieWebSocket,
    retryAttempts: 0,
    lazy: false,
    // failures are the tests' to look at (closed, results), not the console's
    onNonLazyError: () => {},
    on: { closed: (event) => closedWith((event as { code: number }).code) },
  });
  return { client, closed };
}

export function subscribe(
  url: string,
  cookie: string | undefined,
  query: string,
  variables: Record<string, unknown>,
): Subscription {
  const { client, closed } = liveClient(url, cookie);
  const results: LiveResult[] = [];
  let done: () => void = () => {};
  const completed = new Promise<void>((resolve) => (done = resolve));
  client.subscribe<Record<string, unknown>>(
    { query, variables },
    {
      next: (result) => results.push(result as LiveResult),
      error: (error) => {
        results.push({
          errors: Array.isArray(error) ? error : [{ message: String((error as Error).message ?? error) }],
        });
        done();
      },
      complete: () => done(),
    },
  );
  const events = () =>
    results.flatMap((result) => (result.data ? [Object.values(result.data)[0] as Record<string, unknown>] : []));
  return {
    results,
    events,
    waitForEvents: (count, seconds = 10) =>
      eventually(seconds, () => (events().length >= count ? events() : undefined), {
        intervalMs: 20,
        context: () => `received: ${JSON.stringify(results)}`,
      }),
    completed,
    closed,
    dispose: () => client.dispose() as Promise<void>,
  };
}
