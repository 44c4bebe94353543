// The `boardEvents` subscription and what an event's fields load. Every subscriber of a board
// receives the same events with the same loaders (feed.ts), so N subscribers cost the queries of one.
import type { GraphQLResolveInfo } from 'graphql';
import {
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { badInput, unauthenticated } from '../../lib/errors.js';
import { parseId } from '../../lib/ids.js';
import { Board, Member } from '../board/board.type.js';
import { Column } from '../column/column.type.js';
import { Comment } from '../comment/comment.type.js';
import type { Context } from '../context.js';
import { Label } from '../label/label.type.js';
import { Task } from '../task/task.type.js';
import { User } from '../user/user.type.js';
import type { EventLoaders } from './event.loaders.js';
import type { LiveItem } from './live.service.js';
import { BoardEvent, BoardEventKind } from './live.type.js';
import { selects } from '../shared/selection.js';

@ArgsType()
class BoardEventsArgs {
  @Field(() => ID)
  boardId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The id of the last event received: first every event of the board after it, then the new ones.',
  })
  after?: string | null;
}

const resyncEvent = (id: string, boardId: number): EventSource => ({
  id,
  kind: BoardEventKind.RESYNC_REQUIRED,
  boardId,
  at: new Date(),
  taskId: null,
  commentId: null,
  labelId: null,
  userId: null,
  columnId: null,
  actorId: null,
});

/** An event as its fields resolve it: the stored row, and the loaders of its batch. */
type EventSource = BoardEvent & { loaders?: EventLoaders };

function parseAfter(after: string | null | undefined): bigint | undefined {
  if (after === null || after === undefined) return undefined;
  if (!/^[0-9]{1,19}$/.test(after)) throw badInput({ after: ['is not an event id'] });
  return BigInt(after);
}

@Resolver(() => BoardEvent)
export class LiveResolver {
  // subscribe() below checks the viewer itself: it runs before @Authorized's check of each event
  @Authorized()
  @Subscription(() => BoardEvent, {
    description:
      'Every change to a board the viewer is a member of, as it is saved (NOT_FOUND for other boards). Ends with an error when the board is deleted or the viewer is removed from it.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, BoardEventsArgs, Context>) => {
      if (!context.viewer) throw unauthenticated();
      const boardId = parseId(args.boardId, 'boardId');
      const after = parseAfter(args.after);
      await context.services.boards.get(context.viewer.userId, boardId);
      return context.services.live.follow(context.viewer.userId, boardId, after);
    },
  })
  boardEvents(
    @Root() item: LiveItem,
    @Args(() => BoardEventsArgs) _args: BoardEventsArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): EventSource {
    if (item.type === 'ended') throw item.error;
    if (item.type === 'resync') return resyncEvent('0', item.boardId);
    // The fields below, and the Task, Comment and Label fields under them, load through the batch's
    // loaders, shared by every subscriber of the board (events of one subscription run one at a time).
    context.loaders = item.loaders;
    const { event } = item;
    const is = (prefix: string) => event.kind.startsWith(prefix);
    // a client that knows no columns cannot apply a column's change: it reloads the board instead
    if (is('COLUMN_') && !selects(info, ['columnId', 'column'])) return resyncEvent(event.id.toString(), event.boardId);
    return {
      id: event.id.toString(),
      kind: event.kind,
      boardId: event.boardId,
      at: event.createdAt,
      taskId: is('TASK_') ? event.entityId : is('COMMENT_') ? event.taskId : null,
      commentId: is('COMMENT_') ? event.entityId : null,
      labelId: is('LABEL_') ? event.entityId : null,
      userId: is('MEMBER_') ? event.entityId : null,
      columnId: is('COLUMN_') ? event.entityId : null,
      actorId: event.actorId,
      loaders: item.loaders,
    };
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who made the change.' })
  actor(@Root() event: EventSource) {
    return event.actorId === null || !event.loaders ? null : event.loaders.userById.load(event.actorId);
  }

  @FieldResolver(() => Task, { nullable: true, description: 'TASK_* and COMMENT_* events: the task as it is now.' })
  task(@Root() event: EventSource) {
    return event.taskId === null || !event.loaders ? null : event.loaders.taskById.load(event.taskId);
  }

  @FieldResolver(() => Comment, { nullable: true, description: 'COMMENT_* events: the comment as it is now.' })
  comment(@Root() event: EventSource) {
    return event.commentId === null || !event.loaders ? null : event.loaders.commentById.load(event.commentId);
  }

  @FieldResolver(() => Label, { nullable: true, description: 'LABEL_* events: the label as it is now.' })
  label(@Root() event: EventSource) {
    return event.labelId === null || !event.loaders ? null : event.loaders.labelById.load(event.labelId);
  }

  @FieldResolver(() => Member, { nullable: true, description: 'MEMBER_ADDED: the new member.' })
  member(@Root() event: EventSource) {
    return event.userId === null || !event.loaders
      ? null
      : event.loaders.member.load(`${event.boardId}:${event.userId}`);
  }

  @FieldResolver(() => Column, {
    nullable: true,
    description: 'COLUMN_CREATED, COLUMN_UPDATED and COLUMN_MOVED: the column as it is now.',
  })
  column(@Root() event: EventSource) {
    return event.columnId === null || !event.loaders ? null : event.loaders.columnById.load(event.columnId);
  }

  @FieldResolver(() => String, { nullable: true, description: "The board's name now (BOARD_RENAMED)." })
  boardName(@Root() event: EventSource) {
    return event.kind !== BoardEventKind.BOARD_RENAMED || !event.loaders
      ? null
      : event.loaders.boardNameById.load(event.boardId);
  }
}

@Resolver(() => Board)
export class BoardLiveResolver {
  @FieldResolver(() => ID, {
    description:
      'Where live updates start: subscribe to boardEvents with `after` set to this to receive every change ' +
      'saved since this answer was read, so that nothing falls between loading the board and subscribing.',
  })
  async liveFrom(@Root() board: Readonly<Board>, @Ctx() context: Context): Promise<string> {
    return (board.newestEventId ?? (await context.loaders.newestEventId.load('newest'))).toString();
  }
}
