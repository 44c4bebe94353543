// Live updates' transport: one graphql-ws client (protocol graphql-transport-ws, which the API speaks
// on GET /graphql, proxied like HTTP by the web server) carrying the app's subscriptions, the link that
// sends them through it, and the connection's state as the board's indicator shows it. graphql-ws is
// downloaded with the first subscription (a board's), not with the app: most pages never subscribe.
import { ApolloLink } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import type { Client, createClient as CreateClient } from 'graphql-ws';
import { createContext, useContext, useSyncExternalStore } from 'react';
import { defer, mergeMap } from 'rxjs';

/** connecting: the first connection is being made; live: connected; reconnecting: the connection
 * was lost and is being made again; offline: the browser has no network, or reconnecting has failed
 * for a while (it goes on trying). */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveConnection {
  /** the link subscriptions go to (see createApolloClient) */
  readonly link: ApolloLink;
  status(): LiveStatus;
  /** calls `listener` whenever status() changes; returns how to stop */
  subscribe(listener: () => void): () => void;
}

/** The API closes a socket whose session has ended (signed out, expired) with this code. */
export const SESSION_ENDED = 4401;
/** After this long without a connection, "Reconnecting…" becomes "Offline". */
export const OFFLINE_AFTER_MS = 10_000;
/** graphql-ws pings this often; without a pong in PONG_TIMEOUT_MS the socket is taken for dead. A
 * laptop waking up or a changed network leaves a socket that looks open and delivers nothing. */
const KEEP_ALIVE_MS = 15_000;
const PONG_TIMEOUT_MS = 5_000;
/** Leaving one board for another keeps the socket instead of closing and opening it again. */
const LAZY_CLOSE_MS = 3_000;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 15_000;

/**
 * Jittered exponential backoff: 125-250 ms before the first retry (an API replica restarting closes
 * with 1012 and another one is there at once), doubling up to 7.5-15 s, for as long as it takes.
 */
export function retryDelay(retries: number): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** retries);
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

const isCloseEvent = (value: unknown): value is { code: number } =>
  typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'number';

/** The operation context by which a subscription says where to resume from (see resumeLink). */
export interface ResumeContext {
  /** the last event id received, read each time the subscription is (re)sent; undefined: as first sent */
  resumeAfter?: () => string | undefined;
}

/**
 * graphql-ws sends a subscription again, by itself, on every reconnect, with the payload it was
 * first given. For a subscription whose context has `resumeAfter`, this makes that payload's `after`
 * variable a getter, read when the message is written: a reconnect then resumes from the last event
 * received instead of replaying everything from the first `after`.
 */
export function resumeLink(): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const { resumeAfter } = operation.getContext() as ResumeContext;
    if (typeof resumeAfter === 'function') {
      const variables: Record<string, unknown> = { ...operation.variables };
      const first = variables.after;
      Object.defineProperty(variables, 'after', { enumerable: true, get: () => resumeAfter() ?? first });
      operation.variables = variables;
    }
    return forward(operation);
  });
}

/** Where the page came from, as ws: or wss: (the session cookie goes with a same-origin socket). */
function sameOriginUrl(): string {
  const url = new URL('/graphql', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

export function createLiveConnection({
  onSessionEnded,
  url = sameOriginUrl,
}: {
  /** the API closed the socket because the session ended: the app's signed-out flow */
  onSessionEnded: () => void;
  url?: string | (() => string);
}): LiveConnection & { dispose(): Promise<void> } {
  const listeners = new Set<() => void>();
  let socketStatus: Exclude<LiveStatus, 'offline'> = 'connecting';
  let downTooLong = false;
  let downTimer: ReturnType<typeof setTimeout> | undefined;
  let sessionEnded = false;
  let current: LiveStatus = 'connecting';

  const browserOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;
  const update = () => {
    const next: LiveStatus = sessionEnded || browserOffline() || downTooLong ? 'offline' : socketStatus;
    if (next === current) return;
    current = next;
    for (const listener of listeners) listener();
  };
  const down = (status: 'connecting' | 'reconnecting') => {
    socketStatus = status;
    if (status === 'reconnecting' && downTimer === undefined) {
      downTimer = setTimeout(() => {
        downTooLong = true;
        update();
      }, OFFLINE_AFTER_MS);
    }
    update();
  };
  /** The socket is no longer in trouble (connected, or closed on purpose): no "offline" pending. */
  const settle = (status: 'live' | 'connecting') => {
    clearTimeout(downTimer);
    downTimer = undefined;
    downTooLong = false;
    socketStatus = status;
    update();
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
  }

  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  let everConnected = false;
  const connect = (createClient: typeof CreateClient): Client => {
    const client = createClient({
      url,
      lazy: true,
      lazyCloseTimeout: LAZY_CLOSE_MS,
      keepAlive: KEEP_ALIVE_MS,
      // Forever, except when the session has ended: signing in again opens a new socket.
      retryAttempts: Infinity,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelay(retries))),
      shouldRetry: (reason) => !(isCloseEvent(reason) && reason.code === SESSION_ENDED),
      on: {
        connecting: (isRetry) => down(isRetry || everConnected ? 'reconnecting' : 'connecting'),
        connected: () => {
          everConnected = true;
          sessionEnded = false;
          settle('live');
        },
        closed: (event) => {
          clearTimeout(pongTimer);
          if (isCloseEvent(event) && event.code === SESSION_ENDED) {
            sessionEnded = true;
            update();
            onSessionEnded();
            return;
          }
          // 1000: closed by graphql-ws itself as no subscription is left (lazy); the next one connects anew
          if (isCloseEvent(event) && event.code === 1000) {
            everConnected = false;
            settle('connecting');
            return;
          }
          down('reconnecting');
        },
        ping: (received) => {
          if (received) return;
          clearTimeout(pongTimer);
          // terminate(): a dead socket's close handshake would never end; graphql-ws then reconnects (4499)
          pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
      },
    });

    return client;
  };

  // graphql-ws's module, downloaded by the first subscription; a failed download is tried again by the next
  let socket: Promise<GraphQLWsLink> | undefined;
  const load = () =>
    (socket ??= import('graphql-ws').then(
      ({ createClient }) => new GraphQLWsLink(connect(createClient)),
      (error: unknown) => {
        socket = undefined;
        throw error;
      },
    ));
  const socketLink = new ApolloLink((operation) => defer(load).pipe(mergeMap((link) => link.request(operation))));

  return {
    link: ApolloLink.from([resumeLink(), socketLink]),
    status: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: async () => {
      if (socket) await (await socket).client.dispose();
    },
  };
}

/** The app's live connection (main.tsx provides it; the tests a stand-in they drive). */
export const LiveConnectionContext = createContext<LiveConnection | null>(null);

const alwaysConnecting = () => 'connecting' as const;
const noSubscription = () => () => {};

/** The live connection's status, re-rendering on every change. */
export function useLiveConnectionStatus(): LiveStatus {
  const connection = useContext(LiveConnectionContext);
  return useSyncExternalStore(connection?.subscribe ?? noSubscription, connection?.status ?? alwaysConnecting);
}
