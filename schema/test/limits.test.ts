// The limits check (checks/limits.ts): operations built to break one limit each are refused with a
// message naming the file, the operation, the limit and the measured value; the real web client and
// playground operations pass. The limits and rules are the API's own (gateway-api/limits).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIMITS } from 'gateway-api/limits';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  checkLimits,
  countTokens,
  formatLimitFailure,
  formatLimitProblem,
  PLAYGROUND_DIR,
  sentOperations,
  type SentOperation,
} from '../checks/limits.js';
import { findClientDocuments, type ClientDocument } from '../checks/operations.js';
import { LIMITS_SDL, TOO_COSTLY, TOO_DEEP, TOO_LONG, TOO_MANY_ALIASES, longQuery } from './limit-fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

const root = '/repo';
const app = (name: string, source: string): ClientDocument => ({ file: `${root}/web-client/src/${name}`, source });
const tab = (name: string, source: string): ClientDocument => ({
  file: `${root}/web-client/src/playground/examples/${name}`,
  source,
});
const playground = `${root}/web-client/src/playground`;

function verdict(documents: ClientDocument[]) {
  const report = checkLimits(LIMITS_SDL, sentOperations(documents, playground));
  return { report, lines: report.problems.map((p) => formatLimitProblem(p, root)) };
}

describe('operations as sent', () => {
  it("are the web client's operations with the fragments they spread and Apollo's __typename, and the playground's tabs as written", () => {
    const sent = sentOperations(
      [
        app('board/Deep.tsx', TOO_DEEP.operation),
        app('board/fragments.graphql', `${TOO_DEEP.fragments}\nfragment Unused on Task { title }`),
        tab('Costly.graphql', TOO_COSTLY),
      ],
      playground,
    );
    expect(sent.map((s) => [s.name, s.sender, path.relative(root, s.file)])).toEqual([
      ['Deep', 'web client', 'web-client/src/board/Deep.tsx'],
      ['Costly', 'playground', 'web-client/src/playground/examples/Costly.graphql'],
    ]);
    expect(sent[1]!.text).toBe(TOO_COSTLY);
    const deep = parse(sent[0]!.text);
    // the operation, then each fragment it uses once, however deep the spread; nothing it does not use
    expect(deep.definitions.map((d) => ('name' in d ? d.name?.value : d.kind))).toEqual([
      'Deep',
      'Deep_board',
      'Deep_tasks',
    ]);
    expect(sent[0]!.text).toMatch(/\.\.\.Deep_board\n\s+__typename\n/);
  });

  it('count tokens as graphql-js does for maxTokens: comments and the end do not count', () => {
    expect(countTokens('# hello\nquery Q { a(b: "c") { d } }\n')).toBe(13);
    const long = longQuery(LIMITS.maxTokens);
    expect(countTokens(long)).toBe(LIMITS.maxTokens);
    expect(() => parse(long, { maxTokens: LIMITS.maxTokens })).not.toThrow();
    expect(countTokens(TOO_LONG)).toBe(LIMITS.maxTokens + 1);
    expect(() => parse(TOO_LONG, { maxTokens: LIMITS.maxTokens })).toThrow(/tokens/);
  });
});

describe("the API's limits", () => {
  it.each<[string, ClientDocument[], RegExp]>([
    [
      'too deep, through fragments in another file',
      [app('board/Deep.tsx', TOO_DEEP.operation), app('board/fragments.graphql', TOO_DEEP.fragments)],
      /^web-client\/src\/board\/Deep\.tsx: operation Deep \(web client, as Apollo Client sends it\): depth 9, over the API's limit of 8 \(LIMITS\.maxDepth\)\. Nest less: /,
    ],
    [
      'too many aliases',
      [app('board/Aliased.tsx', TOO_MANY_ALIASES)],
      /^web-client\/src\/board\/Aliased\.tsx: operation Aliased \(web client, as Apollo Client sends it\): aliases 16, over the API's limit of 15 \(LIMITS\.maxAliases\)\. Use fewer aliased fields/,
    ],
    [
      'too costly',
      [tab('Costly.graphql', TOO_COSTLY)],
      /^web-client\/src\/playground\/examples\/Costly\.graphql: operation Costly \(playground tab, as written\): cost 30402, over the API's limit of 5000 \(LIMITS\.maxCost\)\. Ask for less: a smaller literal `first`/,
    ],
    [
      'too many tokens',
      [tab('Long.graphql', TOO_LONG)],
      /^web-client\/src\/playground\/examples\/Long\.graphql: operation Long \(playground tab, as written\): tokens 1001, over the API's limit of 1000 \(LIMITS\.maxTokens\)\. Make the document shorter/,
    ],
  ])(
    '%s: refused, with the file, the operation, the limit, the measured value and what to do',
    (_case, documents, line) => {
      const { report, lines } = verdict(documents);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(formatLimitFailure(report.problems, root)).toMatch(
        /^1 client operation\(s\) over the API's limits[^\n]*\n {2}web-client\/[^\n]*\n {2}Change the operation as said\. If the API should accept it instead, raise the limit in gateway-api's LIMITS/,
      );
    },
  );

  it("counts Apollo's __typename fields: one token under the limit as written is over it as sent", () => {
    // 1000 tokens as written; Apollo adds `__typename` inside board { }
    const written = longQuery(LIMITS.maxTokens);
    expect(verdict([tab('Long.graphql', written)]).lines).toEqual([]);
    expect(verdict([app('board/Long.tsx', written)]).lines).toEqual([
      expect.stringMatching(
        /operation Long \(web client, as Apollo Client sends it\): tokens 1001, over the API's limit of 1000/,
      ),
    ]);
  });

  it('passes what fits, and reports a rule it does not know by name in the API words', () => {
    expect(verdict([app('board/Fine.tsx', 'query Fine { board(id: 1) { id tasks { title } } }')]).report).toMatchObject(
      {
        problems: [],
        measured: [{ cost: 2 + 1 + (2 + 1 + 1) * 20 + 1, tokens: 19 }],
      },
    );
    // the API's limitRules() also refuse operation types the schema lacks
    expect(verdict([app('Live.tsx', 'subscription Live { board { id } }')]).lines).toEqual([
      'web-client/src/Live.tsx: operation Live (web client, as Apollo Client sends it) is refused by the API: ' +
        'The schema does not support subscription operations. Change the operation so that the API accepts it.',
    ]);
  });

  it('passes every real web client and playground operation, against the committed contract', async () => {
    const documents = await findClientDocuments([path.join(repo, 'web-client/src')]);
    const sent: SentOperation[] = sentOperations(documents, path.join(repo, PLAYGROUND_DIR));
    const report = checkLimits(readFileSync(path.join(repo, 'schema/schema.graphql'), 'utf8'), sent);
    expect(report.problems.map((p) => formatLimitProblem(p, repo))).toEqual([]);
    expect(report.measured).toHaveLength(sent.length);
    // every playground example is among them, as a playground tab
    const examples = readdirSync(path.join(repo, PLAYGROUND_DIR, 'examples')).filter((f) => f.endsWith('.graphql'));
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples)
      expect(sent.filter((s) => s.sender === 'playground').map((s) => path.basename(s.file))).toContain(example);
    expect(sent.filter((s) => s.sender === 'web client').length).toBeGreaterThan(0);
  });
});
