// Live updates as GraphQL types: a BoardEvent names what changed; its fields load the current state
// of what it names, which the client's cache takes in as it takes in any query's answer.
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { BoardEventKind as StoredKind } from '../../generated/prisma/enums.js';

/** What an event says: a change recorded in the outbox, or that the subscriber must reload the board. */
export const BoardEventKind = { ...StoredKind, RESYNC_REQUIRED: 'RESYNC_REQUIRED' } as const;
export type BoardEventKind = (typeof BoardEventKind)[keyof typeof BoardEventKind];

registerEnumType(BoardEventKind, {
  name: 'BoardEventKind',
  description: 'What changed on a board.',
  valuesConfig: {
    RESYNC_REQUIRED: {
      description:
        'Events were missed (the subscriber was away longer than events are kept, 24 hours, or fell far ' +
        'behind): reload the board. The event names nothing else.',
    },
    BOARD_DELETED: { description: 'The last event of the board: its subscriptions end after it.' },
    MEMBER_REMOVED: { description: 'When the member is the subscriber, the subscription ends after it.' },
    COLUMN_DELETED: {
      description:
        "The column is gone, and its tasks moved to another column (with new versions): load the board's columns again.",
    },
  },
});

@ObjectType('BoardEvent', {
  simpleResolvers: true,
  description:
    'A change to a board, delivered to every subscriber of the board in the order its changes were saved. ' +
    'The fields about what changed load its current state (null once it is gone).',
})
export class BoardEvent {
  @Field(() => ID, {
    description:
      'Increasing on its board. Subscribe again with `after` set to the last id received to get every ' +
      'event since then, each once.',
  })
  id!: string;

  @Field(() => BoardEventKind)
  kind!: BoardEventKind;

  @Field(() => ID)
  boardId!: number;

  @Field(() => DateTimeISOResolver, { description: 'When the change was saved.' })
  at!: Date;

  @Field(() => ID, { nullable: true, description: 'TASK_* events, and COMMENT_* (the comment’s task).' })
  taskId!: number | null;

  @Field(() => ID, { nullable: true, description: 'COMMENT_* events.' })
  commentId!: number | null;

  @Field(() => ID, { nullable: true, description: 'LABEL_* events.' })
  labelId!: number | null;

  @Field(() => ID, { nullable: true, description: 'MEMBER_* events: the member’s user id.' })
  userId!: number | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'COLUMN_* events. A subscription whose document selects neither this nor `column` (a client of the previous release, which knows no columns) receives each COLUMN_* event as RESYNC_REQUIRED instead.',
  })
  columnId!: number | null;

  /** who made the change (the `actor` field) */
  actorId!: number | null;
}
