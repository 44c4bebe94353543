// (c) The naive peer: the same GraphQL types (gateway-api's own type-graphql classes), resolved the
// way the common type-graphql + Prisma examples do it: every relation field runs its own Prisma
// query for its own row, with no DataLoader. Queries and mutations that are not about relations
// (search, create, move, sign-in) call gateway-api's services, as such an app would have them too.
// Served by Apollo Server 5 on node:http, like the examples' standalone server.
//
// Prisma itself merges findUnique() calls made in the same tick into one query (its "findUnique
// batching"), so the per-row findUnique resolvers here (assignee, comment author) cost one query
// per list, not per row; findMany() and count() are not merged. The statement counts are measured.
import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  buildSchema,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  type AuthChecker,
} from 'type-graphql';
import { createDatabase } from 'gateway-api/database';
import {
  notFound,
  unauthenticated,
  parseId,
  DEFAULT_PAGE_SIZE,
  toConnection,
  PageArgs,
  SignInInput,
  AuthPayload,
  Board,
  Member,
  commentKey,
  decodeCommentCursor,
  Comment,
  CommentConnection,
  Label,
  CreateTaskInput,
  MoveTaskInput,
  SearchTasksArgs,
  Column,
  Task,
  TaskConnection,
  User,
  createServices,
  type Services,
} from 'gateway-api/domain';
import { apolloHandler, config as loadConfig, serve, sessionCookie, sessionToken } from './common.js';

const config = loadConfig();
const database = createDatabase(config.database);
const { prisma } = database;
const services = createServices(database, config);

interface NaiveContext {
  viewer: { userId: number; sessionId: number } | null;
  prisma: typeof prisma;
  services: Services;
  sessionCookie: ReturnType<typeof sessionCookie>;
}

const userId = (ctx: NaiveContext) => {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer.userId;
};

const authChecker: AuthChecker<NaiveContext> = ({ context }) => {
  if (!context.viewer) throw unauthenticated();
  return true;
};

const optionalId = (value: string | null | undefined, field: string) =>
  value === null || value === undefined ? value : parseId(value, field);

@ArgsType()
class ColumnsArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE })
  first: number = DEFAULT_PAGE_SIZE;
}

@Resolver(() => Column)
class NaiveColumnResolver {
  @FieldResolver(() => TaskConnection)
  tasks(@Root() column: Column) {
    return column.firstTasks;
  }
}

@Resolver()
class NaiveAuthResolver {
  @Mutation(() => AuthPayload)
  async signIn(@Arg('input', () => SignInInput) input: SignInInput, @Ctx() ctx: NaiveContext): Promise<AuthPayload> {
    const session = await ctx.services.auth.signIn(input);
    ctx.sessionCookie.set(session.token, session.expiresAt);
    return { user: session.user };
  }
}

@Resolver(() => Board)
class NaiveBoardResolver {
  @Authorized()
  @Query(() => Board)
  async board(@Arg('id', () => ID) id: string, @Ctx() ctx: NaiveContext): Promise<Board> {
    const membership = await ctx.prisma.membership.findUnique({
      where: { boardId_userId: { boardId: parseId(id), userId: userId(ctx) } },
      include: { board: true },
    });
    if (!membership) throw notFound('Board');
    return { ...membership.board, viewerRole: membership.role };
  }

  @FieldResolver(() => [Column])
  async columns(
    @Root() board: Board,
    @Args(() => ColumnsArgs) { first }: ColumnsArgs,
    @Ctx() ctx: NaiveContext,
  ): Promise<Column[]> {
    const columns = await ctx.prisma.boardColumn.findMany({
      where: { boardId: board.id },
      orderBy: { position: 'asc' },
    });
    return Promise.all(
      columns.map(async (column) => {
        const where = { columnId: column.id };
        const [rows, total] = await Promise.all([
          ctx.prisma.task.findMany({ where, orderBy: [{ position: 'asc' }, { id: 'asc' }], take: first + 1 }),
          ctx.prisma.task.count({ where }),
        ]);
        return { ...column, firstTasks: toConnection(rows, first, total, (t) => [t.position, t.id]) };
      }),
    );
  }

  @FieldResolver(() => [Member])
  async members(@Root() board: Board, @Ctx() ctx: NaiveContext): Promise<Member[]> {
    const rows = await ctx.prisma.membership.findMany({
      where: { boardId: board.id },
      include: { user: true },
      orderBy: [{ role: 'asc' }, { createdAt: 'asc' }, { userId: 'asc' }],
    });
    return rows.map((m) => ({ user: m.user, role: m.role, joinedAt: m.createdAt }));
  }

  @FieldResolver(() => [Label])
  labels(@Root() board: Board, @Ctx() ctx: NaiveContext) {
    return ctx.prisma.label.findMany({ where: { boardId: board.id }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  }

  /** where live updates start: the newest event's id (the examples' way: a query of its own) */
  @FieldResolver(() => ID)
  async liveFrom(@Ctx() ctx: NaiveContext): Promise<string> {
    const newest = await ctx.prisma.boardEvent.aggregate({ _max: { id: true } });
    return String(newest._max.id ?? 0);
  }
}

@Resolver(() => Task)
class NaiveTaskResolver {
  @Authorized()
  @Query(() => Task, { nullable: true })
  async task(@Arg('id', () => ID) id: string, @Ctx() ctx: NaiveContext) {
    const task = await ctx.prisma.task.findFirst({
      where: { id: parseId(id), board: { memberships: { some: { userId: userId(ctx) } } } },
    });
    if (!task) throw notFound('Task');
    return task;
  }

  @Authorized()
  @Query(() => TaskConnection)
  searchTasks(@Args(() => SearchTasksArgs) args: SearchTasksArgs, @Ctx() ctx: NaiveContext) {
    return ctx.services.tasks.search(
      userId(ctx),
      parseId(args.boardId, 'boardId'),
      {
        query: args.query,
        columnId: optionalId(args.columnId, 'columnId'),
        status: args.status,
        assigneeId: optionalId(args.assigneeId, 'assigneeId'),
        unassigned: args.unassigned,
        labelId: optionalId(args.labelId, 'labelId'),
        dueFrom: args.dueFrom,
        dueBefore: args.dueBefore,
        open: args.open,
        order: args.order,
      },
      args.first,
      args.after,
    );
  }

  @Authorized()
  @Mutation(() => Task)
  createTask(@Arg('input', () => CreateTaskInput) input: CreateTaskInput, @Ctx() ctx: NaiveContext) {
    return ctx.services.tasks.create(
      userId(ctx),
      {
        boardId: parseId(input.boardId, 'boardId'),
        title: input.title,
        description: input.description ?? null,
        column: input.columnId ? { columnId: parseId(input.columnId, 'columnId') } : { status: input.status ?? 'TODO' },
        index: input.index ?? null,
        assigneeId: optionalId(input.assigneeId, 'assigneeId') ?? null,
        dueDate: input.dueDate ?? null,
        labelIds: (input.labelIds ?? []).map((id) => parseId(id, 'labelIds')),
      },
      input.idempotencyKey,
    );
  }

  @Authorized()
  @Mutation(() => Task)
  moveTask(@Arg('input', () => MoveTaskInput) input: MoveTaskInput, @Ctx() ctx: NaiveContext) {
    const target = input.columnId
      ? { columnId: parseId(input.columnId, 'columnId') }
      : { status: input.status ?? 'TODO' };
    return ctx.services.tasks.move(userId(ctx), parseId(input.id), input.expectedVersion, target, input.index);
  }

  @FieldResolver(() => ID)
  columnId(@Root() task: Task) {
    return task.columnId;
  }

  @FieldResolver(() => User, { nullable: true })
  assignee(@Root() task: Task, @Ctx() ctx: NaiveContext) {
    return task.assigneeId === null ? null : ctx.prisma.user.findUnique({ where: { id: task.assigneeId } });
  }

  @FieldResolver(() => [Label])
  labels(@Root() task: Task, @Ctx() ctx: NaiveContext) {
    return ctx.prisma.label.findMany({
      where: { tasks: { some: { taskId: task.id } } },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    });
  }

  @FieldResolver(() => Int)
  commentCount(@Root() task: Task, @Ctx() ctx: NaiveContext) {
    return ctx.prisma.comment.count({ where: { taskId: task.id } });
  }

  @FieldResolver(() => CommentConnection)
  async comments(@Root() task: Task, @Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: NaiveContext) {
    const cursor = decodeCommentCursor(after);
    const [rows, total] = await Promise.all([
      ctx.prisma.comment.findMany({
        where: {
          taskId: task.id,
          ...(cursor
            ? {
                OR: [
                  { createdAt: { gt: new Date(cursor[0]) } },
                  { createdAt: new Date(cursor[0]), id: { gt: cursor[1] } },
                ],
              }
            : {}),
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: first + 1,
      }),
      ctx.prisma.comment.count({ where: { taskId: task.id } }),
    ]);
    return toConnection(rows, first, total, commentKey);
  }
}

@Resolver(() => Comment)
class NaiveCommentResolver {
  @FieldResolver(() => User)
  author(@Root() comment: Comment, @Ctx() ctx: NaiveContext) {
    return ctx.prisma.user.findUniqueOrThrow({ where: { id: comment.authorId } });
  }
}

const schema = await buildSchema({
  resolvers: [NaiveAuthResolver, NaiveBoardResolver, NaiveColumnResolver, NaiveTaskResolver, NaiveCommentResolver],
  authChecker,
  validate: { forbidUnknownValues: false },
});

const apollo = new ApolloServer<NaiveContext>({
  schema,
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
    prisma,
    services,
    sessionCookie: sessionCookie(res, config.isProduction),
  })),
});
