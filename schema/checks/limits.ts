// Holds every client operation, as it goes over the wire, to the API's own limits (depth, aliases,
// cost, tokens: gateway-api/limits), so that a client change the API would refuse with HTTP 400
// fails CI instead of the user's request.
//
// "As it goes over the wire":
//   - the web client's operations as Apollo Client sends them: the operation and the fragments it
//     spreads, directly or through other fragments, as written (the document graphql-codegen
//     generates for it), with `__typename` added to every selection set below the root by Apollo's
//     own addTypenameToDocument (InMemoryCache's transform), printed by graphql-js.
//     Apollo also strips @client, @connection, @nonreactive and @unmask before sending; the app uses
//     none of them, and a document that kept them would only measure larger;
//   - the playground's example tabs (web-client/src/playground/examples/*.graphql) exactly as GraphiQL
//     sends a tab: its whole text, comments and all.
import { addTypenameToDocument } from '@apollo/client/utilities';
import { LIMITS, limitRules, operationCost } from 'gateway-api/limits';
import {
  buildSchema,
  Kind,
  Lexer,
  parse,
  print,
  Source,
  TokenKind,
  validate,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import path from 'node:path';
import type { ClientDocument } from './operations.js';

/** The playground's tabs (its examples/*.graphql), which GraphiQL sends as written: the rest of the client's documents are Apollo Client's. */
export const PLAYGROUND_DIR = 'web-client/src/playground';

export interface SentOperation {
  /** the operation's name, `(anonymous)` without one */
  name: string;
  file: string;
  /** the web client (Apollo Client) or the playground (GraphiQL) */
  sender: 'web client' | 'playground';
  /** the request's `query`, exactly */
  text: string;
}

type Limit = 'depth' | 'aliases' | 'cost' | 'tokens';

export interface LimitProblem {
  operation: SentOperation;
  /** the limit, its value and the operation's; undefined for a rule this check does not know by name */
  over: { limit: Limit; max: number; found: number } | undefined;
  /** the API's own error message */
  error: string;
}

export interface Measured {
  operation: SentOperation;
  cost: number;
  tokens: number;
}

export interface LimitReport {
  problems: LimitProblem[];
  /** every operation that parsed within the token limit, with the cost the API computes for it */
  measured: Measured[];
}

const isOperation = (d: { kind: Kind }): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION;
const isFragment = (d: { kind: Kind }): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION;
const nameOf = (operation: OperationDefinitionNode) => operation.name?.value ?? '(anonymous)';

function parsed(source: string): DocumentNode | undefined {
  try {
    return parse(source);
  } catch {
    return undefined; // a syntax error: the validity check (operations.ts) reports it
  }
}

/** The fragments an operation spreads, directly or through other fragments, each once, in order of first use. */
function fragmentsOf(
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return [...used.values()];
}

/**
 * Every operation in `documents` the way its sender puts it on the wire. Documents in `playgroundDir`
 * are the playground's tabs; all others belong to the web client, whose fragments may be defined in
 * any of its files.
 */
export function sentOperations(documents: ClientDocument[], playgroundDir: string): SentOperation[] {
  const inPlayground = (file: string) => !path.relative(playgroundDir, file).startsWith('..');
  const out: SentOperation[] = [];
  const app: { file: string; operation: OperationDefinitionNode }[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const doc of documents) {
    const document = parsed(doc.source);
    if (!document) continue;
    if (inPlayground(doc.file)) {
      for (const operation of document.definitions.filter(isOperation))
        out.push({ name: nameOf(operation), file: doc.file, sender: 'playground', text: doc.source });
      continue;
    }
    for (const definition of document.definitions) {
      if (isOperation(definition)) app.push({ file: doc.file, operation: definition });
      else if (isFragment(definition) && !fragments.has(definition.name.value))
        fragments.set(definition.name.value, definition);
    }
  }
  for (const { file, operation } of app) {
    const document: DocumentNode = {
      kind: Kind.DOCUMENT,
      definitions: [operation, ...fragmentsOf(operation, fragments)],
    };
    out.push({ name: nameOf(operation), file, sender: 'web client', text: print(addTypenameToDocument(document)) });
  }
  // in file order, as the other checks report
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Lexical tokens as graphql-js's parser counts them for maxTokens: every token but comments and the end. */
export function countTokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) tokens++;
  return tokens;
}

// The limit rules' messages (graphql-armor's, with exposeLimits, and the API's cost rule): the limit and
// the measured value. A message matching none of these still fails the check, in the API's words.
const RULE_MESSAGES: [Limit, RegExp][] = [
  ['depth', /^Query depth limit of (\d+) exceeded, found (\d+)\.$/],
  ['aliases', /^Aliases limit of (\d+) exceeded, found (\d+)\.$/],
  ['cost', /^Query cost limit of (\d+) exceeded, found (\d+)\.$/],
];

function over(message: string): LimitProblem['over'] {
  for (const [limit, pattern] of RULE_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return { limit, max: Number(match[1]), found: Number(match[2]) };
  }
  return undefined;
}

/**
 * The API's verdict on each operation, reached the API's way: the text parsed with its maxTokens
 * (Apollo Server's parseOptions in gateway-api), then validated with its limitRules(). Each
 * operation is validated with the fragments of its own document; every limit rule judges one
 * operation at a time, so the verdict is the one the whole document gets.
 */
export function checkLimits(sdl: string | GraphQLSchema, operations: SentOperation[]): LimitReport {
  const schema = typeof sdl === 'string' ? buildSchema(sdl) : sdl;
  const report: LimitReport = { problems: [], measured: [] };
  for (const operation of operations) {
    const tokens = countTokens(operation.text);
    let document: DocumentNode;
    try {
      document = parse(operation.text, { maxTokens: LIMITS.maxTokens });
    } catch (error) {
      const { message } = error as Error;
      // graphql-js: "Syntax Error: Document contains more that 1000 tokens. Parsing aborted."
      if (/contains more th\w+ \d+ tokens/.test(message))
        report.problems.push({
          operation,
          over: { limit: 'tokens', max: LIMITS.maxTokens, found: tokens },
          error: message,
        });
      continue; // otherwise a syntax error, which the validity check reports
    }
    const definition =
      document.definitions.filter(isOperation).find((d) => nameOf(d) === operation.name) ??
      document.definitions.find(isOperation);
    if (!definition) continue;
    const fragments = document.definitions.filter(isFragment);
    const single: DocumentNode = { kind: Kind.DOCUMENT, definitions: [definition, ...fragments] };
    for (const error of validate(schema, single, limitRules()))
      report.problems.push({ operation, over: over(error.message), error: error.message });
    const cost = operationCost(schema, definition, (name) => fragments.find((f) => f.name.value === name));
    report.measured.push({ operation, cost, tokens });
  }
  return report;
}

const LIMIT_NAMES: Record<Limit, { key: keyof typeof LIMITS; advice: string }> = {
  depth: {
    key: 'maxDepth',
    advice:
      'Nest less: fetch the deeper part with its own query where it is shown (a fragment does not help: its fields count where it is spread).',
  },
  aliases: {
    key: 'maxAliases',
    advice: 'Use fewer aliased fields (those in its fragments count too), or split it into two operations.',
  },
  cost: {
    key: 'maxCost',
    advice:
      'Ask for less: a smaller literal `first` on its lists (a `first` passed as a variable, or left out without a default, counts as the largest page the API serves), fewer fields inside them, or split it into two operations.',
  },
  tokens: {
    key: 'maxTokens',
    advice:
      "Make the document shorter: fewer fields, or split it into two operations (everything sent counts, its fragments and Apollo's __typename fields included; comments do not).",
  },
};

function describe(operation: SentOperation): string {
  return `operation ${operation.name} (${operation.sender === 'web client' ? 'web client, as Apollo Client sends it' : 'playground tab, as written'})`;
}

/** One line per problem: the file, the operation, the limit and the measured value, and what to do. */
export function formatLimitProblem(problem: LimitProblem, root: string): string {
  const where = `${path.relative(root, problem.operation.file)}: ${describe(problem.operation)}`;
  if (!problem.over)
    return `${where} is refused by the API: ${problem.error} Change the operation so that the API accepts it.`;
  const { limit, max, found } = problem.over;
  const { key, advice } = LIMIT_NAMES[limit];
  return `${where}: ${limit} ${found}, over the API's limit of ${max} (LIMITS.${key}). ${advice}`;
}

export function formatLimitFailure(problems: LimitProblem[], root: string): string {
  return (
    `${problems.length} client operation(s) over the API's limits, which the API refuses (HTTP 400) before running anything:\n` +
    problems.map((p) => `  ${formatLimitProblem(p, root)}`).join('\n') +
    "\n  Change the operation as said. If the API should accept it instead, raise the limit in gateway-api's LIMITS " +
    '(gateway-api/src/graphql/limits.ts) on purpose, with its tests.'
  );
}

/** The passing verdict: how many operations, the limits, and the largest cost and token count with their operations. */
export function formatLimitSummary(report: LimitReport, root: string): string {
  const count = (sender: SentOperation['sender']) =>
    report.measured.filter((m) => m.operation.sender === sender).length;
  const top = (by: 'cost' | 'tokens') => {
    const max = report.measured.reduce<Measured | undefined>((a, m) => (a && a[by] >= m[by] ? a : m), undefined);
    return max ? `${max[by]} (${max.operation.name}, ${path.relative(root, max.operation.file)})` : 'none';
  };
  return (
    `ok: ${report.measured.length} operation(s) as sent (${count('web client')} web client, ${count('playground')} playground) ` +
    `within depth ${LIMITS.maxDepth}, aliases ${LIMITS.maxAliases}, cost ${LIMITS.maxCost}, tokens ${LIMITS.maxTokens}; ` +
    `highest cost ${top('cost')}, most tokens ${top('tokens')}`
  );
}
