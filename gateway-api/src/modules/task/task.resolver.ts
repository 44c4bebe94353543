// Tasks: the task queries and mutations, and the fields that hang off a task (loaded in batches).
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { badInput } from '../../lib/errors.js';
import { parseId } from '../../lib/ids.js';
import type { ColumnChoice } from '../column/column.service.js';
import type { TaskStatus } from './task-status.js';
import { Label } from '../label/label.type.js';
import { User } from '../user/user.type.js';
import { CreateTaskInput, MoveTaskInput, SearchTasksArgs, UpdateTaskInput } from './task.input.js';
import { Task, TaskConnection } from './task.type.js';
import type { Viewer } from '../auth/viewer.js';
import { CurrentViewer, IdArg } from '../shared/decorators.js';

/** An optional ID argument: undefined (left out) and null (cleared) pass through unchanged. */
function optionalId(value: string | null | undefined, field: string): number | null | undefined {
  return value === null || value === undefined ? value : parseId(value, field);
}

/** The column chosen by id, or (deprecated) by status; {} when neither is given. */
export function columnChoice(columnId: string | null | undefined, status: TaskStatus | null | undefined): ColumnChoice {
  if (columnId !== null && columnId !== undefined) return { columnId: parseId(columnId, 'columnId') };
  if (status) return { status };
  return {};
}

/** The column chosen by id or (deprecated) by status, where one of them must be given. */
export function requiredColumnChoice(
  columnId: string | null | undefined,
  status: TaskStatus | null | undefined,
): ColumnChoice {
  const choice = columnChoice(columnId, status);
  if ('columnId' in choice || 'status' in choice) return choice;
  throw badInput({ columnId: ['is required'] });
}

@Resolver(() => Task)
export class TaskResolver {
  @Authorized()
  @Query(() => Task, {
    nullable: true,
    description: 'A task on a board the signed-in user is a member of (NOT_FOUND otherwise).',
  })
  task(@IdArg('id') id: number, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return ctx.services.tasks.get(viewer.userId, id);
  }

  @Authorized()
  @Query(() => TaskConnection, {
    description:
      "Full-text search in one board's task titles and descriptions, most relevant first, narrowed by filters; " +
      "or, without words, the board's tasks that match the filters, in the board's order.",
  })
  searchTasks(
    @Args(() => SearchTasksArgs) args: SearchTasksArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.tasks.search(
      viewer.userId,
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
  @Mutation(() => Task, { description: 'Adds a task to a column: at the end, or where `index` says.' })
  createTask(
    @Arg('input', () => CreateTaskInput) input: CreateTaskInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.tasks.create(
      viewer.userId,
      {
        boardId: parseId(input.boardId, 'boardId'),
        title: input.title,
        description: input.description ?? null,
        column: columnChoice(input.columnId, input.status),
        index: input.index ?? null,
        assigneeId: optionalId(input.assigneeId, 'assigneeId') ?? null,
        dueDate: input.dueDate ?? null,
        labelIds: (input.labelIds ?? []).map((id) => parseId(id, 'labelIds')),
      },
      input.idempotencyKey,
    );
  }

  @Authorized()
  @Mutation(() => Task, { description: 'Changes the fields given; CONFLICT when expectedVersion is stale.' })
  updateTask(
    @Arg('input', () => UpdateTaskInput) input: UpdateTaskInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.tasks.update(viewer.userId, parseId(input.id), input.expectedVersion, {
      // a null title was rejected by validation
      title: input.title ?? undefined,
      description: input.description,
      assigneeId: optionalId(input.assigneeId, 'assigneeId'),
      dueDate: input.dueDate,
      labelIds: input.labelIds === undefined ? undefined : (input.labelIds ?? []).map((id) => parseId(id, 'labelIds')),
    });
  }

  @Authorized()
  @Mutation(() => Task, {
    description: 'Moves a task within its column or to another one; CONFLICT when expectedVersion is stale.',
  })
  moveTask(
    @Arg('input', () => MoveTaskInput) input: MoveTaskInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    const target = requiredColumnChoice(input.columnId, input.status);
    return ctx.services.tasks.move(viewer.userId, parseId(input.id), input.expectedVersion, target, input.index);
  }

  @Authorized()
  @Mutation(() => ID, {
    description: 'Deletes a task with its comments; returns its id. CONFLICT when expectedVersion is stale.',
  })
  async deleteTask(
    @IdArg('id') id: number,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    await ctx.services.tasks.delete(viewer.userId, id, expectedVersion);
    return id;
  }

  @FieldResolver(() => User, { nullable: true })
  assignee(@Root() task: Readonly<Task>, @Ctx() ctx: Context) {
    return task.assigneeId === null ? null : ctx.loaders.userById.load(task.assigneeId);
  }

  @FieldResolver(() => [Label], { description: 'Its labels, by name.' })
  labels(@Root() task: Readonly<Task>, @Ctx() ctx: Context) {
    return task.labels ?? ctx.loaders.labelsByTaskId.load(task.id);
  }

  @FieldResolver(() => Int)
  commentCount(@Root() task: Readonly<Task>, @Ctx() ctx: Context) {
    return task.commentCount ?? ctx.loaders.commentCountByTaskId.load(task.id);
  }
}
