// The contract checks themselves: unit tests of the diff and the validator, and end-to-end runs of
// `check:schema` on small fixture repositories (real git, real files) that show each failure.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compareSchemas, formatChangelog, parseAllowlist } from '../checks/breaking.js';
import { findClientDocuments, validateDocuments } from '../checks/operations.js';
import { LIMITS_SDL, TOO_COSTLY, TOO_DEEP, TOO_LONG, TOO_MANY_ALIASES } from './limit-fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BASE = `
type Query { board(id: ID!): Board }
type Board { id: ID! name: String! tasks(first: Int): [Task!]! }
type Task { id: ID! title: String! status: Status! }
enum Status { TODO DONE }
`;
const noAcks = { commitMessages: [], allowlist: '' };

describe('breaking-change diff', () => {
  it('passes a safe addition and lists it in the changelog', async () => {
    const report = await compareSchemas(BASE, BASE.replace('title: String!', 'title: String! dueDate: String'), noAcks);
    expect(report.unacknowledged).toEqual([]);
    expect(report.changes).toEqual([expect.objectContaining({ kind: 'added', level: 'SAFE', path: 'Task.dueDate' })]);
    expect(formatChangelog(report, 'origin/main')).toMatch(
      /Added:\n {4}\[SAFE\] Field 'dueDate' was added to object type 'Task'/,
    );
  });

  it('catches removed fields, retyped fields, required arguments and removed enum values', async () => {
    const current = BASE.replace('name: String!', '')
      .replace('title: String!', 'title: Int!')
      .replace('tasks(first: Int)', 'tasks(first: Int!)')
      .replace('TODO DONE', 'TODO');
    const report = await compareSchemas(BASE, current, noAcks);
    expect(report.unacknowledged.map((c) => c.path).sort()).toEqual([
      'Board.name',
      'Board.tasks.first',
      'Status.DONE',
      'Task.title',
    ]);
    expect(formatChangelog(report, 'base')).toMatch(/\[BREAKING\]/);
  });

  it('warns about dangerous changes without failing', async () => {
    const report = await compareSchemas(BASE, BASE.replace('TODO DONE', 'TODO DONE ARCHIVED'), noAcks);
    expect(report.unacknowledged).toEqual([]);
    expect(report.changes[0]).toMatchObject({ level: 'DANGEROUS', path: 'Status.ARCHIVED' });
  });

  it('accepts breaking changes acknowledged by the allowlist or a commit trailer', async () => {
    const current = BASE.replace('name: String!', '');
    expect(
      (
        await compareSchemas(BASE, current, {
          commitMessages: [],
          allowlist: '# comment\nBoard.name  renamed to title\n',
        })
      ).unacknowledged,
    ).toEqual([]);
    expect(
      (
        await compareSchemas(BASE, current, {
          commitMessages: ['Drop Board.name\n\nSchema-Breaking-Change: nobody reads it'],
          allowlist: '',
        })
      ).unacknowledged,
    ).toEqual([]);
    // a bare trailer with no reason does not count
    expect(
      (await compareSchemas(BASE, current, { commitMessages: ['x\n\nSchema-Breaking-Change:'], allowlist: '' }))
        .unacknowledged,
    ).toHaveLength(1);
    expect(parseAllowlist('  Task.title why\n# Board.name\n\n')).toEqual(new Set(['Task.title']));
  });
});

describe('client operations', () => {
  it('finds operations in tagged templates and .graphql files, and validates them together', async () => {
    const dir = mkdtempSync(path.join(here, '..', '.tmp-ops-'));
    try {
      mkdirSync(path.join(dir, 'board'));
      writeFileSync(
        path.join(dir, 'board', 'Board.tsx'),
        "import { graphql } from '../gql';\nexport const Q = graphql(`query BoardView($id: ID!) { board(id: $id) { id ...BoardTitle } }`);\n",
      );
      writeFileSync(path.join(dir, 'board', 'title.graphql'), 'fragment BoardTitle on Board { name }\n');
      writeFileSync(
        path.join(dir, 'broken.ts'),
        'const gql = String.raw;\nexport const X = gql`query Broken { board(id: 1) { nope } }`;\n',
      );
      const documents = await findClientDocuments([dir]);
      expect(documents).toHaveLength(3);
      const { problems, operations } = validateDocuments(BASE, documents);
      expect(operations).toBe(2);
      expect(problems).toEqual([
        {
          file: path.join(dir, 'broken.ts'),
          message: 'Cannot query field "nope" on type "Board". Did you mean "name"?',
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- end to end on fixture repositories ------------------------------------------------------------

const fixtures: string[] = [];
afterAll(() => fixtures.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const run = (cmd: string, args: string[], cwd: string) => spawnSync(cmd, args, { cwd, encoding: 'utf8' });

/** A tiny repository laid out like this one: an "API" that emits `emitted`, a committed SDL, client code. */
function fixtureRepo(files: { committed: string; emitted: string; operation?: string; codegenFails?: boolean }) {
  // inside the project, so `--import tsx` resolves from its node_modules
  mkdirSync(path.join(here, '..', '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(here, '..', '.tmp', 'repo-'));
  fixtures.push(dir);
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write('package.json', JSON.stringify({ name: 'fixture', private: true, workspaces: ['web-client'] }));
  write('gateway-api/emitted.graphql', files.emitted);
  write(
    'gateway-api/scripts/emit-schema.ts',
    "import { readFileSync } from 'node:fs';\nprocess.stdout.write(readFileSync('emitted.graphql', 'utf8'));\n",
  );
  write('schema/schema.graphql', files.committed);
  write(
    'web-client/package.json',
    JSON.stringify({
      name: 'web-client',
      scripts: { 'check:codegen': files.codegenFails ? 'echo "src/gql/graphql.ts is stale" && exit 1' : 'exit 0' },
    }),
  );
  write('web-client/src/board.graphql', files.operation ?? 'query B { board(id: 1) { id name } }\n');
  run('git', ['init', '-q', '-b', 'main'], dir);
  run('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'empty'], dir);
  return {
    dir,
    commit(message: string) {
      run('git', ['add', '-A'], dir);
      const result = run(
        'git',
        ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', message],
        dir,
      );
      expect(result.status, result.stderr).toBe(0);
    },
    write,
    check: (...args: string[]) =>
      run(
        process.execPath,
        ['--import', 'tsx', path.join(here, '..', 'checks', 'cli.ts'), '--root', dir, ...args],
        path.join(here, '..'),
      ),
  };
}

describe('check:schema end to end', () => {
  it('passes a consistent contract and prints the changelog of a safe addition', () => {
    const repo = fixtureRepo({ committed: BASE, emitted: BASE });
    repo.commit('base');
    const added = BASE.replace('title: String!', 'title: String! dueDate: String');
    repo.write('schema/schema.graphql', added);
    repo.write('gateway-api/emitted.graphql', added);
    const result = repo.check('--base', 'HEAD');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Added:\n {4}\[SAFE\] Field 'dueDate' was added/);
    expect(result.stdout).toMatch(/ok: 1 operation\(s\) in 1 file\(s\)/);
  });

  it('fails when the committed SDL is stale, saying to run npm run generate', () => {
    const repo = fixtureRepo({
      committed: BASE,
      emitted: BASE.replace('title: String!', 'title: String! dueDate: String'),
    });
    const result = repo.check('--base', 'HEAD');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/schema\/schema\.graphql is stale.*\n.*\n.*\n\s+Run `npm run generate`/);
  });

  it("fails when the web client's generated code is stale", () => {
    const repo = fixtureRepo({ committed: BASE, emitted: BASE, codegenFails: true });
    const result = repo.check('--base', 'HEAD');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/web-client's generated code is stale[\s\S]*src\/gql\/graphql\.ts is stale/);
  });

  it('fails when a client operation does not validate', () => {
    const repo = fixtureRepo({ committed: BASE, emitted: BASE, operation: 'query B { board(id: 1) { id owner } }\n' });
    const result = repo.check('--base', 'HEAD');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/web-client\/src\/board\.graphql: Cannot query field "owner" on type "Board"\./);
  });

  it("fails when client operations, as sent, are over the API's limits: one line each, saying what to do", () => {
    const repo = fixtureRepo({ committed: LIMITS_SDL, emitted: LIMITS_SDL });
    repo.write(
      'web-client/src/board/Deep.tsx',
      `import { graphql } from '../gql';\nexport const Q = graphql(\`${TOO_DEEP.operation}\`);\n`,
    );
    repo.write('web-client/src/board/fragments.graphql', TOO_DEEP.fragments);
    repo.write(
      'web-client/src/board/Aliased.ts',
      `import { graphql } from '../gql';\nexport const Q = graphql(\`${TOO_MANY_ALIASES}\`);\n`,
    );
    repo.write('web-client/src/playground/examples/Costly.graphql', TOO_COSTLY);
    repo.write('web-client/src/playground/examples/Long.graphql', TOO_LONG);
    const result = repo.check('--base', 'HEAD');
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/3\. every client operation is valid against schema\.graphql\nok: 5 operation/);
    const failure = result.stderr.slice(result.stderr.indexOf("client operation(s) over the API's limits") - 2);
    expect(failure.split('\n').slice(0, 6)).toEqual([
      "4 client operation(s) over the API's limits, which the API refuses (HTTP 400) before running anything:",
      expect.stringMatching(
        /^ {2}web-client\/src\/board\/Aliased\.ts: operation Aliased \(web client, as Apollo Client sends it\): aliases 16, over the API's limit of 15 \(LIMITS\.maxAliases\)\. Use fewer/,
      ),
      expect.stringMatching(
        /^ {2}web-client\/src\/board\/Deep\.tsx: operation Deep \(web client, as Apollo Client sends it\): depth 9, over the API's limit of 8 \(LIMITS\.maxDepth\)\. Nest less/,
      ),
      expect.stringMatching(
        /^ {2}web-client\/src\/playground\/examples\/Costly\.graphql: operation Costly \(playground tab, as written\): cost 30402, over the API's limit of 5000 \(LIMITS\.maxCost\)\. Ask for less/,
      ),
      expect.stringMatching(
        /^ {2}web-client\/src\/playground\/examples\/Long\.graphql: operation Long \(playground tab, as written\): tokens 1001, over the API's limit of 1000 \(LIMITS\.maxTokens\)\. Make the document shorter/,
      ),
      expect.stringMatching(/^ {2}Change the operation as said\. If the API should accept it instead, raise the limit/),
    ]);
  });

  it('fails on a breaking change against the base ref, and passes once a commit acknowledges it', () => {
    const repo = fixtureRepo({ committed: BASE, emitted: BASE, operation: 'query B { board(id: 1) { id } }\n' });
    repo.commit('base');
    run('git', ['branch', 'base'], repo.dir);
    const broken = BASE.replace('name: String!', '');
    repo.write('schema/schema.graphql', broken);
    repo.write('gateway-api/emitted.graphql', broken);
    repo.commit('Remove Board.name');
    const refused = repo.check('--base', 'base');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/Removed:\n {4}\[BREAKING\] Field 'name' was removed from object type 'Board'/);
    expect(refused.stderr).toMatch(/1 breaking change\(s\) against base[\s\S]*allowed-breaking-changes\.txt/);

    repo.commit('Really remove it\n\nSchema-Breaking-Change: the web client no longer reads Board.name');
    const accepted = repo.check('--base', 'base');
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(/\[BREAKING \(acknowledged\)\]/);
  });

  it('compares with a base file too', () => {
    const repo = fixtureRepo({
      committed: BASE.replace('TODO DONE', 'TODO'),
      emitted: BASE.replace('TODO DONE', 'TODO'),
    });
    const baseFile = path.join(repo.dir, 'old.graphql');
    writeFileSync(baseFile, BASE);
    const result = repo.check('--base-file', baseFile);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Enum value 'DONE' was removed from enum 'Status'/);
  });

  describe('6. the trusted documents', () => {
    const byHash = (...texts: string[]) =>
      JSON.stringify(
        Object.fromEntries(texts.map((t) => [`sha256:${createHash('sha256').update(t).digest('hex')}`, t])),
      );
    const BOARD = 'query B { board(id: 1) { id name } }';
    const OLD = 'query Old { board(id: 1) { id title } }';

    it("pass when they hold the web client's documents and older ones that still run", () => {
      const repo = fixtureRepo({ committed: BASE, emitted: BASE });
      repo.write('web-client/src/gql/persisted-documents.json', byHash(BOARD));
      repo.write('schema/trusted-documents.json', byHash(BOARD, 'query Older { board(id: 1) { id } }'));
      const result = repo.check('--base', 'HEAD');
      expect(result.status, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toMatch(/== 6\. schema\/trusted-documents\.json.*\nok: 2 trusted document\(s\)/);
    });

    it('fail when a document of the web client is missing, saying to run npm run generate', () => {
      const repo = fixtureRepo({ committed: BASE, emitted: BASE });
      repo.write('web-client/src/gql/persisted-documents.json', byHash(BOARD));
      repo.write('schema/trusted-documents.json', byHash('query Older { board(id: 1) { id } }'));
      const result = repo.check('--base', 'HEAD');
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /1 document\(s\) of the web client are not in schema\/trusted-documents\.json, so the API would refuse them \(B\)\.\n {2}Run `npm run generate`/,
      );
    });

    it("fail when an earlier release's document no longer runs against the contract, naming it", () => {
      const repo = fixtureRepo({ committed: BASE, emitted: BASE });
      repo.write('web-client/src/gql/persisted-documents.json', byHash(BOARD));
      repo.write('schema/trusted-documents.json', byHash(BOARD, OLD));
      const result = repo.check('--base', 'HEAD');
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /schema\/trusted-documents\.json: Old \(sha256:[0-9a-f]{12}…\) no longer runs against schema\.graphql: Cannot query field "title" on type "Board"\./,
      );
    });
  });
});
