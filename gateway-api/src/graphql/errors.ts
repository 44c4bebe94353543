// The API's error model. Expected failures are AppErrors with a stable `extensions.code`; anything
// else is logged in full and reaches the client as INTERNAL_SERVER_ERROR with a generic message,
// so no SQL, stack, host name or ORM wording ever leaves the server.
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import type { Logger } from '../lib/logger.js';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An expected failure: its message and extensions are safe to show to the client. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }
}

export const unauthenticated = () => new AppError(ErrorCode.UNAUTHENTICATED, 'You must be signed in to do this.');

/** Also used for things that exist but the viewer may not see, so ids cannot be probed. */
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found.`);

export const forbidden = (message: string) => new AppError(ErrorCode.FORBIDDEN, message);

/** BAD_USER_INPUT with one message per field: `extensions.fields = { title: ["..."] }`. */
export function badInput(fields: Record<string, string[]>, message = 'The input is not valid.') {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { fields });
}

export const conflict = (message: string, extensions: Record<string, unknown>) =>
  new AppError(ErrorCode.CONFLICT, message, extensions);

function validationFields(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints);
    if (error.children?.length) Object.assign(fields, validationFields(error.children, path));
  }
  return fields;
}

const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'ER_GET_CONNECTION_TIMEOUT',
  'ER_CONNECTION_TIMEOUT',
  'ER_SOCKET_UNEXPECTED_CLOSE',
  'ER_CLOSING_POOL',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'P1001', // Prisma: can't reach database server
  'P1002', // Prisma: database server timed out
  'P1017', // Prisma: server closed the connection
  'P2024', // Prisma: timed out fetching a connection from the pool
]);

/** true when an error (or one of its causes) says the database cannot be reached */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 8; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && DATABASE_DOWN_CODES.has(code)) return true;
    if (
      typeof message === 'string' &&
      /pool timeout|connection (?:refused|closed)|socket has unexpectedly been closed|retrieve connection from pool timeout/i.test(
        message,
      )
    ) {
      return true;
    }
    e = cause ?? (e as { originalError?: unknown }).originalError;
  }
  return false;
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
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original, path: formatted.path }, 'database unavailable');
      return {
        message: 'The service is temporarily unavailable. Please retry in a moment.',
        ...(formatted.path ? { path: formatted.path } : {}),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
      };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL request');
    return {
      message: 'Something went wrong on our side. It has been logged; please retry later.',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
