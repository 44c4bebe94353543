// @vitest-environment node
// The live connection against a real graphql-ws server (the API's protocol, over a real socket):
// a subscription resumes from the last event it received after the server goes away (1012), the
// status follows, and a session that ended (4401) takes the app's signed-out flow without retrying.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloClient, InMemoryCache } from '@apollo/client';
import { buildSchema, parse } from 'graphql';
import { useServer as serveGraphqlWs } from 'graphql-ws/use/ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createLiveConnection, type LiveStatus, type ResumeContext } from './live';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Event { id: ID! }
  type Subscription { events(after: ID!): Event! }
`);

const EVENTS = parse(`subscription Events($after: ID!) { events(after: $after) { id } }`);

interface TestServer {
  url: string;
  /** the `after` of every subscription the server received, in order */
  afters: string[];
  sockets: Set<WebSocket>;
  close(): Promise<void>;
}

/** A graphql-ws server whose subscription sends the ids after `after`, one every 20 ms. */
async function startServer(): Promise<TestServer> {
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http, path: '/graphql' });
  const afters: string[] = [];
  const sockets = new Set<WebSocket>();
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // graphql-ws's useServer, renamed: not a React hook
  const server = serveGraphqlWs(
    {
      schema,
      roots: {
        subscription: {
          events: async function* ({ after }: { after: string }) {
            afters.push(after);
            for (let id = Number(after) + 1; ; id++) {
              await new Promise((resolve) => setTimeout(resolve, 20));
              yield { events: { id: String(id) } };
            }
          },
        },
      },
    },
    wss,
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/graphql`,
    afters,
    sockets,
    close: async () => {
      await server.dispose();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const server = await startServer();
  cleanups.push(() => server.close());
  const onSessionEnded = vi.fn();
  const live = createLiveConnection({ url: server.url, onSessionEnded });
  cleanups.push(() => live.dispose());
  const statuses: LiveStatus[] = [live.status()];
  live.subscribe(() => statuses.push(live.status()));
  const client = new ApolloClient({ link: live.link, cache: new InMemoryCache() });
  const received: string[] = [];
  const errors: unknown[] = [];
  let last: string | undefined;
  const context: ResumeContext = { resumeAfter: () => last };
  const subscription = client
    .subscribe({ query: EVENTS, variables: { after: '0' }, fetchPolicy: 'no-cache', context })
    .subscribe({
      next: ({ data, error }) => {
        if (error) errors.push(error);
        const id = (data as { events?: { id: string } } | undefined)?.events?.id;
        if (id) received.push((last = id));
      },
    });
  cleanups.push(() => subscription.unsubscribe());
  return { server, live, statuses, received, errors, onSessionEnded };
}

describe('the live connection', () => {
  it('after the server restarts (1012), resubscribes from the last event received: none missed or repeated', async () => {
    const { server, statuses, received } = await setup();
    await vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(3));
    for (const socket of server.sockets) socket.close(1012, 'Server restarting');
    await vi.waitFor(() => expect(server.afters).toHaveLength(2), { timeout: 5_000 });
    await vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(8));
    // the second subscription asked for what followed the last id the first one delivered
    const resumedAfter = server.afters[1]!;
    expect(received).toContain(resumedAfter);
    expect(received).toEqual(received.map((_, i) => String(i + 1)));
    expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  });

  it('when the session ends (4401), takes the signed-out flow and does not reconnect', async () => {
    const { server, live, statuses, errors, onSessionEnded } = await setup();
    await vi.waitFor(() => expect(live.status()).toBe('live'));
    for (const socket of server.sockets) socket.close(4401, 'Your session has ended: sign in again.');
    await vi.waitFor(() => expect(onSessionEnded).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.afters).toHaveLength(1);
    expect(statuses.at(-1)).toBe('offline');
  });
});
