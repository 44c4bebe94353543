// GraphQL over WebSocket on GET /graphql: the graphql-transport-ws protocol of the graphql-ws package,
// which Apollo Client's GraphQLWsLink speaks. Subscriptions only: queries and mutations go over HTTP,
// through Apollo Server and its plugins. The upgrade request's session cookie says who the connection
// is, and a page of another origin may not open one (sameOrigin: the WebSocket's CSRF check); every document passes the limits HTTP applies; errors reach clients as formatError words them.
//
// A connection whose session ends (signed out on any replica, or expired) is closed within
// SESSION_CHECK_MS: one query checks every open connection's session. On shutdown, connections are
// closed with 1012 (Service Restart), on which clients reconnect, to another replica, at once.
import type { FastifyInstance } from 'fastify';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { sameOrigin } from '@taskboard/server-kit';
import { makeHandler } from 'graphql-ws/use/@fastify/websocket';
import type { WebSocket } from 'ws';
import type { Logger } from '../lib/logger.js';
import { every } from '../lib/periodic.js';
import type { Viewer } from '../modules/auth/viewer.js';
import type { Context } from '../modules/context.js';
import { createLoaders } from '../modules/loaders.js';
import { sharedEventOf, type LiveItem } from '../modules/live/live.service.js';
import type { Services } from '../modules/services.js';
import type { Sql } from '../db/sql.js';
import { LIMITS, limitRules } from './limits.js';
import { sessionTokenOf } from './session.js';
import { sharedSubscribe } from './shared-execution.js';

const SESSION_CHECK_MS = 2_000;
/** Close codes: the session ended (the client must sign in again; graphql-ws does not retry it). */
const SESSION_ENDED = 4401;
const SERVICE_RESTART = 1012;
/**
 * Valid subscription documents by their text, so that subscribers sending the same text share one
 * DocumentNode (and with it each event's execution, shared-execution.ts) and skip parsing and validating.
 */
const MAX_CACHED_DOCUMENTS = 100;

/** What the connection knows beyond graphql-ws's socket and upgrade request: who it is. */
type ConnectionExtra = { viewer: Viewer | null };

export interface SubscriptionDeps {
  schema: GraphQLSchema;
  services: Services;
  /** the loaders' reads (db/sql.ts) */
  sql: Sql;
  logger: Logger;
  isProduction: boolean;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** counts for the metrics: executions of an event's document, and results sent */
  observe?: { executed(): void; delivered(): void };
}

const validationError = (message: string, error?: GraphQLError) =>
  new GraphQLError(message, {
    ...(error?.nodes ? { nodes: error.nodes } : {}),
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  });

export function createSubscriptions(deps: SubscriptionDeps) {
  const { schema, services, sql, logger } = deps;
  const sockets = new Map<WebSocket, Viewer | null>();
  const format = (error: GraphQLError) => deps.formatError(error.toJSON(), error.originalError ?? error);

  const documents = new Map<string, DocumentNode>();
  const documentOf = (query: string): DocumentNode | readonly GraphQLError[] => {
    const cached = documents.get(query);
    if (cached) return cached;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: LIMITS.maxTokens });
    } catch (error) {
      const syntax = error as GraphQLError;
      return [new GraphQLError(syntax.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    const errors = validate(schema, document, [...specifiedRules, ...limitRules()]);
    if (errors.length) return errors.map((error) => validationError(error.message, error));
    if (documents.size >= MAX_CACHED_DOCUMENTS) documents.delete(documents.keys().next().value!);
    documents.set(query, document);
    return document;
  };

  const handler = makeHandler<Record<string, unknown> | undefined, ConnectionExtra>({
    schema,
    isProd: deps.isProduction,
    subscribe: sharedSubscribe({
      shareKeyOf: (payload) => sharedEventOf(payload as LiveItem),
      onExecuted: () => deps.observe?.executed(),
    }),
    onConnect: async (ctx) => {
      // Behind the web client's proxy, Host is the API's own; the proxy passes the browser's as
      // X-Forwarded-Host (a browser cannot set that header on a WebSocket handshake).
      const { headers } = ctx.extra.request;
      const forwardedHost = headers['x-forwarded-host'];
      const host =
        (typeof forwardedHost === 'string' ? forwardedHost.split(',')[0]?.trim() : undefined) ?? headers.host;
      if (!sameOrigin(headers.origin, host)) return false; // 4403 Forbidden
      const viewer = await services.auth.viewerFromToken(sessionTokenOf(ctx.extra.request, deps.isProduction));
      ctx.extra.viewer = viewer;
      sockets.set(ctx.extra.socket, viewer);
      ctx.extra.socket.once('close', () => sockets.delete(ctx.extra.socket));
      return true;
    },
    context: (ctx): Context => ({
      requestId: ctx.extra.request.id,
      viewer: ctx.extra.viewer ?? null,
      sessionToken: undefined,
      services,
      // replaced, event by event, by the loaders every subscriber of the batch shares (live.resolver.ts)
      loaders: createLoaders(sql),
      sessionCookie: { set: () => {}, clear: () => {} },
    }),
    onSubscribe: (_ctx, _id, payload) => {
      const document = documentOf(payload.query);
      if (!('kind' in document)) return [...document];
      if (getOperationAST(document, payload.operationName)?.operation !== 'subscription') {
        return [validationError('Only subscriptions go over WebSocket: send queries and mutations to POST /graphql.')];
      }
      return {
        schema,
        document,
        variableValues: payload.variables ?? undefined,
        operationName: payload.operationName ?? undefined,
      };
    },
    onNext: (_ctx, _id, _payload, _args, result) => {
      deps.observe?.delivered();
      // a copy: the result may be shared with other subscribers
      return result.errors ? { ...result, errors: result.errors.map(format) } : result;
    },
    onError: (_ctx, _id, _payload, errors) => errors.map((error) => deps.formatError(error.toJSON(), error)),
  });

  const stopChecks = every(
    SESSION_CHECK_MS,
    async () => {
      const open = [...sockets].filter((entry): entry is [WebSocket, Viewer] => entry[1] !== null);
      if (!open.length) return;
      const live = await services.auth.liveSessions([...new Set(open.map(([, viewer]) => viewer.sessionId))]);
      for (const [socket, viewer] of open) {
        if (!live.has(viewer.sessionId)) socket.close(SESSION_ENDED, 'Your session has ended: sign in again.');
      }
    },
    (error) => logger.warn({ err: error }, 'checking the sessions of live connections failed; it runs again'),
  );

  return {
    /** the route's wsHandler for GET /graphql */
    handler,
    /** how many connections are open */
    get connections() {
      return sockets.size;
    },
    /** closes every connection with 1012, so that clients reconnect at once, to another replica */
    close(http: FastifyInstance) {
      stopChecks();
      for (const client of http.websocketServer?.clients ?? []) client.close(SERVICE_RESTART, 'Server restarting');
    },
  };
}
