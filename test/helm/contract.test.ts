// Chart <-> app contract: the environment, ports and probe paths of the rendered pods are exactly what
// the apps read and serve. The rendered env (secrets resolved from the rendered Secrets, or from
// stand-ins for the operator's existing ones) is fed to the apps' own config loaders, and the probe
// paths are requested from the apps' own HTTP servers. Not here: running the real images with these
// manifests (the containers issue does that with podman).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_ENV, loadConfig as loadApiConfig, DATABASE_ENV, loadDatabaseConfig } from 'gateway-api/config';
import { runMigrationCli as runMigrations } from 'gateway-api/database';
import { buildServer as buildWebServer } from '../../web-client/server/app.js';
import { loadConfig as loadWebConfig } from '../../web-client/server/config.js';
import { createLogger as createWebLogger } from '../../web-client/server/logger.js';
import {
  FAKE,
  find,
  type K8sObject,
  names,
  onlyContainer,
  type PodSpec,
  pods,
  REPO_ROOT,
  render,
  scenario,
  secretData,
} from './support.js';

/**
 * gateway-api's HTTP server, loaded at run time: its module graph includes type-graphql classes,
 * whose legacy decorators the root tsconfig (no experimentalDecorators) cannot type-check. The
 * shape the test relies on is declared here instead.
 */
interface ApiServer {
  inject(request: { method: 'GET'; url: string }): Promise<{ statusCode: number }>;
  close(): Promise<unknown>;
}
async function buildApiServer(pingDatabase: () => Promise<void>): Promise<ApiServer> {
  // reflect-metadata first: type-graphql needs it in place when its classes are defined (as main.ts does).
  const polyfill = 'reflect-metadata';
  await import(polyfill);
  const modules = ['prom-client', '../../gateway-api/src/lib/logger.js', '../../gateway-api/src/http/server.js'];
  const [{ Registry }, { createLogger }, { buildServer }] = await Promise.all(modules.map((m) => import(m)));
  return buildServer({ logger: createLogger({ level: 'silent' }), pingDatabase, metrics: new Registry() });
}

/** What the operator creates before installing, as the scenarios name it (stand-in values). */
const EXISTING_SECRETS: Record<string, Record<string, string>> = {
  'taskboard-mysql': {
    MYSQL_ADDON_HOST: 'bxyz-mysql.services.clever-cloud.com',
    MYSQL_ADDON_PORT: '3306',
    MYSQL_ADDON_DB: 'bxyz',
    MYSQL_ADDON_USER: 'uxyz',
    MYSQL_ADDON_PASSWORD: FAKE.dbPassword,
  },
  'mysql-credentials': {
    HOST: 'mysql.internal.example',
    PORT: '3306',
    DB: 'board',
    USER: 'board',
    PASSWORD: FAKE.dbPassword,
  },
  'session-credentials': { key: FAKE.sessionSecret },
  'mysql-ca': { 'ca.crt': FAKE.caPem },
};

const CONTRACT_SCENARIOS = [
  'defaults',
  'clever',
  'existingSecret with custom keys and TLS CA',
  'credentials in values (host/name/user/password, inline CA, explicit session secret)',
  'credentials in values (url)',
];

const scratch = mkdtempSync(path.join(tmpdir(), 'helm-contract-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function secretValue(objects: K8sObject[], name: string, key: string): string {
  const rendered = objects.find((o) => o.kind === 'Secret' && o.metadata.name === name);
  const data = rendered ? secretData(rendered) : EXISTING_SECRETS[name];
  if (!data)
    throw new Error(`the pod reads Secret ${name}, which neither the chart renders nor the operator is told to create`);
  const value = data[key];
  if (value === undefined) throw new Error(`Secret ${name} has no key ${key}`);
  return value;
}

/**
 * The environment a container gets, as the kubelet would build it. A file path pointing into a
 * mounted Secret is rewritten to a copy of that Secret's file, so that the mount layout is checked
 * too: the app reads the file, which exists only if the path, mount and items agree.
 */
function containerEnv(objects: K8sObject[], spec: PodSpec): Record<string, string> {
  const container = onlyContainer(spec);
  expect(container.envFrom, 'no envFrom: every variable is named in the manifest').toBeUndefined();
  const env: Record<string, string> = {};
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    if (ref) env[variable.name] = secretValue(objects, ref.name, ref.key);
    else if (variable.value !== undefined) env[variable.name] = variable.value;
    else throw new Error(`${variable.name}: neither a value nor a secretKeyRef`);
  }
  for (const [name, value] of Object.entries(env)) {
    const mount = container.volumeMounts?.find((m) => m.mountPath !== '/tmp' && value.startsWith(`${m.mountPath}/`));
    if (!mount) continue;
    const volume = spec.volumes?.find((v) => v.name === mount.name)?.secret;
    expect(volume, `${name} points into volume ${mount.name}, a Secret`).toBeDefined();
    const file = path.relative(mount.mountPath, value);
    const item = (volume!.items ?? []).find((i) => (i as { path?: string }).path === file) as
      { key: string } | undefined;
    const key = item?.key ?? file;
    const copy = path.join(scratch, `${Math.random().toString(36).slice(2)}-${file}`);
    mkdirSync(path.dirname(copy), { recursive: true });
    writeFileSync(copy, secretValue(objects, volume!.secretName, key));
    env[name] = copy;
  }
  return env;
}

const podOf = (objects: K8sObject[], name: string) => pods(objects).find((p) => p.object.metadata.name === name)!;

describe.each(CONTRACT_SCENARIOS)('chart <-> gateway-api: %s', (name) => {
  const objects = render(scenario(name));
  const api = podOf(objects, names.api);
  const container = onlyContainer(api.spec);

  it('sets only variables the API reads, and the ones it needs in production', () => {
    // NODE_OPTIONS is read by node itself (the chart's nodeOptions.*: V8's heap sized from the memory limit)
    const read = new Set<string>([...CONFIG_ENV, ...DATABASE_ENV, 'NODE_OPTIONS']);
    const set = (container.env ?? []).map((e) => e.name);
    expect(set.filter((n) => !read.has(n))).toEqual([]);
    expect(set).toEqual(
      expect.arrayContaining(['NODE_ENV', 'PORT', 'SESSION_SECRET', 'SHUTDOWN_TIMEOUT_SECONDS', 'LOG_LEVEL']),
    );
  });

  it('gives the API a configuration it accepts, listening on the container port', () => {
    const env = containerEnv(objects, api.spec);
    const config = loadApiConfig(env);
    const port = container.ports!.find((p) => p.name === 'http')!.containerPort;
    expect(config.port).toBe(port);
    expect(config.isProduction).toBe(true);
    expect(config.introspection).toBe(false);
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    // The pod outlives the drain: preStop sleep, then at most shutdownTimeoutSeconds of requests.
    const preStop = container.lifecycle!.preStop!.sleep!.seconds;
    expect(api.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStop + config.shutdownTimeoutSeconds);
    expect(config.database.password).toBe(
      name === 'credentials in values (url)' ? FAKE.dbUrlPassword : FAKE.dbPassword,
    );
    expect(config.database.ssl !== undefined).toBe(env.DATABASE_SSL === 'true');
    if (name.includes('CA')) expect(config.database.ssl).toEqual({ rejectUnauthorized: true, ca: FAKE.caPem });
  });

  it('gives the migration Job the same database, and arguments the migration runner accepts', async () => {
    const job = podOf(objects, names.migrationJob);
    const jobEnv = containerEnv(objects, job.spec);
    expect(Object.keys(jobEnv).filter((n) => !(DATABASE_ENV as readonly string[]).includes(n))).toEqual([]);
    const { poolSize: _a, ...fromJob } = loadDatabaseConfig(jobEnv);
    const { poolSize: _b, ...fromApi } = loadApiConfig(containerEnv(objects, api.spec)).database;
    expect(fromJob).toEqual(fromApi);

    const jobContainer = onlyContainer(job.spec);
    expect(jobContainer.command).toEqual(['node']);
    const [script, ...args] = jobContainer.args!;
    // dist/db/migrate.js is the build of src/db/migrate.ts (gateway-api/tsconfig.build.json: src -> dist).
    expect(
      readFileSync(
        path.join(REPO_ROOT, 'gateway-api/src', script!.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
        'utf8',
      ),
    ).toContain('export async function main');
    // Run the real runner with the Job's arguments against a closed port: it must get past its
    // argument and configuration checks and fail only at connecting.
    const unreachable = { ...jobEnv };
    if (unreachable.DATABASE_URL) unreachable.DATABASE_URL = 'mysql://u:p@127.0.0.1:1/d';
    if (unreachable.MYSQL_ADDON_HOST)
      Object.assign(unreachable, { MYSQL_ADDON_HOST: '127.0.0.1', MYSQL_ADDON_PORT: '1' });
    const log = console.log;
    console.log = () => {};
    try {
      await expect(runMigrations(args, unreachable)).rejects.toThrow(/ECONNREFUSED|connect/);
    } finally {
      console.log = log;
    }
  });
});

describe('chart <-> gateway-api: image and HTTP server', () => {
  const objects = render(scenario('clever'));
  const api = podOf(objects, names.api);
  const container = onlyContainer(api.spec);
  const probePath = (probe: 'startupProbe' | 'readinessProbe' | 'livenessProbe') => container[probe]!.httpGet!.path;

  it('runs as the image’s user and exposes the image’s port', () => {
    const dockerfile = readFileSync(path.join(REPO_ROOT, 'gateway-api/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(
      new RegExp(`^USER ${api.spec.securityContext!.runAsUser}:${api.spec.securityContext!.runAsGroup}$`, 'm'),
    );
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${container.ports![0]!.containerPort}$`, 'm'));
  });

  it('probes paths the API serves; liveness and startup answer while the database is down, readiness does not', async () => {
    let databaseUp = false;
    const server = await buildApiServer(async () => {
      if (!databaseUp) throw new Error('database down');
    });
    try {
      const status = async (url: string) => (await server.inject({ method: 'GET', url })).statusCode;
      expect(await status(probePath('livenessProbe'))).toBe(200);
      expect(await status(probePath('startupProbe'))).toBe(200);
      expect(await status(probePath('readinessProbe'))).toBe(503);
      databaseUp = true;
      expect(await status(probePath('readinessProbe'))).toBe(200);
    } finally {
      await server.close();
    }
  });
});

/** The variables web-client's loadConfig reads: recorded by handing it an environment that logs every read. */
function webClientVariables(): Set<string> {
  const read = new Set<string>();
  const env = new Proxy({} as NodeJS.ProcessEnv, {
    get: (_target, key) => {
      if (typeof key === 'string') read.add(key);
      return undefined;
    },
  });
  try {
    loadWebConfig(env);
  } catch {
    // the defaults may not find a built client here; only the names matter
  }
  return read;
}

describe('chart <-> web-client', () => {
  const objects = render(scenario('clever'));
  const web = podOf(objects, names.web);
  const container = onlyContainer(web.spec);
  const staticDir = path.join(scratch, 'public');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>taskboard</title>');

  it('sets only variables the server reads', () => {
    const read = webClientVariables();
    expect(read.size).toBeGreaterThan(3);
    const set = (container.env ?? []).map((e) => e.name);
    expect(set.filter((n) => !read.has(n))).toEqual([]);
    expect(set).toEqual(expect.arrayContaining(['NODE_ENV', 'PORT', 'GATEWAY_API_URL']));
  });

  it('gives the server a configuration it accepts: its port, and the API Service the chart renders', () => {
    // STATIC_DIR is the image's default; here it points at a stand-in build.
    const config = loadWebConfig({ ...containerEnv(objects, web.spec), STATIC_DIR: staticDir });
    expect(config.port).toBe(container.ports!.find((p) => p.name === 'http')!.containerPort);
    expect(config.nodeEnv).toBe('production');
    const apiService = find(objects, 'Service', names.api);
    expect(config.gatewayApiUrl.hostname).toBe(apiService.metadata.name);
    expect(Number(config.gatewayApiUrl.port)).toBe((apiService.spec as { ports: { port: number }[] }).ports[0]!.port);
    expect(config.gatewayApiUrl.pathname).toBe('/graphql');
    const preStop = container.lifecycle!.preStop!.sleep!.seconds;
    expect(web.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStop + config.shutdownTimeoutSeconds);
  });

  it('runs as the image’s user and exposes the image’s port', () => {
    const dockerfile = readFileSync(path.join(REPO_ROOT, 'web-client/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(
      new RegExp(`^USER ${web.spec.securityContext!.runAsUser}:${web.spec.securityContext!.runAsGroup}$`, 'm'),
    );
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${container.ports![0]!.containerPort}$`, 'm'));
  });

  it('probes paths the server serves', async () => {
    const config = loadWebConfig({ ...containerEnv(objects, web.spec), STATIC_DIR: staticDir });
    const server = await buildWebServer(config, { logger: createWebLogger({ level: 'silent' }) });
    try {
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe'] as const) {
        const url = container[probe]!.httpGet!.path;
        expect((await server.inject({ method: 'GET', url })).statusCode, `${probe} ${url}`).toBe(200);
      }
    } finally {
      await server.close();
    }
  });
});
