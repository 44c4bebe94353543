// The API's error model. Expected failures are AppErrors with a stable `extensions.code`; anything
// else is logged in full and reaches the client as INTERNAL_SERVER_ERROR with a generic message,
// so no SQL, stack, host name or ORM wording ever leaves the server.
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { requestLogger } from '../http/server.js';
import type { Logger } from '../lib/logger.js';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  OUTCOME_UNKNOWN: 'OUTCOME_UNKNOWN',
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

/** Error codes (Node's, the mariadb driver's, and Prisma's) that mean the database cannot be reached. */
const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ER_GET_CONNECTION_TIMEOUT',
  'ER_CONNECTION_TIMEOUT',
  'ER_SOCKET_UNEXPECTED_CLOSE',
  'ER_CMD_CONNECTION_CLOSED',
  'ER_CONNECTION_ALREADY_CLOSED',
  'ER_SOCKET',
  'ER_SOCKET_TIMEOUT',
  'ER_CLOSING_POOL',
  'ER_POOL_ALREADY_CLOSED',
  'ER_POOL_NO_CONNECTION',
  'ER_POOL_NOT_INITIALIZED',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'P1001', // Prisma: can't reach database server
  'P1002', // Prisma: database server timed out
  'P1017', // Prisma: server closed the connection
  'P2024', // Prisma: timed out fetching a connection from the pool
  'P2037', // Prisma: too many database connections opened
]);

/**
 * The same conditions as MySQL/MariaDB error numbers. Prisma's driver adapter keeps only the number
 * (in `meta.driverAdapterError.cause`); its own code for them is a generic one.
 */
const DATABASE_DOWN_ERRNOS = new Set([
  1040, // ER_CON_COUNT_ERROR: too many connections
  1053, // ER_SERVER_SHUTDOWN: the server is shutting down (a restart or failover)
  1152, // ER_ABORTING_CONNECTION
  1203, // ER_TOO_MANY_USER_CONNECTIONS
  1927, // ER_CONNECTION_KILLED: the server killed our connection (shutdown, failover)
  4031, // MySQL 8: disconnected by the server
  45001, // mariadb driver: connection already closed
  45009, // mariadb driver: socket closed unexpectedly
  45012, // mariadb driver: connect timeout
  45013, // mariadb driver: command on a closed connection
  45019, // mariadb driver: socket error
  45026, // mariadb driver: socket timeout
  45027, // mariadb driver: pool closed
  45028, // mariadb driver: no connection from the pool within acquireTimeout
  45037, // mariadb driver: pool closing
  45060, // mariadb driver: pool could not make its first connection
  45061, // mariadb driver: pool could not make a connection
]);

const DATABASE_DOWN_MESSAGE =
  /pool timeout|connection (?:refused|closed)|socket has unexpectedly been closed|retrieve connection from pool timeout|server shutdown in progress/i;

interface ErrorLike {
  code?: unknown;
  errno?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  originalError?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
}

/** Calls `test` on an error and its causes, until it returns true. */
function someCause(error: unknown, test: (e: ErrorLike, errno: unknown) => boolean): boolean {
  for (let e = error as ErrorLike | undefined, depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    // the driver's errors carry `errno`; the adapter's causes inside Prisma's errors, `code`
    if (test(e, typeof e.errno === 'number' ? e.errno : e.code)) return true;
    e = (e.cause ?? e.originalError ?? e.meta?.driverAdapterError?.cause) as ErrorLike | undefined;
  }
  return false;
}

/** true when an error (or one of its causes) says the database cannot be reached */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someCause(
    error,
    (e, errno) =>
      (typeof e.code === 'string' && DATABASE_DOWN_CODES.has(e.code)) ||
      (typeof errno === 'number' && DATABASE_DOWN_ERRNOS.has(errno)) ||
      e.kind === 'TooManyConnections' ||
      (typeof e.message === 'string' && DATABASE_DOWN_MESSAGE.test(e.message)),
  );
}

/**
 * Of those, the failures to get a connection at all: the server refused or never answered the
 * connection, or the pool had none to give within its acquire timeout. The statement that needed the
 * connection was never sent. Everything else (the socket closed or timed out mid-command, the server
 * shut down or killed the connection) may have happened after a write or a COMMIT reached the server.
 */
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ER_GET_CONNECTION_TIMEOUT',
  'ER_CONNECTION_TIMEOUT',
  'ER_CLOSING_POOL',
  'ER_POOL_ALREADY_CLOSED',
  'ER_POOL_NO_CONNECTION',
  'ER_POOL_NOT_INITIALIZED',
  'ER_CON_COUNT_ERROR',
  'P1001', // Prisma: can't reach database server
  'P2024', // Prisma: timed out fetching a connection from the pool
  'P2037', // Prisma: too many database connections opened
]);
const NOT_CONNECTED_ERRNOS = new Set([1040, 1203, 45012, 45027, 45028, 45037, 45060, 45061]);
const NOT_CONNECTED_MESSAGE = /pool timeout|retrieve connection from pool|connection refused|connect ECONNREFUSED/i;

function neverConnected(error: unknown): boolean {
  return someCause(
    error,
    (e, errno) =>
      (typeof e.code === 'string' && NOT_CONNECTED_CODES.has(e.code)) ||
      (typeof errno === 'number' && NOT_CONNECTED_ERRNOS.has(errno)) ||
      e.kind === 'TooManyConnections' ||
      (typeof e.message === 'string' && NOT_CONNECTED_MESSAGE.test(e.message)),
  );
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
