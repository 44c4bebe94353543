// Configuration parsing: precedence of the database variables, defaults, and one message listing
// every problem. Pure logic: no database needed.
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { loadDatabaseConfig } from '../../src/config/database.js';

const url = 'mysql://app:s%40cret@db.example.com:3307/board';
const addon = {
  MYSQL_ADDON_HOST: 'bxyz-mysql.services.clever-cloud.com',
  MYSQL_ADDON_PORT: '3306',
  MYSQL_ADDON_DB: 'bxyz',
  MYSQL_ADDON_USER: 'uabc',
  MYSQL_ADDON_PASSWORD: 'p@ss:word',
};

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
  it('uses defaults when only the database is given', () => {
    const config = loadConfig({ DATABASE_URL: url });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 4000,
      logLevel: 'info',
      introspection: true,
      database: {
        host: 'db.example.com',
        port: 3307,
        user: 'app',
        password: 's@cret',
        database: 'board',
        poolSize: 10,
        ssl: undefined,
        source: 'DATABASE_URL',
      },
    });
  });

  it("reads Clever Cloud's MYSQL_ADDON_* variables", () => {
    const { database } = loadConfig(addon);
    expect(database).toMatchObject({
      host: addon.MYSQL_ADDON_HOST,
      user: 'uabc',
      password: 'p@ss:word',
      database: 'bxyz',
      source: 'MYSQL_ADDON_*',
    });
  });

  it('prefers DATABASE_URL, then MYSQL_ADDON_* parts, then MYSQL_ADDON_URI', () => {
    const uri = 'mysql://u:p@uri.example.com:3306/fromuri';
    expect(loadConfig({ DATABASE_URL: url, ...addon, MYSQL_ADDON_URI: uri }).database.host).toBe('db.example.com');
    expect(loadConfig({ ...addon, MYSQL_ADDON_URI: uri }).database.source).toBe('MYSQL_ADDON_*');
    expect(loadConfig({ MYSQL_ADDON_URI: uri }).database).toMatchObject({
      host: 'uri.example.com',
      database: 'fromuri',
      source: 'MYSQL_ADDON_URI',
    });
  });

  it('reports every problem at once, each naming its variable', () => {
    const issues = problems({
      DATABASE_URL: 'postgres://u@h/db',
      DATABASE_POOL_SIZE: 'lots',
      PORT: '99999',
      LOG_LEVEL: 'loud',
      NODE_ENV: 'staging',
      DATABASE_SSL: 'maybe',
    });
    expect(issues).toHaveLength(6);
    expect(issues.join('\n')).toMatch(/DATABASE_URL: must start with mysql:\/\//);
    expect(issues.join('\n')).toMatch(/DATABASE_POOL_SIZE: must be a whole number from 1 to 100 \(got "lots"\)/);
    expect(issues.join('\n')).toMatch(/PORT: must be a TCP port number from 0 to 65535 \(got "99999"\)/);
    expect(issues.join('\n')).toMatch(
      /LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent \(got "loud"\)/,
    );
    expect(issues.join('\n')).toMatch(/NODE_ENV: must be development, test or production \(got "staging"\)/);
    expect(issues.join('\n')).toMatch(/DATABASE_SSL: must be true or false \(got "maybe"\)/);
  });

  it('formats the problems as one message that points to .env.example', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'x' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(
      /^Invalid configuration \(2 problems\):\n {2}- DATABASE_URL: no database configured/,
    );
    expect(error?.message).toContain('MYSQL_ADDON_HOST');
    expect(error?.message).toContain('.env.example');
  });

  it('says which Clever Cloud variables are missing', () => {
    const { MYSQL_ADDON_USER: _user, MYSQL_ADDON_DB: _db, ...partial } = addon;
    expect(problems(partial)).toEqual([expect.stringMatching(/MYSQL_ADDON_DB, MYSQL_ADDON_USER missing/)]);
  });

  it('rejects a URL without database name or user', () => {
    expect(problems({ DATABASE_URL: 'mysql://db.example.com:3306/' })).toEqual([
      'DATABASE_URL: has no user name',
      'DATABASE_URL: has no database name (the path after the host, e.g. /taskboard)',
    ]);
  });

  it('requires a long SESSION_SECRET in production and turns introspection off there', () => {
    expect(problems({ DATABASE_URL: url, NODE_ENV: 'production', SESSION_SECRET: 'short' })).toEqual([
      expect.stringMatching(/^SESSION_SECRET: must be set to at least 32/),
    ]);
    const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
    expect(config.introspection).toBe(false);
    expect(
      loadConfig({
        DATABASE_URL: url,
        NODE_ENV: 'production',
        SESSION_SECRET: 'x'.repeat(40),
        GRAPHQL_INTROSPECTION: 'true',
      }).introspection,
    ).toBe(true);
  });

  it('lets the web client run only its trusted documents in production, unless told otherwise', () => {
    const production = { DATABASE_URL: url, NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) };
    expect(loadConfig(production).trustedDocumentsOnly).toBe(true);
    expect(loadConfig({ ...production, GRAPHQL_TRUSTED_DOCUMENTS_ONLY: 'false' }).trustedDocumentsOnly).toBe(false);
    expect(loadConfig({ DATABASE_URL: url }).trustedDocumentsOnly).toBe(false);
    expect(loadConfig({ DATABASE_URL: url, GRAPHQL_TRUSTED_DOCUMENTS_ONLY: 'true' }).trustedDocumentsOnly).toBe(true);
    expect(problems({ DATABASE_URL: url, GRAPHQL_TRUSTED_DOCUMENTS_ONLY: 'yes' })).toEqual([
      'GRAPHQL_TRUSTED_DOCUMENTS_ONLY: must be true or false (got "yes")',
    ]);
  });

  it('enables TLS with a CA file for managed MySQL, and reports an unreadable one', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-'));
    const ca = path.join(dir, 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(loadDatabaseConfig({ DATABASE_URL: url, DATABASE_SSL: 'true', DATABASE_SSL_CA: ca }).ssl).toEqual({
      rejectUnauthorized: true,
      ca: expect.stringContaining('BEGIN CERTIFICATE'),
    });
    expect(loadDatabaseConfig({ DATABASE_URL: url, DATABASE_SSL: 'true' }).ssl).toEqual({ rejectUnauthorized: true });
    expect(problems({ DATABASE_URL: url, DATABASE_SSL_CA: path.join(dir, 'missing.pem') })).toEqual([
      expect.stringMatching(/^DATABASE_SSL_CA: cannot read the CA certificate file/),
    ]);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: url, PORT: '', LOG_LEVEL: ' ' }).port).toBe(4000);
  });
});
