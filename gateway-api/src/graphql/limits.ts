// Limits on what one GraphQL request may ask for. All are checked before anything executes (and
// before the session lookup, see viewerPlugin in session.ts), so a rejected request gets HTTP 400
// and runs no SQL; test/api/limits.test.ts proves it.
//
// What the web client and the playground send is held to these same rules in CI (`npm run
// check:schema`, schema/checks/limits.ts, which prints each operation's figures). The largest, the
// board view (BoardPage, fragments as written, `first: $tasksPerColumn` counted as 100), has depth 7,
// no aliases, cost 4137 of 5000 and 159 tokens.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { GRAPHQL_BODY_LIMIT } from '@taskboard/server-kit';
import { MAX_PAGE_SIZE } from '../lib/pagination.js';

export const LIMITS = {
  /**
   * Nested fields, leaves included: the board view is 7 deep; the deepest path the schema has today
   * (boards > edges > node > columns > tasks > edges > node > assignee > id) is 9.
   */
  maxDepth: 8,
  /** Aliased fields per operation (fragments included). */
  maxAliases: 15,
  /** See operationCost(). */
  maxCost: 5000,
  /** Lexical tokens in the query text (graphql-js stops parsing there); the introspection query has ~180. */
  maxTokens: 1000,
  /** Request body, bytes: larger bodies get HTTP 413 before they are parsed. */
  bodyLimit: GRAPHQL_BODY_LIMIT,
} as const;

const OBJECT_COST = 2;
const LEAF_COST = 1;

/**
 * An estimate of how many values an operation can return: a leaf costs 1, an object 2 plus its
 * selections, and a paginated field multiplies all that by its page size. The page size is the
 * literal `first` (clamped to 1..MAX_PAGE_SIZE, as larger values are refused anyway), the argument's
 * default when it is left out, and MAX_PAGE_SIZE when it is a variable, since variables are not known
 * while the document is validated. GraphQL Armor's cost rule only multiplies literal `first` values,
 * so a client passing page sizes as variables, as the web client does, got every list counted once.
 * Introspection is not counted: it is allowed or refused as a whole.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragment: (name: string) => FragmentDefinitionNode | null | undefined,
): number {
  // A fragment costs the same wherever it is spread, so each is costed once: a chain of fragments
  // each spreading the next twice would otherwise take exponential time to cost.
  const fragmentCosts = new Map<string, number>();

  const selectionsCost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, parent);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (isCompositeType(type)) cost += selectionsCost(selection.selectionSet, type);
      } else {
        cost += fragmentCost(selection.name.value);
      }
    }
    return cost;
  };

  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    // Cycles and unknown fragments are reported by graphql-js's own rules; count them as nothing.
    fragmentCosts.set(name, 0);
    const definition = fragment(name);
    const type = definition && schema.getType(definition.typeCondition.name.value);
    const cost = definition && isCompositeType(type) ? selectionsCost(definition.selectionSet, type) : 0;
    fragmentCosts.set(name, cost);
    return cost;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType): number => {
    if (node.name.value === '__schema' || node.name.value === '__type') return 0;
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    const type = field && getNamedType(field.type);
    if (!field || !node.selectionSet || !isCompositeType(type)) return LEAF_COST;
    return (OBJECT_COST + selectionsCost(node.selectionSet, type)) * pageSize(node, field);
  };

  const root = schema.getRootType(operation.operation);
  return root ? selectionsCost(operation.selectionSet, root) : 0;
}

function pageSize(node: FieldNode, field: GraphQLField<unknown, unknown>): number {
  const argument = field.args.find((arg) => arg.name === 'first');
  if (!argument) return 1;
  const value = node.arguments?.find((arg) => arg.name.value === 'first')?.value;
  if (!value) return typeof argument.defaultValue === 'number' ? argument.defaultValue : MAX_PAGE_SIZE;
  if (value.kind === Kind.INT) return Math.min(MAX_PAGE_SIZE, Math.max(1, Number.parseInt(value.value, 10)));
  return MAX_PAGE_SIZE;
}

function costLimitRule(maxCost: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const cost = operationCost(context.getSchema(), operation, (name) => context.getFragment(name));
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${cost}.`, { nodes: operation }),
        );
      }
    },
  });
}

/**
 * An operation whose root type the schema lacks is refused while the document is validated.
 * graphql-js 16 has no such rule (17's KnownOperationTypesRule) and only notices when it executes,
 * with an error Apollo cannot tell from a server fault. (Subscriptions exist, over WebSocket only:
 * see subscriptionsOverWebSocketRule in apollo.ts.)
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (!context.getSchema().getRootType(operation.operation)) {
      context.reportError(
        new GraphQLError(`The schema does not support ${operation.operation} operations.`, { nodes: operation }),
      );
    }
  },
});

// Armor's rules would throw, which Apollo turns into an internal error; reported as ordinary
// validation errors they give HTTP 400 and GRAPHQL_VALIDATION_FAILED. Armor words every rejection
// "Syntax Error: ...", which misleads about a query that parses fine.
const report = {
  propagateOnRejection: false,
  exposeLimits: true,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''))),
  ],
};

export function limitRules(): ValidationRule[] {
  return [
    maxDepthRule({
      n: LIMITS.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...report,
    }) as unknown as ValidationRule,
    maxAliasesRule({ n: LIMITS.maxAliases, ...report }) as unknown as ValidationRule,
    costLimitRule(LIMITS.maxCost),
    knownOperationTypesRule,
  ];
}
