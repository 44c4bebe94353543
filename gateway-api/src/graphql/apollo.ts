// The Apollo Server: schema, error masking, limits, CSRF prevention, metrics and landing page.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Config } from '../config/config.js';
import type { Logger } from '../lib/logger.js';
import type { Context } from './context.js';
import { createFormatError } from './errors.js';
import { LIMITS, limitRules } from './limits.js';

export interface ApolloDeps {
  schema: GraphQLSchema;
  config: Pick<Config, 'introspection' | 'isProduction'>;
  logger: Logger;
  plugins: ApolloServerPlugin<Context>[];
}

export function createApollo({ schema, config, logger, plugins }: ApolloDeps): ApolloServer<Context> {
  const formatError = createFormatError(logger);
  return new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    // Rejects simple (CORS-safelisted) requests that a browser would send cross-site without asking.
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: limitRules(),
    parseOptions: { maxTokens: LIMITS.maxTokens },
    formatError: (formatted, error): GraphQLFormattedError => {
      const result = formatError(formatted, error);
      // In production, "Did you mean ...?" would reveal fields to someone probing without introspection.
      if (config.isProduction && !config.introspection && / Did you mean /.test(result.message)) {
        return { ...result, message: result.message.replace(/ Did you mean .*$/, '') };
      }
      return result;
    },
    plugins: [
      ...plugins,
      config.introspection
        ? config.isProduction
          ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
          : ApolloServerPluginLandingPageLocalDefault({ footer: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
}
