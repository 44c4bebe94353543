// (d) Plain Apollo Server 5: the contract's SDL (schema/schema.graphql) with a hand-written resolver
// map over gateway-api's own services and per-request DataLoaders, on node:http. What is left out
// is exactly what gateway-api adds around the same data access: type-graphql (schema from classes,
// class-validator on every input, @Authorized), Fastify and its Apollo integration, the query
// limits (depth, aliases, cost), the viewer and metrics plugins and error masking. The session is
// looked up when the context is built (one statement, as gateway-api's viewer plugin runs).
//
// gateway-api's services import its pagination helpers, which sit next to type-graphql classes:
// loading them needs the reflect-metadata polyfill, so this server loads type-graphql's decorators
// too (not its schema building or resolver layer).
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { DateTimeISOResolver } from 'graphql-scalars';
import type { GraphQLError } from 'graphql';
import { createDatabase } from 'gateway-api/database';
import {
  type TaskStatus,
  unauthenticated,
  parseId,
  createLoaders,
  type Loaders,
  toConnection,
  type Board,
  type Column,
  commentKey,
  decodeCommentCursor,
  type Comment,
  type Task,
  createServices,
  type Services,
} from 'gateway-api/domain';
import { apolloHandler, config as loadConfig, serve, sessionCookie, sessionToken } from './common.js';

const config = loadConfig();
const schemaFile = process.env.BENCH_SCHEMA_FILE;
if (!schemaFile) throw new Error('BENCH_SCHEMA_FILE must name schema/schema.graphql');
const typeDefs = readFileSync(schemaFile, 'utf8');
const database = createDatabase(config.database);
const { prisma } = database;
const services = createServices(database, config);

interface PlainContext {
  viewer: { userId: number; sessionId: number } | null;
  services: Services;
  loaders: Loaders;
  sessionCookie: ReturnType<typeof sessionCookie>;
}

type Args = Record<string, unknown>;
/** TaskService.search's filters (its SearchOrder enum's values are the GraphQL enum's names) */
type TaskSearch = Parameters<Services['tasks']['search']>[2];
type Input = Record<string, string | number | string[] | null | undefined>;

const userId = (ctx: PlainContext) => {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer.userId;
};
const optionalId = (value: unknown, field: string) =>
  value === null || value === undefined ? value : parseId(value as string, field);

const resolvers = {
  DateTimeISO: DateTimeISOResolver,
  Query: {
    me: (_: unknown, __: Args, ctx: PlainContext) => (ctx.viewer ? ctx.loaders.userById.load(ctx.viewer.userId) : null),
    board: (_: unknown, { id }: Args, ctx: PlainContext) => ctx.services.boards.get(userId(ctx), parseId(id as string)),
    task: (_: unknown, { id }: Args, ctx: PlainContext) => ctx.services.tasks.get(userId(ctx), parseId(id as string)),
    searchTasks: (_: unknown, args: Args, ctx: PlainContext) =>
      ctx.services.tasks.search(
        userId(ctx),
        parseId(args.boardId as string, 'boardId'),
        {
          query: args.query as string,
          columnId: optionalId(args.columnId, 'columnId'),
          status: (args.status as TaskStatus | null | undefined) ?? null,
          assigneeId: optionalId(args.assigneeId, 'assigneeId'),
          unassigned: args.unassigned as boolean | null | undefined,
          labelId: optionalId(args.labelId, 'labelId'),
          dueFrom: args.dueFrom as Date | null | undefined,
          dueBefore: args.dueBefore as Date | null | undefined,
          open: args.open as boolean | null | undefined,
          order: args.order as TaskSearch['order'],
        },
        args.first as number,
        args.after as string | null | undefined,
      ),
  },
  Mutation: {
    signIn: async (_: unknown, { input }: { input: { email: string; password: string } }, ctx: PlainContext) => {
      const session = await ctx.services.auth.signIn(input);
      ctx.sessionCookie.set(session.token, session.expiresAt);
      return { user: session.user };
    },
    createTask: (_: unknown, { input }: { input: Input }, ctx: PlainContext) =>
      ctx.services.tasks.create(
        userId(ctx),
        {
          boardId: parseId(input.boardId as string, 'boardId'),
          title: input.title as string,
          description: (input.description as string | null | undefined) ?? null,
          column: input.columnId
            ? { columnId: parseId(input.columnId as string, 'columnId') }
            : { status: ((input.status as TaskStatus | undefined) ?? 'TODO') as TaskStatus },
          index: (input.index as number | null | undefined) ?? null,
          assigneeId: (optionalId(input.assigneeId, 'assigneeId') as number | null | undefined) ?? null,
          dueDate: input.dueDate ? new Date(input.dueDate as string) : null,
          labelIds: ((input.labelIds as string[] | null | undefined) ?? []).map((id) => parseId(id, 'labelIds')),
        },
        input.idempotencyKey as string | null | undefined,
      ),
    moveTask: (_: unknown, { input }: { input: Input }, ctx: PlainContext) =>
      ctx.services.tasks.move(
        userId(ctx),
        parseId(input.id as string),
        input.expectedVersion as number,
        input.columnId
          ? { columnId: parseId(input.columnId as string, 'columnId') }
          : { status: input.status as TaskStatus },
        input.index as number,
      ),
  },
  Board: {
    columns: (board: Board, { first }: { first: number }, ctx: PlainContext) =>
      ctx.services.tasks.columns(board.id, first),
    members: (board: Board, _: Args, ctx: PlainContext) => ctx.loaders.membersByBoardId.load(board.id),
    labels: (board: Board, _: Args, ctx: PlainContext) => ctx.loaders.labelsByBoardId.load(board.id),
    // the newest live event when the board was read (BoardService.get reads it with the board), as gateway-api
    liveFrom: async (board: Board, _: Args, ctx: PlainContext) =>
      (board.newestEventId ?? (await ctx.loaders.newestEventId.load('newest'))).toString(),
  },
  Column: {
    tasks: (column: Column) => column.firstTasks,
  },
  Task: {
    assignee: (task: Task, _: Args, ctx: PlainContext) =>
      task.assigneeId === null ? null : ctx.loaders.userById.load(task.assigneeId),
    labels: (task: Task, _: Args, ctx: PlainContext) => ctx.loaders.labelsByTaskId.load(task.id),
    commentCount: (task: Task, _: Args, ctx: PlainContext) => ctx.loaders.commentCountByTaskId.load(task.id),
    comments: async (task: Task, { first, after }: { first: number; after?: string | null }, ctx: PlainContext) => {
      const [rows, totalCount] = await Promise.all([
        ctx.loaders.commentPage.load({ taskId: task.id, first, after: decodeCommentCursor(after) }),
        ctx.loaders.commentCountByTaskId.load(task.id),
      ]);
      return toConnection(rows, first, totalCount, commentKey);
    },
  },
  Comment: {
    author: (comment: Comment, _: Args, ctx: PlainContext) => ctx.loaders.userById.load(comment.authorId),
  },
};

const apollo = new ApolloServer<PlainContext>({
  typeDefs,
  resolvers,
  introspection: config.introspection,
  includeStacktraceInErrorResponses: false,
  // shutdown is common.ts's (as gateway-api's is its own): Apollo's SIGTERM handler would race it
  stopOnTerminationSignals: false,
  formatError: (formatted, error) => {
    if (!formatted.extensions?.code || formatted.extensions.code === 'INTERNAL_SERVER_ERROR') {
      console.error((error as GraphQLError).originalError ?? error);
    }
    return formatted;
  },
});
await apollo.start();

await serve({
  config,
  ping: () => prisma.$queryRaw`SELECT 1`,
  close: async () => {
    await apollo.stop();
    await prisma.$disconnect();
  },
  graphql: apolloHandler(apollo, async (req, res) => ({
    viewer: await services.auth.viewerFromToken(sessionToken(req, config.isProduction)),
    services,
    loaders: createLoaders(database.sql),
    sessionCookie: sessionCookie(res, config.isProduction),
  })),
});
