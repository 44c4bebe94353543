// Turns the validated database settings into options for the `mariadb` driver, which both the
// Prisma adapter and the migration runner use.
import mariadb, { type ConnectionConfig, type PoolConfig } from 'mariadb';
import type { DatabaseConfig } from '../config/database.js';

export function connectionOptions(db: DatabaseConfig): ConnectionConfig {
  return {
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    ...(db.ssl ? { ssl: db.ssl } : {}),
    connectTimeout: 10_000,
    // DATETIME(3) columns hold UTC, as Prisma writes them
    timezone: 'Z',
    // mariadb >= 3 refuses to fetch the RSA key of MySQL 8's caching_sha2_password over plain TCP
    // unless allowed; managed MySQL over TLS does not need it.
    allowPublicKeyRetrieval: !db.ssl,
  };
}

/** How long a request waits for a free connection, or for a new one to connect, before it fails
 * (as DATABASE_UNAVAILABLE): short, so an outage is reported in seconds rather than hanging. */
export const ACQUIRE_TIMEOUT_MS = 3_000;

export function poolOptions(db: DatabaseConfig): PoolConfig {
  return {
    ...connectionOptions(db),
    connectTimeout: ACQUIRE_TIMEOUT_MS,
    acquireTimeout: ACQUIRE_TIMEOUT_MS,
    // After a failed attempt to connect, the pool retries every 500 ms until this runs out, and only
    // then backs off, by 200 ms more after each such round (up to 10 s): by default (acquireTimeout)
    // a few minutes of outage meant seconds of extra delay once the server was back. An hour keeps
    // it retrying every 500 ms through any outage worth the name, so recovery takes at most that.
    initializationTimeout: 3_600_000,
    connectionLimit: db.poolSize,
  };
}

/**
 * Opens one connection and closes it, outside any pool: a pool retries a failing connection quietly
 * (for an hour, see above), so the reason, e.g. a TLS certificate that does not verify, would only
 * ever show as a timeout.
 */
export async function tryConnect(db: DatabaseConfig): Promise<void> {
  const connection = await mariadb.createConnection({ ...connectionOptions(db), connectTimeout: ACQUIRE_TIMEOUT_MS });
  await connection.end();
}
