// `npm run check:schema`: the contract checks, each failing with what to do about it.
//   1. schema.graphql matches what gateway-api's code emits        -> run `npm run generate`
//   2. the web client's generated code matches schema.graphql       -> run `npm run generate`
//   3. every client operation validates against schema.graphql      -> fix the operation
//   4. every client operation, as sent, is within the API's limits  -> change it as the message says
//   5. no unacknowledged breaking change against the base           -> see README, "Changing the contract"
//   6. the trusted documents hold the web client's, and all still run -> run `npm run generate`, or see
//      README, "Trusted documents"
// 1 and 2 are checked here only: `npm run check:generated` leaves these two to this command.
// Options: --base <git ref> (default: $SCHEMA_BASE, else origin/main, else HEAD) | --base-file <file>
//          --root <dir> (check another checkout)
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareSchemas, formatChangelog, ACK_TRAILER } from './breaking.js';
import { commitMessages, fileAtRef, refExists } from './git.js';
import { checkLimits, formatLimitFailure, formatLimitSummary, PLAYGROUND_DIR, sentOperations } from './limits.js';
import { findClientDocuments, validateDocuments } from './operations.js';
import { checkTrustedDocuments, TRUSTED_FILE } from './trusted.js';

const { values } = parseArgs({
  options: { base: { type: 'string' }, 'base-file': { type: 'string' }, root: { type: 'string' } },
});
// --root: another checkout to check (the tests run the checks on fixture repositories)
const root = values.root
  ? path.resolve(values.root)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SDL_FILE = 'schema/schema.graphql';
/** where the clients' documents live: the web client's sources (including the playground's examples) */
export const CLIENT_DIRS = ['web-client/src'];
const ALLOWLIST_FILE = 'schema/allowed-breaking-changes.txt';

const failures: string[] = [];
const section = (title: string) => console.log(`\n== ${title}`);

const committed = await readFile(path.join(root, SDL_FILE), 'utf8');

section('1. schema.graphql is what gateway-api emits');
// run from gateway-api so that its tsconfig (decorators) applies
const emitted = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/emit-schema.ts', '--stdout'], {
  cwd: path.join(root, 'gateway-api'),
  encoding: 'utf8',
  maxBuffer: 16 * 1024 * 1024,
});
const sdlStale = emitted.status === 0 && emitted.stdout !== committed;
if (emitted.status !== 0) {
  failures.push(`could not emit the schema from gateway-api:\n${emitted.stderr}`);
} else if (sdlStale) {
  const a = committed.split('\n');
  const b = emitted.stdout.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  failures.push(
    `${SDL_FILE} is stale: it differs from what gateway-api's code emits (first difference at line ${line + 1}:\n` +
      `  committed: ${a[line] ?? '(end of file)'}\n  emitted:   ${b[line] ?? '(end of file)'}).\n` +
      '  Run `npm run generate` and commit the result.',
  );
} else {
  console.log('ok');
}

section("2. the web client's generated code is up to date");
const webClient = JSON.parse(await readFile(path.join(root, 'web-client/package.json'), 'utf8')) as {
  scripts?: Record<string, string>;
};
if (sdlStale) {
  // the client's code is generated from the SDL: against a stale one, its verdict would be a second
  // report of the same problem
  console.log(`skipped until ${SDL_FILE} is regenerated (1.)`);
} else if (webClient.scripts?.['check:codegen']) {
  const run = spawnSync('npm', ['run', '--silent', '-w', 'web-client', 'check:codegen'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0)
    failures.push(
      `web-client's generated code is stale against ${SDL_FILE}:\n${run.stdout}${run.stderr}\n  Run \`npm run generate\` and commit the result.`,
    );
  else console.log('ok');
} else {
  console.log('skipped: web-client has no generated code yet (no check:codegen script)');
}

section('3. every client operation is valid against schema.graphql');
const documents = await findClientDocuments(CLIENT_DIRS.map((d) => path.join(root, d)));
const { problems, operations } = validateDocuments(committed, documents);
if (problems.length) {
  failures.push(
    `${problems.length} client operation problem(s):\n` +
      problems.map((p) => `  ${path.relative(root, p.file)}: ${p.message}`).join('\n') +
      '\n  Fix the operation, or if the schema lost something clients need, restore it.',
  );
} else {
  console.log(`ok: ${operations} operation(s) in ${new Set(documents.map((d) => d.file)).size} file(s)`);
}

section("4. every client operation, as sent, is within the API's limits");
// Against the committed SDL, like check 3: it is the contract both sides are built from, and check 1
// fails unless it is exactly what the API's code emits, so the limits see the schema the API serves
// (the cost rule reads field arguments and their defaults, which the SDL carries) without building it.
const limits = checkLimits(committed, sentOperations(documents, path.join(root, PLAYGROUND_DIR)));
if (limits.problems.length) failures.push(formatLimitFailure(limits.problems, root));
else console.log(formatLimitSummary(limits, root));

section('5. breaking changes against the base');
let base: { label: string; sdl: string | undefined; ref?: string };
if (values['base-file']) {
  base = { label: values['base-file'], sdl: await readFile(values['base-file'], 'utf8') };
} else {
  const wanted = values.base ?? process.env.SCHEMA_BASE;
  const ref = wanted ?? (refExists(root, 'origin/main') ? 'origin/main' : 'HEAD');
  if (!refExists(root, ref)) {
    failures.push(`the base ${ref} is not a git ref here (fetch it first, e.g. git fetch origin main)`);
    base = { label: ref, sdl: undefined };
  } else {
    base = { label: ref, sdl: fileAtRef(root, ref, SDL_FILE), ref };
  }
}
if (base.sdl === undefined) {
  console.log(`no ${SDL_FILE} at ${base.label}: everything in the contract is new`);
} else {
  const allowlist = await readFile(path.join(root, ALLOWLIST_FILE), 'utf8').catch(() => '');
  const report = await compareSchemas(base.sdl, committed, {
    commitMessages: base.ref ? commitMessages(root, base.ref) : [],
    allowlist,
  });
  console.log(formatChangelog(report, base.label));
  for (const c of report.changes.filter((x) => x.level === 'DANGEROUS'))
    console.warn(`warning: dangerous change: ${c.message}`);
  if (report.unacknowledged.length) {
    failures.push(
      `${report.unacknowledged.length} breaking change(s) against ${base.label}:\n` +
        report.unacknowledged.map((c) => `  ${c.message}`).join('\n') +
        `\n  Deployed clients will break. Make the change additive (add the new field, deprecate the old one), or ` +
        `acknowledge it: add the path (e.g. ${report.unacknowledged[0]!.path ?? 'Type.field'}) to ${ALLOWLIST_FILE} with a reason, ` +
        `or a "${ACK_TRAILER} <why>" line to the commit message.`,
    );
  }
}

section(`6. ${TRUSTED_FILE}: the web client's documents, each still valid`);
const trusted = await checkTrustedDocuments(committed, root);
if (trusted.skipped) console.log(`skipped: ${trusted.skipped}`);
else if (trusted.problems.length) failures.push(...trusted.problems);
else console.log(`ok: ${trusted.count} trusted document(s)`);

if (failures.length) {
  console.error(`\ncheck:schema FAILED (${failures.length}):\n\n${failures.join('\n\n')}`);
  process.exit(1);
}
console.log('\ncheck:schema: the contract is consistent');
