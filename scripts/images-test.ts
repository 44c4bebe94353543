// `npm run images:test`: builds both production images with podman from the real Dockerfiles and
// proves they run as the cluster will run them: read-only root filesystem, /tmp as tmpfs, the
// numeric non-root user, host networking to a throwaway MySQL-compatible server. Prints each
// image's size and the time from `podman run` to /readyz answering 200. Cleans up after itself.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startLocalDatabase } from '../gateway-api/src/db/local-database.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BASE_IMAGE = 'docker.io/library/node:24-bookworm-slim';
const USER = '1000:1000';
const TAG = `taskboard-images-test-${process.pid}`;
const images = { api: `localhost/gateway-api:${TAG}`, web: `localhost/web-client:${TAG}` };
const containers: string[] = [];
const problems: string[] = [];

const say = (message: string) => console.log(`[images] ${message}`);
function check(ok: boolean, message: string) {
  say(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) problems.push(message);
}

async function podman(args: string[], options: { allowFailure?: boolean } = {}) {
  try {
    const { stdout } = await run('podman', args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    if (options.allowFailure) return '';
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`podman ${args.join(' ')} failed:\n${stderr || stdout || String(error)}`, { cause: error });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.on('error', reject);
  });
}

async function ensureTools() {
  if (spawnSync('sh', ['-c', 'command -v podman']).status !== 0) {
    throw new Error('podman is not installed: run `sudo scripts/install-system-deps.sh` (Debian/Ubuntu).');
  }
  if (!baseImagePresent()) {
    // Machines without a registry build a stand-in; elsewhere pull the official image.
    const tool = path.resolve(root, '../shared/tools/node-base-image');
    if (existsSync(tool)) {
      say(`preparing ${BASE_IMAGE} with ${tool} ...`);
      const result = spawnSync('bash', [tool], { stdio: 'inherit' });
      if (result.status !== 0) throw new Error(`${tool} failed`);
    } else {
      say(`pulling ${BASE_IMAGE} ...`);
      await podman(['pull', BASE_IMAGE]);
    }
  }
}

function baseImagePresent() {
  return spawnSync('podman', ['image', 'exists', BASE_IMAGE]).status === 0;
}

async function build(image: string, dockerfile: string) {
  const revision = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || 'unknown';
  const started = Date.now();
  await podman([
    'build',
    '--pull=never',
    '--quiet',
    '-f',
    dockerfile,
    '-t',
    image,
    '--build-arg',
    `REVISION=${revision}`,
    '--build-arg',
    'VERSION=images-test',
    root,
  ]);
  const size = Number(await podman(['image', 'inspect', image, '--format', '{{.Size}}']));
  const labels = JSON.parse(await podman(['image', 'inspect', image, '--format', '{{json .Labels}}'])) as Record<
    string,
    string
  >;
  check(labels['org.opencontainers.image.revision'] === revision, `${image}: OCI revision label is ${revision}`);
  return { size, seconds: (Date.now() - started) / 1000 };
}

/** Starts a container hardened as in the cluster; returns its name. */
async function start(name: string, image: string, env: Record<string, string>, command: string[] = []) {
  const args = ['run', '-d', '--name', name, '--network', 'host', '--read-only', '--tmpfs', '/tmp', '--user', USER];
  for (const [key, value] of Object.entries(env)) args.push('-e', `${key}=${value}`);
  containers.push(name);
  await podman([...args, image, ...command]);
  return name;
}

async function waitReady(url: string, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

async function stopGracefully(name: string) {
  const started = Date.now();
  await podman(['stop', '--time', '30', name]);
  const exitCode = Number(await podman(['inspect', name, '--format', '{{.State.ExitCode}}']));
  return { exitCode, ms: Date.now() - started };
}

async function main() {
  await ensureTools();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'images-test-db-'));
  const db = await startLocalDatabase({ dataDir, database: 'taskboard', ephemeral: true });
  try {
    say('building images ...');
    const apiImage = await build(images.api, 'gateway-api/Dockerfile');
    const webImage = await build(images.web, 'web-client/Dockerfile');

    // Migrations run from the API image, without the Prisma CLI or engine.
    const migrate = await podman(
      [
        'run',
        '--rm',
        '--network',
        'host',
        '--read-only',
        '--tmpfs',
        '/tmp',
        '--user',
        USER,
        '-e',
        `DATABASE_URL=${db.url}`,
        images.api,
        'dist/db/migrate.js',
      ],
      { allowFailure: false },
    );
    check(
      /applied \d+ migration/.test(migrate),
      `migrations run from the gateway-api image (${migrate.split('\n').at(-1)})`,
    );

    const apiPort = await freePort();
    const webPort = await freePort();
    const api = await start(`${TAG}-api`, images.api, {
      DATABASE_URL: db.url,
      PORT: String(apiPort),
      SESSION_SECRET: 'images-test-session-secret-0123456789abcdef',
      LOG_LEVEL: 'warn',
    });
    const apiReadyMs = await waitReady(`http://127.0.0.1:${apiPort}/readyz`);
    check((await fetch(`http://127.0.0.1:${apiPort}/healthz`)).status === 200, 'gateway-api /healthz answers 200');

    const web = await start(`${TAG}-web`, images.web, {
      PORT: String(webPort),
      GATEWAY_API_URL: `http://127.0.0.1:${apiPort}/graphql`,
      LOG_LEVEL: 'warn',
    });
    const webReadyMs = await waitReady(`http://127.0.0.1:${webPort}/readyz`);
    check((await fetch(`http://127.0.0.1:${webPort}/healthz`)).status === 200, 'web-client /healthz answers 200');
    const page = await fetch(`http://127.0.0.1:${webPort}/`);
    check(page.status === 200 && (await page.text()).includes('<div id="root">'), 'web-client serves the app');

    // Through the web image's proxy to the API image and the database.
    const signUp = await fetch(`http://127.0.0.1:${webPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: SignUpInput!) { signUp(input: $input) { user { id name } } }',
        variables: { input: { email: 'images@example.com', name: 'Image Test', password: 'correct horse battery' } },
      }),
    });
    const cookie = signUp.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await fetch(`http://127.0.0.1:${webPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: '{ me { name } boards { totalCount } }' }),
    });
    const body = (await me.json()) as { data?: { me?: { name?: string }; boards?: { totalCount: number } } };
    check(
      signUp.status === 200 && body.data?.me?.name === 'Image Test' && body.data.boards?.totalCount === 0,
      'sign-up and a query through the web image reach the API image and the database',
    );

    for (const name of [api, web]) {
      const uid = await podman(['exec', name, 'id', '-u']);
      check(uid !== '0' && uid === USER.split(':')[0], `${name} runs as uid ${uid} (not root)`);
      const write = await podman(['exec', name, 'sh', '-c', 'touch /app/x 2>&1 || echo refused'], {
        allowFailure: true,
      });
      check(/refused|Read-only/.test(write), `${name}: the root filesystem is read-only`);
    }

    const webStop = await stopGracefully(web);
    check(
      webStop.exitCode === 0,
      `web-client stopped on SIGTERM with exit code ${webStop.exitCode} in ${webStop.ms} ms`,
    );
    const apiStop = await stopGracefully(api);
    check(
      apiStop.exitCode === 0,
      `gateway-api stopped on SIGTERM with exit code ${apiStop.exitCode} in ${apiStop.ms} ms`,
    );

    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
    const base = Number(await podman(['image', 'inspect', BASE_IMAGE, '--format', '{{.Size}}']));
    console.log('\n| image | size | of which base image | ready after `podman run` | build |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(
      `| gateway-api | ${mb(apiImage.size)} | ${mb(base)} | ${apiReadyMs} ms | ${apiImage.seconds.toFixed(0)} s |`,
    );
    console.log(
      `| web-client | ${mb(webImage.size)} | ${mb(base)} | ${webReadyMs} ms | ${webImage.seconds.toFixed(0)} s |`,
    );
  } finally {
    for (const name of containers) await podman(['rm', '--force', '--time', '0', name], { allowFailure: true });
    await podman(['rmi', '--force', images.api, images.web], { allowFailure: true });
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  if (problems.length) {
    console.error(`\nimages:test FAILED:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('\nimages:test: both images build, run hardened, serve, and stop cleanly');
}

main().catch((error: unknown) => {
  console.error(`images:test: ${error instanceof Error ? error.message : String(error)}`);
  for (const name of containers) spawnSync('podman', ['rm', '--force', '--time', '0', name]);
  process.exit(1);
});
