// Configuration parsing: defaults, and one message listing every problem. No server needed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { createStaticDir } from './support.js';

let staticDir: Awaited<ReturnType<typeof createStaticDir>>;
beforeAll(async () => {
  staticDir = await createStaticDir();
});
afterAll(async () => staticDir?.remove());

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('has defaults for everything but a built client', () => {
    const config = loadConfig({ STATIC_DIR: staticDir.dir });
    expect(config).toEqual({
      nodeEnv: 'development',
      host: '0.0.0.0',
      port: 8080,
      gatewayApiUrl: new URL('http://localhost:4000/graphql'),
      staticDir: staticDir.dir,
      logLevel: 'info',
      shutdownTimeoutSeconds: 20,
      proxyTimeoutSeconds: 30,
    });
  });

  it('reads every variable, and takes empty ones as unset', () => {
    const config = loadConfig({
      STATIC_DIR: path.relative(process.cwd(), staticDir.dir),
      PORT: '9090',
      HOST: '127.0.0.1',
      GATEWAY_API_URL: 'http://gateway-api:4000/graphql',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SHUTDOWN_TIMEOUT_SECONDS: '45',
      PROXY_TIMEOUT_SECONDS: '',
    });
    expect(config).toMatchObject({
      staticDir: staticDir.dir,
      port: 9090,
      host: '127.0.0.1',
      gatewayApiUrl: new URL('http://gateway-api:4000/graphql'),
      logLevel: 'warn',
      nodeEnv: 'production',
      shutdownTimeoutSeconds: 45,
      proxyTimeoutSeconds: 30,
    });
  });

  it('reports every problem at once', () => {
    expect(
      problems({
        STATIC_DIR: '/nonexistent/dist/public',
        PORT: '70000',
        GATEWAY_API_URL: 'ftp://gateway-api/graphql',
        LOG_LEVEL: 'loud',
        NODE_ENV: 'staging',
        SHUTDOWN_TIMEOUT_SECONDS: '0',
        PROXY_TIMEOUT_SECONDS: '1.5',
      }),
    ).toEqual([
      'PORT: must be a TCP port number from 0 to 65535 (got "70000")',
      'SHUTDOWN_TIMEOUT_SECONDS: must be a whole number of seconds from 1 to 600 (got "0")',
      'PROXY_TIMEOUT_SECONDS: must be a whole number of seconds from 1 to 600 (got "1.5")',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'NODE_ENV: must be one of development, test, production (got "staging")',
      'GATEWAY_API_URL: must be an http:// or https:// URL, e.g. http://gateway-api:4000/graphql (got "ftp://gateway-api/graphql")',
      "STATIC_DIR: /nonexistent/dist/public must be a directory holding the built client's index.html " +
        '(build it with `npm run build -w web-client`, or point STATIC_DIR at the build)',
    ]);
    expect(problems({ STATIC_DIR: staticDir.dir, GATEWAY_API_URL: 'http://user:pw@api:4000/graphql' })).toEqual([
      'GATEWAY_API_URL: must not contain credentials, a query or a fragment (got "http://user:pw@api:4000/graphql")',
    ]);
  });

  it('looks for the client next to the server by default: dist/public', () => {
    // From the sources (server/config.ts) that is ../dist/public; built, dist/server/../public.
    const expected = fileURLToPath(new URL('../../dist/public', import.meta.url));
    let found: string;
    try {
      found = loadConfig({}).staticDir;
    } catch (error) {
      // no build at the moment: the message names where it looked
      found = (error as ConfigError).issues.find((issue) => issue.startsWith('STATIC_DIR'))!.split(' ')[1]!;
    }
    expect(found).toBe(expected.replace(/\/$/, ''));
  });
});
