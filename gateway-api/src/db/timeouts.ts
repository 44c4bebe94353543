// Bounded time for everything sent to the database.
//
// The driver can bound connecting (connectTimeout) and waiting for a pooled connection
// (acquireTimeout), but not a statement that was sent: against a frozen server (SIGSTOP, a stuck
// failover) or through a network partition, TCP keeps waiting for many minutes. A server-side limit
// (max_statement_time) cannot help when the server cannot answer, and the driver's socketTimeout
// would also close idle pooled connections. So each statement races a timer here; when the timer
// wins, the connection is destroyed (its socket closed), which fails the statement at once, frees
// the pool slot, and makes the server roll back whatever that connection had not committed.
//
// A statement gets the shorter of DATABASE_STATEMENT_TIMEOUT_SECONDS and what is left of the
// deadline of the request it runs for (REQUEST_TIMEOUT_SECONDS, set by the HTTP layer through
// withDeadline), so that a request with several statements is bounded as a whole.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolConnection } from 'mariadb';

const deadlines = new AsyncLocalStorage<number>();

/** Runs fn with an absolute deadline (ms since the epoch) for the database work it causes. */
export function withDeadline<T>(deadline: number, fn: () => T): T {
  return deadlines.run(deadline, fn);
}

/** What is left of the current request's deadline, in ms; undefined outside a request. */
export function remainingMs(): number | undefined {
  const deadline = deadlines.getStore();
  return deadline === undefined ? undefined : Math.max(0, deadline - Date.now());
}

/** The mariadb driver's code for a socket timeout, which the error model already treats as an outage. */
const SOCKET_TIMEOUT = { code: 'ER_SOCKET_TIMEOUT', errno: 45026, sqlState: '08S01' } as const;

export class StatementTimeoutError extends Error {
  readonly code = SOCKET_TIMEOUT.code;
  readonly errno = SOCKET_TIMEOUT.errno;
  readonly sqlState = SOCKET_TIMEOUT.sqlState;
  /** true when the request's deadline, not the statement limit, ran out */
  constructor(
    readonly ms: number,
    readonly requestDeadline: boolean,
  ) {
    super(
      requestDeadline
        ? `the request's time for database work ran out (statement stopped after ${ms} ms); connection closed`
        : `the database did not answer a statement within ${ms} ms; connection closed`,
    );
    this.name = 'StatementTimeoutError';
  }
}

/** Connection methods that send something and wait for the server's answer. */
const GUARDED = new Set(['query', 'execute', 'batch', 'beginTransaction', 'commit', 'rollback', 'ping']);

/**
 * Wraps a pool so that every statement sent through it (directly, or on a connection taken from it)
 * is bounded in time. Everything else passes through unchanged.
 */
export function withStatementTimeout(pool: Pool, statementTimeoutMs: number): Pool {
  const limit = (): { ms: number; requestDeadline: boolean } => {
    const deadline = deadlines.getStore();
    const left = deadline === undefined ? Infinity : deadline - Date.now();
    return left < statementTimeoutMs
      ? { ms: Math.max(0, Math.floor(left)), requestDeadline: true }
      : { ms: statementTimeoutMs, requestDeadline: false };
  };

  async function bounded<T>(conn: PoolConnection, send: () => Promise<T>): Promise<T> {
    const { ms, requestDeadline } = limit();
    if (ms <= 0) throw new StatementTimeoutError(0, true);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Closing the socket fails the statement in the driver and removes the connection from
        // the pool; the statement's own rejection is then handled by the race below.
        conn.destroy();
        reject(new StatementTimeoutError(ms, requestDeadline));
      }, ms);
    });
    try {
      return await Promise.race([send(), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  const guard = (conn: PoolConnection): PoolConnection =>
    new Proxy(conn, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        const method = (value as (...args: unknown[]) => unknown).bind(target);
        if (!GUARDED.has(String(property))) return method;
        return (...args: unknown[]) => bounded(target, () => method(...args) as Promise<unknown>);
      },
    });

  /** pool.query/execute, on a connection of our own so that it can be closed on timeout. */
  const onConnection =
    (name: 'query' | 'execute' | 'batch') =>
    async (...args: unknown[]): Promise<unknown> => {
      const conn = await pool.getConnection();
      let destroyed = false;
      try {
        return await bounded(conn, () => (conn[name] as (...a: unknown[]) => Promise<unknown>)(...args));
      } catch (error) {
        destroyed = error instanceof StatementTimeoutError;
        throw error;
      } finally {
        if (!destroyed) await conn.release().catch(() => {});
      }
    };

  const overrides: Partial<Record<keyof Pool, unknown>> = {
    getConnection: async () => guard(await pool.getConnection()),
    query: onConnection('query'),
    execute: onConnection('execute'),
    batch: onConnection('batch'),
  };
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof Pool];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
