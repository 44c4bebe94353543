// Limits on what one GraphQL request may ask for, checked before anything executes (so a rejected
// request runs no SQL). GraphQL Armor's rules; the numbers fit the web client's largest operation
// (the board view) with room to spare. See README, "API limits".
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';

export const LIMITS = {
  /** board { columns { tasks { edges { node { labels { name } } } } } } is 7 deep */
  maxDepth: 8,
  maxAliases: 15,
  maxCost: 5000,
  maxTokens: 1000,
  /** request body, bytes: larger bodies get HTTP 413 before parsing */
  bodyLimit: 100 * 1024,
} as const;

// Report a violation as an ordinary validation error (HTTP 400, GRAPHQL_VALIDATION_FAILED) instead
// of throwing, which Apollo would turn into an internal error.
const report = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  exposeLimits: true,
};

export function limitRules(): ValidationRule[] {
  return [
    maxDepthRule({ n: LIMITS.maxDepth, ignoreIntrospection: true, ...report }),
    maxAliasesRule({ n: LIMITS.maxAliases, ...report }),
    costLimitRule({ maxCost: LIMITS.maxCost, ignoreIntrospection: true, ...report }),
  ] as unknown as ValidationRule[];
}
