// `npm run bench -- --variants`: gateway-api with the changes the benchmark suggests, measured in
// the same run as the rest. Each variant is a copy of gateway-api/src with a few lines replaced,
// compiled like the original into bench/.data/dist/variants/<key>; the product's sources are not
// touched. A variant whose lines are no longer in the sources is skipped with a warning.
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { API_INPUTS, bin, cached } from '../lib/build.js';
import { BENCH, BUILD, REPO } from '../lib/paths.js';
import { run } from '../lib/proc.js';
import type { Impl, ImplKey } from './impls.js';

interface Patch {
  file: string;
  find: string;
  replace: string;
}

interface Variant {
  key: ImplKey;
  name: string;
  what: string;
  patches: Patch[];
}

const CACHE_CONTROL_OFF: Patch[] = [
  {
    file: 'graphql/apollo.ts',
    find: "import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';",
    replace:
      "import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';",
  },
  {
    file: 'graphql/apollo.ts',
    find: '      viewerPlugin,\n',
    replace: '      viewerPlugin,\n      ApolloServerPluginCacheControlDisabled(),\n',
  },
];

const NO_REQUEST_SCOPE: Patch[] = [
  {
    file: 'http/server.ts',
    find: "app.addHook('preHandler', (request, _reply, done) => requestScope.run(request.log, done));",
    replace: "app.addHook('preHandler', (_request, _reply, done) => done());",
  },
];

export const VARIANTS: Variant[] = [
  {
    key: 'a1',
    name: 'a, cache control off',
    what: "gateway-api with Apollo's cache-control plugin disabled (installed by default, it wraps every field resolver; nothing uses cache hints)",
    patches: CACHE_CONTROL_OFF,
  },
  {
    key: 'a2',
    name: 'a1, no request scope',
    what: 'a1 without the per-request AsyncLocalStorage (http/server.ts preHandler, for requestLogger), which on Node 20 puts a hook on every promise',
    patches: [...CACHE_CONTROL_OFF, ...NO_REQUEST_SCOPE],
  },
];

/** Builds the variants that still apply; returns them as implementations, and warnings for the rest. */
export async function buildVariants(): Promise<{ impls: Impl[]; warnings: string[] }> {
  const impls: Impl[] = [];
  const warnings: string[] = [];
  for (const variant of VARIANTS) {
    const dir = path.join(BUILD, 'variants', variant.key);
    try {
      await cached(
        dir,
        [...API_INPUTS.map((p) => path.join(REPO, p)), path.join(BENCH, 'api/variants.ts')],
        async () => {
          await cp(path.join(REPO, 'gateway-api/src'), path.join(dir, 'src'), { recursive: true });
          for (const patch of variant.patches) {
            const file = path.join(dir, 'src', patch.file);
            const text = await readFile(file, 'utf8');
            if (!text.includes(patch.find))
              throw new Error(`gateway-api/src/${patch.file} no longer has: ${patch.find.trim()}`);
            await writeFile(file, text.replace(patch.find, patch.replace));
          }
          const tsconfig = {
            extends: path.join(REPO, 'gateway-api/tsconfig.json'),
            compilerOptions: { noEmit: false, rootDir: 'src', outDir: 'out' },
            include: ['src'],
          };
          await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
          await run(`build-variant-${variant.key}`, bin('tsc'), ['-p', path.join(dir, 'tsconfig.json')], { cwd: dir });
        },
      );
      impls.push({ key: variant.key, name: variant.name, what: variant.what, entry: path.join(dir, 'out/main.js') });
    } catch (error) {
      warnings.push(`variant ${variant.key} (${variant.name}) skipped: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return { impls, warnings };
}
