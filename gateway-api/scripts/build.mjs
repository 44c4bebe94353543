// gateway-api's production build (`npm run build`): tsc compiles src/ (type-graphql needs its decorator
// metadata, which only tsc emits), then esbuild bundles that output with its dependencies into a few
// files, so that the process starts without resolving and reading some 400 modules one by one
// (bench/README.md: ready in about half the time).
//
//   dist/main.js         the API (the image's command)
//   dist/db/migrate.js   the migration runner (the chart's migration Job), at the same depth as
//                        its source: db/migrator.ts finds ../../prisma/migrations from either
//   dist/source-positions.js   reads a logged stack trace back to the TypeScript lines
//   *.js.map             each bundle's source map, through tsc's to src/ (not loaded at run time)
//
// Each is one file: esbuild's code splitting would make a dependency's CommonJS module loaded with
// import() (type-graphql's class-validator, say) a chunk whose import() has no named exports.
// Prisma's query compiler (4.5 MB of WebAssembly in base64) stays in node_modules, loaded on the
// first query that needs it, as before.
//
// Options, for the benchmark's private builds: --out DIR (default dist), --tsc-out DIR (where tsc
// writes; default a folder in --out, removed once bundled), --keep-tsc.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { asciiDependencies, firstNonAscii } from './ascii.mjs';
import { graphqlAsEsm } from './graphql-esm.mjs';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'dist' },
    'tsc-out': { type: 'string' },
    'keep-tsc': { type: 'boolean', default: false },
  },
});
const out = path.resolve(PACKAGE_DIR, values.out);
const tscOut = path.resolve(PACKAGE_DIR, values['tsc-out'] ?? path.join(values.out, '.tsc'));

rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', tscOut], {
  cwd: PACKAGE_DIR,
  stdio: 'inherit',
});

const result = await build({
  entryPoints: {
    main: path.join(tscOut, 'main.js'),
    'db/migrate': path.join(tscOut, 'db/migrate.js'),
    'source-positions': path.join(tscOut, 'source-positions.js'),
  },
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  // argon2 is a native addon, loaded from node_modules; ws tries these optional addons and does
  // without them
  external: [
    'argon2',
    'bufferutil',
    'utf-8-validate',
    '@prisma/client/runtime/query_compiler_fast_bg.mysql.wasm-base64.mjs',
  ],
  // type-graphql loads class-validator with import() at every argument it validates: of a CommonJS
  // module, esbuild makes that a copy of all its exports each time (a seventh of the task dialog's
  // CPU, measured); of its ES module build, a reference to the module, as Node's own import() gives.
  alias: { 'class-validator': 'class-validator/esm2015/index.js' },
  // graphql's ES module build for all its importers: one graphql, linked directly, not ~70 interop
  // copies of its namespace (scripts/graphql-esm.mjs); the dependencies' files escaped to ASCII as
  // they load, so that the source map holds for the bundle as written (scripts/ascii.mjs)
  plugins: [graphqlAsEsm, asciiDependencies],
  // The CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  // Not keepNames: it would wrap every function the code creates, each time it creates it, in a call
  // that sets its name (a fifth of a write's throughput, measured). So a class may not keep its name
  // in the bundle (tsc's `let Task = class Task` becomes `Task2`): every GraphQL type is named in its
  // decorator, and test/api/built.test.ts checks the bundle serves the committed contract.
  legalComments: 'none',
  // Whitespace only: names stay, so a stack trace still says which function. V8 keeps a bundle's
  // source for as long as the process runs, and a table of its line ends once anything asks for a
  // position (pino does at start, every logged stack does): 6.6 -> 4.6 MB of source, 166 000 -> 1 550
  // lines, 4 MB less idle RSS (bench/README.md). The source map (not loaded by Node unless
  // --enable-source-maps, which costs ~90 MB) leads a position back to the TypeScript line, through
  // tsc's own maps: dist/source-positions.js (src/source-positions.ts) reads a logged stack that way.
  minifyWhitespace: true,
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
});

// ASCII only, so that V8 keeps each bundle's source as one byte per character (scripts/ascii.mjs).
for (const file of Object.keys(result.metafile.outputs).filter((name) => name.endsWith('.js'))) {
  const where = firstNonAscii(readFileSync(file, 'utf8'));
  if (where) {
    throw new Error(
      `${file}:${where} is outside ASCII; escape it (\\uXXXX) in the source it comes from (scripts/ascii.mjs)`,
    );
  }
}
if (!values['keep-tsc'] && !values['tsc-out']) rmSync(tscOut, { recursive: true, force: true });
