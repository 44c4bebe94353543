// Where the database is: DATABASE_URL, else Clever Cloud's MYSQL_ADDON_* variables. Shared by the
// API, the migration runner and the seed, which need nothing else from the environment.
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { ConfigError as SharedConfigError } from '@taskboard/server-kit';

export interface DatabaseConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  poolSize: number;
  /** longest wait for the answer to one statement before its connection is closed (db/timeouts.ts);
   * DEFAULT_STATEMENT_TIMEOUT_SECONDS when not set */
  statementTimeoutSeconds?: number;
  /** TLS to the server (managed MySQL); undefined = plain TCP */
  ssl: { rejectUnauthorized: boolean; ca?: string } | undefined;
  /** which variable(s) the connection came from, for log lines (never contains the password) */
  source: 'DATABASE_URL' | 'MYSQL_ADDON_*' | 'MYSQL_ADDON_URI';
}

export const NO_DATABASE_MESSAGE =
  'no database configured: set DATABASE_URL=mysql://USER:PASSWORD@HOST:3306/DATABASE, or Clever ' +
  "Cloud's MYSQL_ADDON_HOST, MYSQL_ADDON_PORT, MYSQL_ADDON_DB, MYSQL_ADDON_USER and MYSQL_ADDON_PASSWORD " +
  '(or MYSQL_ADDON_URI). For local development, `npm start` from the repository root starts a database for you.';

/** The API's statements are small (the slowest, a full-text search over 100 000 tasks, takes well
 * under a second): one that has not been answered in 5 s is waiting on a frozen or unreachable server. */
export const DEFAULT_STATEMENT_TIMEOUT_SECONDS = 5;

type Issues = string[];

/** Parses a mysql:// (or mariadb://) URL; problems are pushed to `issues` under the variable's name. */
export function parseDatabaseUrl(
  value: string,
  variable: string,
  issues: Issues,
): Omit<DatabaseConfig, 'poolSize' | 'ssl' | 'source'> | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    issues.push(`${variable}: not a URL; expected mysql://USER:PASSWORD@HOST:3306/DATABASE`);
    return undefined;
  }
  const before = issues.length;
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    issues.push(`${variable}: must start with mysql:// (got ${url.protocol}//)`);
  }
  if (!url.hostname) issues.push(`${variable}: has no host`);
  if (!url.username) issues.push(`${variable}: has no user name`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) issues.push(`${variable}: has no database name (the path after the host, e.g. /taskboard)`);
  const port = url.port ? Number(url.port) : 3306;
  if (issues.length > before) return undefined;
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
  };
}

/** A whole number within bounds, from an environment string; the message quotes what was given. */
export function wholeNumber(min: number, max: number, what: string) {
  return z
    .string()
    .trim()
    .refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max, {
      error: (issue) => `must be ${what} (got "${String(issue.input)}")`,
    })
    .transform(Number);
}

export const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
    error: (issue) => `must be true or false (got "${String(issue.input)}")`,
  })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const databaseEnv = z.object({
  DATABASE_POOL_SIZE: wholeNumber(1, 100, 'a whole number from 1 to 100').default(10),
  DATABASE_STATEMENT_TIMEOUT_SECONDS: wholeNumber(1, 600, 'a whole number of seconds from 1 to 600').default(
    DEFAULT_STATEMENT_TIMEOUT_SECONDS,
  ),
  DATABASE_SSL: booleanString.default(false),
  DATABASE_SSL_CA: z.string().min(1).optional(),
  DATABASE_SSL_REJECT_UNAUTHORIZED: booleanString.default(true),
});

const ADDON_PARTS = ['HOST', 'PORT', 'DB', 'USER', 'PASSWORD'] as const;

/** Every variable the database settings are read from: the Helm chart's tests hold the environment of its
 * Deployment and migration Job to these names. */
export const DATABASE_ENV = [
  'DATABASE_URL',
  ...ADDON_PARTS.map((part) => `MYSQL_ADDON_${part}` as const),
  'MYSQL_ADDON_URI',
  ...databaseEnv.keyof().options,
] as const;

/** Collects the database settings, pushing every problem to `issues` rather than stopping at the first. */
export function readDatabaseConfig(env: NodeJS.ProcessEnv, issues: Issues): DatabaseConfig | undefined {
  const blank = (name: string) => (env[name] ?? '').trim() === '';
  let target: Omit<DatabaseConfig, 'poolSize' | 'ssl' | 'source'> | undefined;
  let source: DatabaseConfig['source'] | undefined;

  if (!blank('DATABASE_URL')) {
    source = 'DATABASE_URL';
    target = parseDatabaseUrl(env.DATABASE_URL!.trim(), 'DATABASE_URL', issues);
  } else if (ADDON_PARTS.some((part) => !blank(`MYSQL_ADDON_${part}`))) {
    source = 'MYSQL_ADDON_*';
    const before = issues.length;
    const missing = ADDON_PARTS.filter((part) => part !== 'PASSWORD' && blank(`MYSQL_ADDON_${part}`));
    if (missing.length) {
      issues.push(
        `MYSQL_ADDON_*: ${missing.map((p) => `MYSQL_ADDON_${p}`).join(', ')} missing (set all of ` +
          'MYSQL_ADDON_HOST, _PORT, _DB, _USER, _PASSWORD as the Clever Cloud add-on gives them, or use DATABASE_URL)',
      );
    }
    const port = Number(env.MYSQL_ADDON_PORT);
    if (!blank('MYSQL_ADDON_PORT') && !(Number.isInteger(port) && port > 0 && port < 65536)) {
      issues.push(`MYSQL_ADDON_PORT: must be a TCP port number (got "${env.MYSQL_ADDON_PORT}")`);
    }
    if (issues.length === before) {
      target = {
        host: env.MYSQL_ADDON_HOST!.trim(),
        port,
        user: env.MYSQL_ADDON_USER!.trim(),
        password: env.MYSQL_ADDON_PASSWORD ?? '',
        database: env.MYSQL_ADDON_DB!.trim(),
      };
    }
  } else if (!blank('MYSQL_ADDON_URI')) {
    source = 'MYSQL_ADDON_URI';
    target = parseDatabaseUrl(env.MYSQL_ADDON_URI!.trim(), 'MYSQL_ADDON_URI', issues);
  } else {
    issues.push(`DATABASE_URL: ${NO_DATABASE_MESSAGE}`);
  }

  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = databaseEnv.safeParse(present);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push(`${issue.path.join('.')}: ${issue.message}`);
    return undefined;
  }
  const settings = parsed.data;
  let ca: string | undefined;
  if (settings.DATABASE_SSL_CA) {
    try {
      ca = readFileSync(settings.DATABASE_SSL_CA, 'utf8');
    } catch (error) {
      issues.push(
        `DATABASE_SSL_CA: cannot read the CA certificate file ${settings.DATABASE_SSL_CA} (${(error as Error).message})`,
      );
    }
  }
  if (!target || !source) return undefined;
  return {
    ...target,
    source,
    poolSize: settings.DATABASE_POOL_SIZE,
    statementTimeoutSeconds: settings.DATABASE_STATEMENT_TIMEOUT_SECONDS,
    ssl:
      settings.DATABASE_SSL || ca
        ? { rejectUnauthorized: settings.DATABASE_SSL_REJECT_UNAUTHORIZED, ...(ca ? { ca } : {}) }
        : undefined,
  };
}

/** A description safe for logs: no password. */
export function describeDatabase(db: Pick<DatabaseConfig, 'host' | 'port' | 'database' | 'user'>): string {
  return `mysql://${db.user}@${db.host}:${db.port}/${db.database}`;
}

/** Every problem in the environment at once; .env.example documents each variable. */
export class ConfigError extends SharedConfigError {
  constructor(issues: string[]) {
    super(issues, '.env.example');
  }
}

/** The database settings alone (migration runner, seed): throws ConfigError listing every problem. */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const issues: Issues = [];
  const config = readDatabaseConfig(env, issues);
  if (issues.length || !config) throw new ConfigError(issues);
  return config;
}
