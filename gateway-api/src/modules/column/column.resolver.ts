// Columns: the owner's mutations, and a column's tasks. A Column object only comes out of services
// that have checked the viewer's membership of its board (Board.columns, the mutations, live events).
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { parseId } from '../../lib/ids.js';
import type { Viewer } from '../auth/viewer.js';
import { CurrentViewer } from '../shared/decorators.js';
import { TaskConnection } from '../task/task.type.js';
import { CreateColumnInput, DeleteColumnInput, MoveColumnInput, UpdateColumnInput } from './column.input.js';
import { Column } from './column.type.js';

/** A column's first page where it comes without one (a live event's column): the web client's page size. */
const DEFAULT_PAGE = 20;

@Resolver(() => Column)
export class ColumnResolver {
  @Authorized()
  @Mutation(() => Column, { description: 'Owner only. Adds a column to a board (at most 20).' })
  createColumn(
    @Arg('input', () => CreateColumnInput) input: CreateColumnInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.columns.create(
      viewer.userId,
      {
        boardId: parseId(input.boardId, 'boardId'),
        name: input.name,
        wipLimit: input.wipLimit ?? null,
        index: input.index,
      },
      input.idempotencyKey,
    );
  }

  @Authorized()
  @Mutation(() => Column, { description: 'Owner only. Renames a column, or sets or removes its WIP limit.' })
  updateColumn(
    @Arg('input', () => UpdateColumnInput) input: UpdateColumnInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.columns.update(viewer.userId, parseId(input.id), {
      // a null name was refused by validation
      name: input.name ?? undefined,
      wipLimit: input.wipLimit,
    });
  }

  @Authorized()
  @Mutation(() => [Column], {
    description: "Owner only. Moves a column; returns the board's columns in their new order.",
  })
  moveColumn(
    @Arg('input', () => MoveColumnInput) input: MoveColumnInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.columns.move(viewer.userId, parseId(input.id), input.index);
  }

  @Authorized()
  @Mutation(() => [Column], {
    description:
      "Owner only. Deletes a column; its tasks go to moveTasksTo (required when it holds any). Returns the board's columns. A board keeps at least one.",
  })
  deleteColumn(
    @Arg('input', () => DeleteColumnInput) input: DeleteColumnInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    const moveTasksTo =
      input.moveTasksTo === null || input.moveTasksTo === undefined ? null : parseId(input.moveTasksTo, 'moveTasksTo');
    return ctx.services.columns.delete(viewer.userId, parseId(input.id), moveTasksTo);
  }

  @FieldResolver(() => TaskConnection, {
    description: "Its tasks in order: the first page Board.columns asked for; 'load more' with Board.tasks.",
  })
  tasks(@Root() column: Readonly<Column>, @Ctx() ctx: Context) {
    return column.firstTasks ?? ctx.services.tasks.columnTasks(column.id, DEFAULT_PAGE);
  }
}
