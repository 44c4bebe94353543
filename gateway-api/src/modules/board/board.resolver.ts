// Boards: queries, mutations, and the fields that hang off a board. A Board object only ever
// comes out of BoardService, which has checked membership; its fields rely on that.
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../context.js';
import { STATUS_DEPRECATION, TaskStatus } from '../task/task-status.js';
import { parseId } from '../../lib/ids.js';
import { FirstArgs, PageArgs } from '../shared/connection.js';
import { Label } from '../label/label.type.js';
import { Column } from '../column/column.type.js';
import { TaskConnection } from '../task/task.type.js';
import { requiredColumnChoice } from '../task/task.resolver.js';
import { AddMemberInput, CreateBoardInput, RenameBoardInput } from './board.input.js';
import { Board, BoardConnection, Member } from './board.type.js';
import type { Viewer } from '../auth/viewer.js';
import { CurrentViewer, IdArg } from '../shared/decorators.js';
import { selects } from '../shared/selection.js';

@Resolver(() => Board)
export class BoardResolver {
  @Authorized()
  @Query(() => BoardConnection, { description: 'The boards the signed-in user is a member of.' })
  boards(@Args(() => PageArgs) { first, after }: PageArgs, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return ctx.services.boards.listForViewer(viewer.userId, first, after);
  }

  @Authorized()
  @Query(() => Board, { description: 'A board the signed-in user is a member of (NOT_FOUND otherwise).' })
  board(@IdArg('id') id: number, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return ctx.services.boards.get(viewer.userId, id);
  }

  @Authorized()
  @Mutation(() => Board, { description: 'Creates a board; the signed-in user becomes its owner.' })
  createBoard(
    @Arg('input', () => CreateBoardInput) input: CreateBoardInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.boards.create(viewer.userId, input.name, input.idempotencyKey);
  }

  @Authorized()
  @Mutation(() => Board, { description: 'Owner only.' })
  renameBoard(
    @Arg('input', () => RenameBoardInput) input: RenameBoardInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.boards.rename(viewer.userId, parseId(input.id), input.name);
  }

  @Authorized()
  @Mutation(() => ID, { description: 'Owner only. Deletes the board with all its tasks; returns its id.' })
  async deleteBoard(@IdArg('id') id: number, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    await ctx.services.boards.delete(viewer.userId, id);
    return id;
  }

  @Authorized()
  @Mutation(() => Member, { description: 'Owner only. Adds an existing account to the board by email.' })
  addMember(
    @Arg('input', () => AddMemberInput) input: AddMemberInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.boards.addMember(
      viewer.userId,
      parseId(input.boardId, 'boardId'),
      input.email,
      input.role,
      input.idempotencyKey,
    );
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'The owner removes any member; a member may remove themself. Their tasks on the board become unassigned.',
  })
  async removeMember(
    @IdArg('boardId') boardId: number,
    @IdArg('userId') userId: number,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    await ctx.services.boards.removeMember(viewer.userId, boardId, userId);
    return true;
  }

  @FieldResolver(() => [Member])
  members(@Root() board: Readonly<Board>, @Ctx() ctx: Context) {
    return ctx.loaders.membersByBoardId.load(board.id);
  }

  @FieldResolver(() => Int, { description: 'How many tasks the board has, in all its columns.' })
  taskCount(@Root() board: Readonly<Board>, @Ctx() ctx: Context) {
    return ctx.loaders.taskCountByBoardId.load(board.id);
  }

  @FieldResolver(() => [Label], { description: "The board's labels, by name." })
  labels(@Root() board: Readonly<Board>, @Ctx() ctx: Context) {
    return ctx.loaders.labelsByBoardId.load(board.id);
  }

  @FieldResolver(() => [Column], {
    description: "The board's columns in order, each with its first tasks (`first` per column), in two statements.",
  })
  columns(
    @Root() board: Readonly<Board>,
    @Args(() => FirstArgs) { first }: FirstArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    // without their tasks (the task dialog's choice of column): the columns alone, one statement
    if (!selects(info, ['tasks'])) return ctx.loaders.columnsByBoardId.load(board.id);
    return ctx.services.tasks.columns(board.id, first);
  }

  @FieldResolver(() => TaskConnection, { description: "One column's tasks, page by page." })
  tasks(
    @Root() board: Readonly<Board>,
    @Arg('columnId', () => ID, {
      nullable: true,
      description: 'A column of the board. Required unless status is given.',
    })
    columnId: string | null | undefined,
    @Arg('status', () => TaskStatus, {
      nullable: true,
      deprecationReason: STATUS_DEPRECATION,
      description: "The board's first column of this status, when columnId is left out.",
    })
    status: TaskStatus | null | undefined,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.tasks.column(board.id, requiredColumnChoice(columnId, status), first, after);
  }
}
