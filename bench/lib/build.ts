// Production builds the benchmark runs, each in a private folder under bench/.data/dist: other
// people's builds on this shared machine (gateway-api/dist, web-client/dist) change under a running
// benchmark otherwise. Same compilers and configurations as the packages' own `build` scripts.
// A build is redone only when one of its inputs is newer than it (or was added or removed).
import { mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  API_BUILD,
  API_ENTRY,
  BENCH,
  MINIMAL_BUILD,
  MINIMAL_SOURCEMAP_BUILD,
  REPO,
  SERVERS_BUILD,
  WEB_BUILD,
  WEB_SOURCEMAP_BUILD,
} from './paths.js';
import { run } from './proc.js';

export const bin = (name: string) => path.join(REPO, 'node_modules/.bin', name);
const SKIP = new Set(['node_modules', 'dist', '.data', 'e2e', 'test']);

async function inputsFingerprint(paths: string[]): Promise<string> {
  let newest = 0;
  let count = 0;
  const visit = async (entry: string): Promise<void> => {
    let info;
    try {
      info = await stat(entry);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const child of await readdir(entry)) if (!SKIP.has(child)) await visit(path.join(entry, child));
    } else {
      newest = Math.max(newest, info.mtimeMs);
      count++;
    }
  };
  for (const p of paths) await visit(p);
  return `${count}:${Math.round(newest)}`;
}

export async function cached(outDir: string, inputs: string[], build: () => Promise<void>): Promise<boolean> {
  const stamp = path.join(outDir, '.bench-stamp');
  const fingerprint = await inputsFingerprint(inputs);
  const previous = await readFile(stamp, 'utf8').catch(() => '');
  if (previous === fingerprint) return false;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build();
  await writeFile(stamp, fingerprint);
  return true;
}

export const API_INPUTS = [
  'gateway-api/src',
  'gateway-api/scripts/build.mjs',
  'packages/server-kit/src',
  'gateway-api/tsconfig.json',
  'gateway-api/tsconfig.build.json',
  'tsconfig.base.json',
];

/**
 * gateway-api exactly as its `build` script makes it (scripts/build.mjs: tsc -p tsconfig.build.json,
 * then bundled by esbuild), in a private folder: the bundle (`bundle/main.js`, what runs as a) and
 * tsc's output beside it, made a package for the comparison servers: its entry points
 * (`gateway-api/domain`, ...) point at TypeScript sources in the repository, and here at the
 * compiled files, as a published package's would.
 */
export function ensureApiBuild(): Promise<boolean> {
  return cached(
    API_BUILD,
    API_INPUTS.map((p) => path.join(REPO, p)),
    async () => {
      await run(
        'build-gateway-api',
        process.execPath,
        ['gateway-api/scripts/build.mjs', '--out', path.dirname(API_ENTRY), '--tsc-out', API_BUILD],
        { cwd: REPO },
      );
      const manifest = JSON.parse(await readFile(path.join(REPO, 'gateway-api/package.json'), 'utf8')) as {
        exports: Record<string, string>;
      };
      const built = Object.entries(manifest.exports)
        .filter(([, target]) => target.startsWith('./src/'))
        .map(([entry, target]) => [entry, target.replace(/^\.\/src\//, './').replace(/\.ts$/, '.js')]);
      await writeFile(
        path.join(API_BUILD, 'package.json'),
        JSON.stringify({ name: 'gateway-api', type: 'module', exports: Object.fromEntries(built) }, null, 2),
      );
    },
  );
}

/**
 * The floor, naive and plain-Apollo servers. They import gateway-api's public entry points, which
 * resolve to the build above (SERVERS_BUILD/node_modules/gateway-api links to it).
 */
export async function ensureServersBuild(): Promise<boolean> {
  await ensureApiBuild();
  return cached(
    SERVERS_BUILD,
    [
      ...API_INPUTS.map((p) => path.join(REPO, p)),
      path.join(BENCH, 'api/servers'),
      path.join(BENCH, 'tsconfig.servers.json'),
    ],
    async () => {
      await run('build-servers', bin('tsc'), ['-p', path.join(BENCH, 'tsconfig.servers.json')], { cwd: REPO });
      await mkdir(path.join(SERVERS_BUILD, 'node_modules'), { recursive: true });
      await symlink(API_BUILD, path.join(SERVERS_BUILD, 'node_modules/gateway-api'), 'dir');
    },
  );
}

const WEB_INPUTS = [
  'web-client/src',
  'web-client/index.html',
  'web-client/vite.config.ts',
  'web-client/package.json',
  'web-client/server',
  'web-client/public',
];

/** the web client as its `build` script makes it (vite build + tsc of the server), to dist/{public,server} */
export function ensureWebBuild(): Promise<boolean> {
  const webClient = path.join(REPO, 'web-client');
  return cached(
    WEB_BUILD,
    WEB_INPUTS.map((p) => path.join(REPO, p)),
    async () => {
      // --manifest only adds .vite/manifest.json, which tells entry, static and lazy chunks apart
      await run(
        'build-web-client',
        bin('vite'),
        ['build', '--outDir', path.join(WEB_BUILD, 'public'), '--emptyOutDir', '--manifest'],
        {
          cwd: webClient,
        },
      );
      await run(
        'build-web-server',
        bin('tsc'),
        ['-p', 'server/tsconfig.json', '--outDir', path.join(WEB_BUILD, 'server')],
        {
          cwd: webClient,
        },
      );
    },
  );
}

/** the same client build with source maps, to tell which packages the chunks are made of */
export function ensureWebSourcemapBuild(): Promise<boolean> {
  return cached(
    WEB_SOURCEMAP_BUILD,
    WEB_INPUTS.map((p) => path.join(REPO, p)),
    () =>
      run(
        'build-web-client-sourcemap',
        bin('vite'),
        ['build', '--outDir', WEB_SOURCEMAP_BUILD, '--emptyOutDir', '--manifest', '--sourcemap'],
        {
          cwd: path.join(REPO, 'web-client'),
        },
      ),
  );
}

const MINIMAL_INPUTS = [
  path.join(BENCH, 'web/minimal-app'),
  path.join(REPO, 'web-client/vite.config.ts'),
  path.join(REPO, 'package-lock.json'),
];

function buildMinimal(outDir: string, extra: string[]) {
  const app = path.join(BENCH, 'web/minimal-app');
  return run(
    'build-minimal-app',
    bin('vite'),
    [
      'build',
      app,
      '--config',
      path.join(REPO, 'web-client/vite.config.ts'),
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--manifest',
      ...extra,
    ],
    { cwd: REPO },
  );
}

/** the minimal React 19 + Apollo Client 4 reference app, built with the web client's own Vite config */
export function ensureMinimalBuild(): Promise<boolean> {
  return cached(MINIMAL_BUILD, MINIMAL_INPUTS, () => buildMinimal(MINIMAL_BUILD, []));
}

export function ensureMinimalSourcemapBuild(): Promise<boolean> {
  return cached(MINIMAL_SOURCEMAP_BUILD, MINIMAL_INPUTS, () => buildMinimal(MINIMAL_SOURCEMAP_BUILD, ['--sourcemap']));
}
