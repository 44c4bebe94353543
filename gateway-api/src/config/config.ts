// The API's configuration: read from the environment once at start-up, validated with zod, and
// reported all at once. The rest of the code imports the typed result and never reads process.env.
// zod as a namespace import (as its docs write it): the bundle then holds only the zod functions used
// here. The `z` export object would bring every locale's messages into it too (0.6 MB of source that a
// process keeps in memory).
import * as z from 'zod';
import { ConfigError, readDatabaseConfig, wholeNumber, type DatabaseConfig } from './database.js';

export { ConfigError } from './database.js';

/** jit: graphql-jit compiles each operation once (graphql/jit.ts); graphql-js: its interpreter, as a fallback */
const EXECUTORS = ['jit', 'graphql-js'] as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const appEnv = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], {
      error: (issue) => `must be development, test or production (got "${String(issue.input)}")`,
    })
    .default('development'),
  PORT: wholeNumber(0, 65535, 'a TCP port number from 0 to 65535').default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: (issue) => `must be one of ${LOG_LEVELS.join(', ')} (got "${String(issue.input)}")` })
    .default('info'),
  SESSION_SECRET: z.string().optional(),
  SHUTDOWN_TIMEOUT_SECONDS: wholeNumber(1, 600, 'a whole number of seconds from 1 to 600').default(20),
  REQUEST_TIMEOUT_SECONDS: wholeNumber(1, 600, 'a whole number of seconds from 1 to 600').default(10),
  GRAPHQL_INTROSPECTION: z
    .enum(['true', 'false'], { error: (issue) => `must be true or false (got "${String(issue.input)}")` })
    .optional(),
  GRAPHQL_EXECUTOR: z
    .enum(EXECUTORS, {
      error: (issue) => `must be ${EXECUTORS.join(' or ')} (got "${String(issue.input)}")`,
    })
    .default('jit'),
  GRAPHQL_TRUSTED_DOCUMENTS_ONLY: z
    .enum(['true', 'false'], { error: (issue) => `must be true or false (got "${String(issue.input)}")` })
    .optional(),
});

/** Every variable the API reads besides the database's (DATABASE_ENV): the Helm chart's tests hold its
 * Deployment's environment to these names. */
export const CONFIG_ENV = appEnv.keyof().options;

export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  isProduction: boolean;
  host: string;
  port: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /** keys the session-token hashes; required (>= 32 characters) in production */
  sessionSecret: string;
  introspection: boolean;
  /** what executes operations over HTTP: graphql-jit (default) or graphql-js */
  executor: (typeof EXECUTORS)[number];
  /** the web client may run only the documents it was built with (graphql/trusted-documents.ts) */
  trustedDocumentsOnly: boolean;
  /** after SIGTERM, how long in-flight requests may take before the process exits anyway */
  shutdownTimeoutSeconds: number;
  /** how long all of one request's database work may take (db/timeouts.ts) */
  requestTimeoutSeconds: number;
  database: DatabaseConfig;
}

// A fixed development secret keeps sessions valid across restarts on a laptop; production must set one.
const DEVELOPMENT_SESSION_SECRET = 'development-only-session-secret-do-not-use-in-production';

/** Parses the environment; throws ConfigError listing every problem found. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const issues: string[] = [];
  const database = readDatabaseConfig(env, issues);
  // Empty strings (e.g. `PORT=` in a .env file) mean "use the default", not "invalid".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = appEnv.safeParse(present);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  const app = parsed.success ? parsed.data : undefined;
  const isProduction = app?.NODE_ENV === 'production';
  if (app && isProduction && (app.SESSION_SECRET ?? '').length < 32) {
    issues.push(
      'SESSION_SECRET: must be set to at least 32 random characters in production ' +
        '(e.g. `openssl rand -base64 48`)',
    );
  }
  if (issues.length || !app || !database) throw new ConfigError(issues);
  return {
    nodeEnv: app.NODE_ENV,
    isProduction,
    host: app.HOST,
    port: app.PORT,
    logLevel: app.LOG_LEVEL,
    sessionSecret: app.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    introspection: app.GRAPHQL_INTROSPECTION ? app.GRAPHQL_INTROSPECTION === 'true' : !isProduction,
    executor: app.GRAPHQL_EXECUTOR,
    trustedDocumentsOnly: app.GRAPHQL_TRUSTED_DOCUMENTS_ONLY
      ? app.GRAPHQL_TRUSTED_DOCUMENTS_ONLY === 'true'
      : isProduction,
    shutdownTimeoutSeconds: app.SHUTDOWN_TIMEOUT_SECONDS,
    requestTimeoutSeconds: app.REQUEST_TIMEOUT_SECONDS,
    database,
  };
}
