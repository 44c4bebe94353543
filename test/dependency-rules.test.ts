// Every rule of .dependency-cruiser.cjs (npm run check:deps) can fail: in a copy of the repository's
// sources, one deliberately bad import per rule, and dependency-cruiser, with the real configuration,
// must report exactly that import under exactly that rule. A rule added without a case here fails
// the first test.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = createRequire(import.meta.url)(path.join(REPO, '.dependency-cruiser.cjs')) as {
  forbidden: { name: string }[];
};

/** rule -> a file that breaks it: [path, contents]; the import in it is the only violation expected */
const BAD: Record<string, [string, string]> = {
  'no-circular': ['gateway-api/src/lib/cycle-a.ts', "import { b } from './cycle-b.js';\nexport const a = () => b;\n"],
  'modules-below-graphql-and-http': [
    'gateway-api/src/modules/task/bad.ts',
    "import { LIMITS } from '../../graphql/limits.js';\nexport const bad = LIMITS;\n",
  ],
  'graphql-below-http': [
    'gateway-api/src/graphql/bad.ts',
    "import { buildServer } from '../http/server.js';\nexport const bad = buildServer;\n",
  ],
  'db-below-modules': [
    'gateway-api/src/db/bad.ts',
    "import { createServices } from '../modules/services.js';\nexport const bad = createServices;\n",
  ],
  'lib-at-the-bottom': [
    'gateway-api/src/lib/bad.ts',
    "import { createPrismaClient } from '../db/prisma.js';\nexport const bad = createPrismaClient;\n",
  ],
  'services-know-no-graphql': [
    'gateway-api/src/modules/task/bad.service.ts',
    "import { GraphQLError } from 'graphql';\nexport const bad = GraphQLError;\n",
  ],
  'production-code-not-dev-only': [
    'gateway-api/src/bad.ts',
    "import { seed } from '../dev/seed.js';\nexport const bad = seed;\n",
  ],
  'workspaces-through-entry-points': [
    'scripts/bad.ts',
    "import { parseId } from '../gateway-api/src/lib/ids.js';\nexport const bad = parseId;\n",
  ],
  'only-the-entry-points': [
    // through the package name, but to a file the fixture's extra export (below) exposes
    'bench/bad.ts',
    "import { parseId } from 'gateway-api/ids';\nexport const bad = parseId;\n",
  ],
  'browser-code-not-the-api': [
    'web-client/src/bad.ts',
    "import { LIMITS } from 'gateway-api/limits';\nexport const bad = LIMITS;\n",
  ],
  'web-client-routing-through-routing': [
    'web-client/src/board/bad-routing.ts',
    "import { useLocation } from 'wouter';\nexport const bad = useLocation;\n",
  ],
  'server-kit-at-the-bottom': [
    'packages/server-kit/src/bad.ts',
    "import { loadConfig } from 'gateway-api/config';\nexport const bad = loadConfig;\n",
  ],
  'production-code-not-test-kit': [
    'web-client/server/bad.ts',
    "import { freePort } from '@taskboard/test-kit/ports';\nexport const bad = freePort;\n",
  ],
  'test-kit-at-the-bottom': [
    'packages/test-kit/src/bad.ts',
    "import { requestIdOf } from '@taskboard/server-kit';\nexport const bad = requestIdOf;\n",
  ],
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

let copy: string;
let violations: Violation[];

beforeAll(async () => {
  copy = await mkdtemp(path.join(tmpdir(), 'taskboard-deps-'));
  const folders = ['gateway-api', 'web-client', 'schema', 'packages', 'bench', 'scripts', 'test'];
  const skip = new Set(['node_modules', 'dist', '.data', 'artifacts']);
  for (const folder of folders)
    await cp(path.join(REPO, folder), path.join(copy, folder), {
      recursive: true,
      filter: (source) => !skip.has(path.basename(source)),
    });
  for (const file of ['.dependency-cruiser.cjs', 'package.json', 'tsconfig.base.json', 'tsconfig.json'])
    await cp(path.join(REPO, file), path.join(copy, file));
  // the repository's dependencies, with the workspace links pointing into the copy
  await mkdir(path.join(copy, 'node_modules/@taskboard'), { recursive: true });
  for (const entry of await readdir(path.join(REPO, 'node_modules'))) {
    if (entry === '@taskboard' || entry === 'gateway-api' || entry === 'web-client' || entry === 'schema') continue;
    await symlink(path.join(REPO, 'node_modules', entry), path.join(copy, 'node_modules', entry));
  }
  for (const workspace of ['gateway-api', 'web-client', 'schema'])
    await symlink(`../${workspace}`, path.join(copy, 'node_modules', workspace));
  for (const pkg of ['server-kit', 'test-kit'])
    await symlink(`../../packages/${pkg}`, path.join(copy, 'node_modules/@taskboard', pkg));

  const manifestPath = path.join(copy, 'gateway-api/package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { exports: Record<string, string> };
  manifest.exports['./ids'] = './src/lib/ids.ts';
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  await writeFile(
    path.join(copy, 'gateway-api/src/lib/cycle-b.ts'),
    "import { a } from './cycle-a.js';\nexport const b = () => a;\n",
  );
  for (const [file, contents] of Object.values(BAD)) await writeFile(path.join(copy, file), contents);

  const scanned = /"check:deps": "depcruise (.*?) --config/.exec(
    await readFile(path.join(REPO, 'package.json'), 'utf8'),
  );
  if (!scanned) throw new Error('package.json has no check:deps script of the expected form');
  const { stdout } = await promisify(execFile)(
    path.join(REPO, 'node_modules/.bin/depcruise'),
    [...scanned[1]!.split(' '), '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: copy, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string; stderr?: string }) => {
    // it exits non-zero when it finds violations, which is what this test wants
    if (!error.stdout) throw new Error(`depcruise failed:\n${error.stderr}`);
    return { stdout: error.stdout };
  });
  violations = (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
});

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe('npm run check:deps', () => {
  it('has a deliberately bad import here for every rule it enforces', () => {
    expect(Object.keys(BAD).sort()).toEqual(config.forbidden.map((rule) => rule.name).sort());
  });

  it.each(Object.entries(BAD).map(([rule, [file]]) => [rule, file]))('%s: refuses %s', (rule, file) => {
    expect(violations.filter((v) => v.rule.name === rule).map((v) => v.from)).toContain(file);
  });

  it('reports nothing but the deliberately bad imports', () => {
    const bad = new Set([...Object.values(BAD).map(([file]) => file), 'gateway-api/src/lib/cycle-b.ts']);
    expect(violations.filter((v) => !bad.has(v.from))).toEqual([]);
  });
});
