// The web server's configuration: read from the environment once at start-up, validated, and
// reported all at once. The rest of the server takes the typed result and never reads process.env.
//
//   PORT                       8080        port to listen on
//   HOST                       0.0.0.0     interface to listen on
//   GATEWAY_API_URL            http://localhost:4000/graphql   (cluster: http://gateway-api:4000/graphql)
//                              (its WebSockets are dialled as ws:// or wss:// at the same address)
//   STATIC_DIR                 dist/public next to the built server: the Vite build, with index.html
//   LOG_LEVEL                  info        fatal | error | warn | info | debug | trace | silent
//   NODE_ENV                   development development | test | production (production adds HSTS)
//   SHUTDOWN_TIMEOUT_SECONDS   20          after SIGTERM, how long in-flight requests may take (open
//                                          WebSockets are closed at once, their close handshake
//                                          bounded by half of it, at most 5 s)
//   PROXY_TIMEOUT_SECONDS      30          the longest a /graphql request may take through the proxy
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError as SharedConfigError } from '@taskboard/server-kit';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'test', 'production'] as const;

export interface Config {
  nodeEnv: (typeof NODE_ENVS)[number];
  host: string;
  port: number;
  /** the API's GraphQL endpoint, which /graphql is proxied to */
  gatewayApiUrl: URL;
  /** absolute path of the built client (index.html + assets/) */
  staticDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  shutdownTimeoutSeconds: number;
  proxyTimeoutSeconds: number;
}

/** Every problem in the environment at once; the top of this file documents each variable. */
export class ConfigError extends SharedConfigError {
  constructor(issues: string[]) {
    super(issues, 'the top of web-client/server/config.ts');
  }
}

/**
 * Built, this module is dist/server/config.js and the client is dist/public. Run from its sources
 * (tsx server/index.ts after `vite build`), the same build is at ../dist/public.
 */
function defaultStaticDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.basename(path.dirname(here)) === 'dist'
    ? path.resolve(here, '../public')
    : path.resolve(here, '../dist/public');
}

/** Parses the environment; throws ConfigError listing every problem found. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const issues: string[] = [];
  // Empty strings (e.g. `PORT=` in a .env file) mean "use the default", not "invalid".
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const wholeNumber = (name: string, fallback: number, min: number, max: number, what: string) => {
    const value = read(name);
    if (value === undefined) return fallback;
    if (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max) return Number(value);
    issues.push(`${name}: must be ${what} (got "${value}")`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = read(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    issues.push(`${name}: must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  };

  const port = wholeNumber('PORT', 8080, 0, 65535, 'a TCP port number from 0 to 65535');
  const shutdownTimeoutSeconds = wholeNumber(
    'SHUTDOWN_TIMEOUT_SECONDS',
    20,
    1,
    600,
    'a whole number of seconds from 1 to 600',
  );
  const proxyTimeoutSeconds = wholeNumber(
    'PROXY_TIMEOUT_SECONDS',
    30,
    1,
    600,
    'a whole number of seconds from 1 to 600',
  );
  const logLevel = oneOf('LOG_LEVEL', LOG_LEVELS, 'info');
  const nodeEnv = oneOf('NODE_ENV', NODE_ENVS, 'development');
  const host = read('HOST') ?? '0.0.0.0';

  const apiText = read('GATEWAY_API_URL') ?? 'http://localhost:4000/graphql';
  let gatewayApiUrl: URL | undefined;
  try {
    gatewayApiUrl = new URL(apiText);
  } catch {
    // reported below
  }
  if (!gatewayApiUrl || !['http:', 'https:'].includes(gatewayApiUrl.protocol)) {
    issues.push(
      `GATEWAY_API_URL: must be an http:// or https:// URL, e.g. http://gateway-api:4000/graphql (got "${apiText}")`,
    );
  } else if (gatewayApiUrl.username || gatewayApiUrl.password || gatewayApiUrl.search || gatewayApiUrl.hash) {
    // Credentials would be sent nowhere (the proxy does not use them) and a query would be dropped:
    // both point to a mistake, so say so rather than guess.
    issues.push(`GATEWAY_API_URL: must not contain credentials, a query or a fragment (got "${apiText}")`);
  }

  const staticDir = path.resolve(read('STATIC_DIR') ?? defaultStaticDir());
  const index = path.join(staticDir, 'index.html');
  try {
    if (!statSync(staticDir).isDirectory()) throw new Error('not a directory');
    accessSync(index, constants.R_OK);
  } catch {
    issues.push(
      `STATIC_DIR: ${staticDir} must be a directory holding the built client's index.html ` +
        '(build it with `npm run build -w web-client`, or point STATIC_DIR at the build)',
    );
  }

  if (issues.length || !gatewayApiUrl) throw new ConfigError(issues);
  return { nodeEnv, host, port, gatewayApiUrl, staticDir, logLevel, shutdownTimeoutSeconds, proxyTimeoutSeconds };
}
