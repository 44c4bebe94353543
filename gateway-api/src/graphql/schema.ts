// Builds the executable schema from the resolver classes, and prints it as the SDL contract
// (sorted, so the same code always gives the same bytes).
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { BoardResolver } from '../modules/board/board.resolver.js';
import { ColumnResolver } from '../modules/column/column.resolver.js';
import { CommentResolver, TaskCommentsResolver } from '../modules/comment/comment.resolver.js';
import { LabelResolver } from '../modules/label/label.resolver.js';
import { BoardLiveResolver, LiveResolver } from '../modules/live/live.resolver.js';
import { TaskResolver } from '../modules/task/task.resolver.js';
import { authChecker } from './session.js';

export const RESOLVERS = [
  AuthResolver,
  BoardResolver,
  ColumnResolver,
  TaskResolver,
  LabelResolver,
  CommentResolver,
  TaskCommentsResolver,
  LiveResolver,
  BoardLiveResolver,
] as const;

/** Subscriptions here name no topics (`subscribe` instead): nothing may publish or listen to one. */
const NO_TOPICS: PubSub = {
  publish() {
    throw new Error('no topics: live updates are written to the outbox (modules/live/outbox.ts)');
  },
  subscribe() {
    throw new Error('no topics: subscriptions read the outbox (modules/live/feed.ts)');
  },
};

let built: Promise<GraphQLSchema> | undefined;

/** The schema is the same for the life of the process: build it once. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    // class-validator runs on every input and args object, once, at the edge
    validate: { forbidUnknownValues: false },
    // type-graphql wants a PubSub for any subscription; ours read the outbox instead (modules/live)
    pubSub: NO_TOPICS,
  });
  return built;
}

export function printSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
