// A subscription's events, executed once for everyone who asked the same thing. graphql-js runs a
// subscription's document anew for every subscriber and every event: with 250 subscribers of a busy
// board on one replica, that is 250 identical executions of each event, which is where a replica's
// CPU went (bench/README.md, "Live updates fan-out"). Here the result of (event, document,
// operation, the variables the event's fields use) is computed once and handed to each of them.
//
// Sharing is sound because what an event resolves to is the same for every subscriber allowed to
// receive it: the feed hands a board's events to that board's members only, and no field reachable
// from BoardEvent depends on who asks (test/api/live.test.ts checks the schema for it: Board, whose
// viewerRole does, is not reachable). Payloads that are one subscriber's own (a resync, the end of a
// subscription) are executed for that subscriber alone.
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  visit,
  type ASTNode,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { transformIterator } from '../lib/iterators.js';

export interface SharedExecutionOptions {
  /**
   * The object that stands for a payload's event, the same for every subscriber it reaches (a
   * WeakMap key: results are dropped with it), or undefined when the payload is one subscriber's own.
   */
  shareKeyOf(payload: unknown): object | undefined;
  /** called for each execution of an event's document, shared or not */
  onExecuted?(): void;
}

/** The `subscribe` function for graphql-ws: graphql-js's, with each shared event executed once per document. */
export function sharedSubscribe(options: SharedExecutionOptions) {
  const results = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  const run = (args: ExecutionArgs, payload: unknown): Promise<ExecutionResult> => {
    options.onExecuted?.();
    // as graphql-js's subscribe() does for each event (an execute() that throws becomes a rejection)
    return new Promise((resolve) => resolve(execute({ ...args, rootValue: payload })));
  };

  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source; // the errors of subscribing (NOT_FOUND, ...)
    const key = executionKey(args);
    return transformIterator(source[Symbol.asyncIterator](), async (payload) => {
      const share = options.shareKeyOf(payload);
      if (!share) return { values: [await run(args, payload)] };
      let byKey = results.get(share);
      if (!byKey) results.set(share, (byKey = new Map()));
      let result = byKey.get(key);
      if (!result) byKey.set(key, (result = run(args, payload)));
      return { values: [await result] };
    });
  };
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/** Documents are compared by identity: the caller hands equal query texts in as one DocumentNode. */
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 1;
const keyVariableNames = new WeakMap<DocumentNode, Map<string, readonly string[]>>();

/**
 * What makes two subscribers' executions of the same event the same: the document, the operation,
 * and the values of the variables used below the subscription's root field. The root field's own
 * arguments (the board, the resume point) chose the events; they do not change what one resolves to.
 */
function executionKey(args: ExecutionArgs): string {
  const { document } = args;
  let id = documentIds.get(document);
  if (id === undefined) documentIds.set(document, (id = nextDocumentId++));
  const operationName = args.operationName ?? '';
  let byOperation = keyVariableNames.get(document);
  if (!byOperation) keyVariableNames.set(document, (byOperation = new Map()));
  let names = byOperation.get(operationName);
  if (!names) byOperation.set(operationName, (names = variablesBelowRoot(document, args.operationName)));
  const variables = args.variableValues ?? {};
  return `${id}\u0000${operationName}\u0000${JSON.stringify(names.map((name) => variables[name] ?? null))}`;
}

/**
 * The variables an operation uses anywhere but in the arguments of its root fields. Fragments are
 * counted whole (a root field's arguments inside a fragment count too): more variables in the key
 * only means less sharing, never a wrong answer.
 */
function variablesBelowRoot(document: DocumentNode, operationName: string | null | undefined): readonly string[] {
  const operation = getOperationAST(document, operationName);
  const names = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, {
      Variable: (variable) => {
        names.add(variable.name.value);
      },
    });
  for (const selection of operation?.selectionSet.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      for (const directive of selection.directives ?? []) collect(directive);
      if (selection.selectionSet) collect(selection.selectionSet);
    } else {
      collect(selection);
    }
  }
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) collect(definition);
  }
  return [...names].sort();
}
