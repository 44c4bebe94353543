// What a database error means for the caller: the mariadb driver's, Node's and Prisma's error codes
// (and their causes) sorted into "the database cannot be reached" and, of those, "no connection was
// ever had" (so nothing was sent); and Prisma's error codes that services turn into answers.
import { Prisma } from '../generated/prisma/client.js';

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

export function neverConnected(error: unknown): boolean {
  return someCause(
    error,
    (e, errno) =>
      (typeof e.code === 'string' && NOT_CONNECTED_CODES.has(e.code)) ||
      (typeof errno === 'number' && NOT_CONNECTED_ERRNOS.has(errno)) ||
      e.kind === 'TooManyConnections' ||
      (typeof e.message === 'string' && NOT_CONNECTED_MESSAGE.test(e.message)),
  );
}

/** Node's codes for a server certificate that TLS could not verify. */
const TLS_VERIFY_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * One line for the operator when the database's TLS certificate could not be verified (a managed
 * MySQL whose certificate no public CA signs), naming the setting that fixes it; undefined otherwise.
 */
export function tlsVerificationFailure(error: unknown): string | undefined {
  let reason: string | undefined;
  someCause(error, (e) => {
    if (typeof e.code !== 'string' || !TLS_VERIFY_CODES.has(e.code)) return false;
    reason = typeof e.message === 'string' ? e.message : e.code;
    return true;
  });
  return reason === undefined
    ? undefined
    : `The database's TLS certificate could not be verified (${reason}): give the CA certificate that signed it ` +
        'in DATABASE_SSL_CA (a PEM file; with the Helm chart, gateway-api.externalDatabase.tls.ca or ' +
        'gateway-api.externalDatabase.tls.existingCaSecret).';
}

/** The database's TLS certificate could not be verified; the message says what to set. */
export class DatabaseTlsError extends Error {
  override name = 'DatabaseTlsError';
}

/** Prisma's known request errors by code: P2002 unique violation, P2003 foreign key, P2025 no such row. */
export function isPrismaError(error: unknown, code: 'P2002' | 'P2003' | 'P2025'): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;
}

/** MySQL's and MariaDB's ER_DUP_ENTRY, which Prisma's adapter reports as P2002 (UniqueConstraintViolation). */
const ER_DUP_ENTRY = 1062;

/**
 * A unique key was violated: by Prisma's model API (P2002), a raw statement through Prisma (its cause's
 * kind), or a statement on the pool (the driver's errno).
 */
export const isUniqueViolation = (error: unknown): boolean =>
  isPrismaError(error, 'P2002') ||
  someCause(error, (e, errno) => errno === ER_DUP_ENTRY || e.kind === 'UniqueConstraintViolation');
