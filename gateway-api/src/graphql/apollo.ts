// The Apollo Server: schema, session lookup, error masking, limits, CSRF prevention, metrics and
// landing page.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Config } from '../config/config.js';
import type { Logger } from '../lib/logger.js';
import type { Context } from '../modules/context.js';
import { createFormatError } from './errors.js';
import { ErrorCode } from '../lib/errors.js';
import { LIMITS, limitRules } from './limits.js';
import { jitGateway } from './jit.js';
import { viewerPlugin } from './session.js';
import { persistedQueryCache, trustedDocumentsPlugin, type TrustedDocuments } from './trusted-documents.js';

export interface ApolloDeps {
  schema: GraphQLSchema;
  config: Pick<Config, 'introspection' | 'isProduction' | 'executor' | 'trustedDocumentsOnly'>;
  logger: Logger;
  /** the web client's documents by hash (schema/trusted-documents.json) */
  trustedDocuments: TrustedDocuments;
  plugins: ApolloServerPlugin<Context>[];
}

/** Over HTTP, a subscription is refused while the document is validated (400), with where to send it. */
export const subscriptionsOverWebSocketRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (operation.operation === 'subscription') {
      context.reportError(
        new GraphQLError(
          'Subscriptions go over WebSocket: open ws(s)://<host>/graphql with the graphql-transport-ws protocol.',
          { nodes: operation },
        ),
      );
    }
  },
});

/** What a client should wait before retrying when the database is unavailable (Retry-After). */
export const RETRY_AFTER_SECONDS = 2;

/**
 * DATABASE_UNAVAILABLE means "nothing was done, retry later", in HTTP terms too: 503 with
 * Retry-After, on every path (the session lookup before any resolver, or a resolver), signed in or
 * not, so that load balancers, proxies and clients that look only at the status understand it;
 * unless part of the request did succeed or may have (see below).
 */
export const unavailableStatusPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { errors, data } = response.body.singleResult;
        const codes = new Set(errors?.map((error) => error.extensions?.code));
        // Not when something was (or may have been) done: a proxy or client that retries whole
        // requests on 503 would repeat it. Those answers stay 200 with their codes.
        const somethingDone =
          codes.has(ErrorCode.OUTCOME_UNKNOWN) || Object.values(data ?? {}).some((value) => value !== null);
        if (codes.has(ErrorCode.DATABASE_UNAVAILABLE) && !somethingDone) {
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        }
      },
    };
  },
};

export function createApollo({ schema, config, logger, trustedDocuments, plugins }: ApolloDeps): ApolloServer<Context> {
  const formatError = createFormatError(logger);
  return new ApolloServer<Context>({
    // graphql-jit runs the operations unless GRAPHQL_EXECUTOR=graphql-js (jit.ts)
    ...(config.executor === 'jit' ? { gateway: jitGateway(schema) } : { schema }),
    introspection: config.introspection,
    // Rejects simple (CORS-safelisted) requests that a browser would send cross-site without asking.
    csrfPrevention: true,
    // Shutdown is ours (main.ts): Fastify finishes in-flight requests within SHUTDOWN_TIMEOUT_SECONDS,
    // then Apollo stops. Apollo's own SIGTERM handler would cut requests off after 10 s.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    // the web client sends its documents' hashes (trusted-documents.ts)
    persistedQueries: { cache: persistedQueryCache(trustedDocuments) },
    includeStacktraceInErrorResponses: false,
    validationRules: [...limitRules(), subscriptionsOverWebSocketRule],
    parseOptions: { maxTokens: LIMITS.maxTokens },
    formatError: (formatted, error): GraphQLFormattedError => {
      const result = formatError(formatted, error);
      // With introspection off (production's default), "Did you mean ...?" would hand the schema out
      // field by field to someone probing for it.
      if (!config.introspection && / Did you mean /.test(result.message)) {
        return { ...result, message: result.message.replace(/ Did you mean .*$/, '') };
      }
      return result;
    },
    plugins: [
      // Nothing uses cache hints; computing them cost ~20% of the board view's throughput (bench/).
      ApolloServerPluginCacheControlDisabled(),
      trustedDocumentsPlugin(trustedDocuments, config.trustedDocumentsOnly),
      viewerPlugin,
      unavailableStatusPlugin,
      ...plugins,
      config.introspection
        ? config.isProduction
          ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
          : ApolloServerPluginLandingPageLocalDefault({ footer: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
}
