// The API's errors as GraphQL clients see them. Expected failures (lib/errors.ts AppErrors) keep their
// message and `extensions.code`; a database that cannot be reached is DATABASE_UNAVAILABLE, or
// OUTCOME_UNKNOWN for a mutation that may have written; anything else is logged in full and reaches
// the client as INTERNAL_SERVER_ERROR with a generic message, so no SQL, stack, host name or ORM
// wording ever leaves the server.
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ValidationError } from 'class-validator';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { isDatabaseUnavailable, neverConnected } from '../db/errors.js';
import { AppError, ErrorCode } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { requestLogger } from '../lib/request-scope.js';

function validationFields(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints);
    if (error.children?.length) Object.assign(fields, validationFields(error.children, path));
  }
  return fields;
}

/** Errors of mutations, marked by mutationErrorsPlugin for formatError (which is not told the operation). */
const mutationErrors = new WeakSet<object>();

/**
 * Marks the errors of mutation operations, so that formatError can tell an unknown outcome from
 * "nothing was changed". Registered with Apollo Server next to formatError.
 */
export const mutationErrorsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ operation, errors }) {
        if (operation?.operation !== 'mutation') return;
        for (const error of errors) mutationErrors.add(error);
      },
    };
  },
};

/**
 * A write whose outcome nobody knows: a mutation's field failed because the connection was lost
 * (not because none could be had), so its write or COMMIT may have reached the server and been
 * stored. Queries are never such; neither are failures before execution (the session lookup), which
 * carry no path. A field under a mutation's root field failing this way comes after the write
 * succeeded, so "nothing was changed" would be wrong there too.
 */
function isOutcomeUnknown(error: unknown, original: unknown): boolean {
  if (!(error instanceof GraphQLError) || !mutationErrors.has(error) || !error.path?.length) return false;
  if (!isDatabaseUnavailable(original)) return false;
  return error.path.length > 1 || !neverConnected(original);
}

/** Apollo's formatError: keeps expected errors, translates known ones, masks the rest. */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return { ...formatted, message: original.message, extensions: { ...original.extensions } };
    }
    if (original instanceof ArgumentValidationError) {
      return {
        ...formatted,
        message: 'The input is not valid.',
        extensions: {
          code: ErrorCode.BAD_USER_INPUT,
          fields: validationFields(original.extensions.validationErrors as ValidationError[]),
        },
      };
    }
    // Errors from parsing, validation and variable coercion come from graphql-js or Apollo and
    // describe the request itself; they carry their own code and reveal nothing about the server.
    if (!(original instanceof Error) || original instanceof GraphQLError) {
      const code = formatted.extensions?.code;
      if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    }
    // The request's own logger when there is one, so these lines carry its request id.
    const log = requestLogger() ?? logger;
    if (isOutcomeUnknown(error, original)) {
      log.warn({ err: original, path: formatted.path }, 'database connection lost during a mutation: outcome unknown');
      return {
        message:
          'The connection to the database was lost while this change was being saved, so it may or may not ' +
          'have been saved. Retry it with the same idempotencyKey, or reload and check before repeating it.',
        ...(formatted.path ? { path: formatted.path } : {}),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code: ErrorCode.OUTCOME_UNKNOWN },
      };
    }
    if (isDatabaseUnavailable(original)) {
      log.warn({ err: original, path: formatted.path }, 'database unavailable');
      return {
        message: 'The service is temporarily unavailable. Please retry in a moment.',
        ...(formatted.path ? { path: formatted.path } : {}),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
      };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL request');
    return {
      message: 'Something went wrong on our side. It has been logged; please retry later.',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
