import {
  ArrayMaxSize,
  IsDefined,
  IsOptional,
  MaxDate,
  MaxLength,
  Min,
  MinDate,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { DateTimeISOResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { STATUS_DEPRECATION, TaskStatus } from './task-status.js';
import { SearchOrder } from './search-order.js';
import { PageArgs } from '../shared/connection.js';
import { IdempotencyKeyField } from '../idempotency/idempotency.input.js';

registerEnumType(SearchOrder, {
  name: 'SearchOrder',
  description: "How searchTasks orders its results: by relevance to the words, or in the board's order.",
  valuesConfig: {
    RELEVANCE: { description: 'Best match first (needs words; without any, BOARD is used).' },
    BOARD: { description: "Column by column, in the board's order, and in each column as on the board." },
  },
});

export const TITLE_MAX = 191;
export const DESCRIPTION_MAX = 10_000;
export const LABELS_MAX = 50;
export const QUERY_MAX = 200;

// class-validator's length checks count a character followed by a variation selector as one, but
// the database counts code points: a title that passed them could still overflow VARCHAR(191).
const codePoints = (text: string) => [...text].length;

/** A title: a string with something other than spaces, at most TITLE_MAX characters. */
function IsTaskTitle(): PropertyDecorator {
  return ValidateBy({
    name: 'isTaskTitle',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /\S/.test(value) && codePoints(value) <= TITLE_MAX,
      defaultMessage: (args) =>
        typeof args?.value === 'string' && /\S/.test(args.value)
          ? `must be at most ${TITLE_MAX} characters`
          : 'must not be blank',
    },
  });
}

// DATETIME's documented range; outside it MariaDB silently stores another date (year 1 as 2001).
const DUE_DATE_MESSAGE = { message: 'must be in the years 1000 to 9999' };
const DUE_DATE_MIN = new Date('1000-01-01T00:00:00.000Z');
const DUE_DATE_MAX = new Date('9999-12-31T23:59:59.999Z');

function MaxCodePoints(max: number): PropertyDecorator {
  return ValidateBy({
    name: 'maxCodePoints',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && codePoints(value) <= max,
      defaultMessage: () => `must be at most ${max} characters`,
    },
  });
}

@InputType('CreateTaskInput')
export class CreateTaskInput {
  @Field(() => ID)
  boardId!: string;

  @Field(() => String, { description: `1 to ${TITLE_MAX} characters; surrounding spaces are dropped.` })
  @IsTaskTitle()
  title!: string;

  @Field(() => String, { nullable: true, description: `At most ${DESCRIPTION_MAX} characters.` })
  @IsOptional()
  @MaxCodePoints(DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The column, one of the board's. Left out: the board's first column.",
  })
  columnId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Where it goes in its column, 0-based: 0 at the top. Left out (or past the end): at the end.',
  })
  @IsOptional()
  @Min(0, { message: 'must be 0 or more' })
  index?: number | null;

  @Field(() => TaskStatus, {
    nullable: true,
    deprecationReason: STATUS_DEPRECATION,
    description: "The board's first column of this status, when columnId is left out.",
  })
  status?: TaskStatus | null;

  @Field(() => ID, { nullable: true, description: 'A member of the board.' })
  assigneeId?: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  @MinDate(DUE_DATE_MIN, DUE_DATE_MESSAGE)
  @MaxDate(DUE_DATE_MAX, DUE_DATE_MESSAGE)
  dueDate?: Date | null;

  @Field(() => [ID], {
    nullable: true,
    description: `The task's labels, all from the task's board (at most ${LABELS_MAX}).`,
  })
  @IsOptional()
  @ArrayMaxSize(LABELS_MAX, { message: `must list at most ${LABELS_MAX} labels` })
  labelIds?: string[] | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

/** Fields left out stay as they are; null clears the ones that may be empty. */
@InputType('UpdateTaskInput')
export class UpdateTaskInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version the change is based on (CONFLICT when the task has moved on).' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: `1 to ${TITLE_MAX} characters; cannot be null.` })
  // type-graphql skips validators on null values; IsDefined is the one it still runs
  @ValidateIf((_input, value) => value !== undefined)
  @IsDefined({ message: 'cannot be removed; leave it out to keep the title' })
  @IsTaskTitle()
  title?: string | null;

  @Field(() => String, { nullable: true, description: `At most ${DESCRIPTION_MAX} characters; null removes it.` })
  @IsOptional()
  @MaxCodePoints(DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'A member of the board; null unassigns the task.' })
  assigneeId?: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'null removes the due date.' })
  @MinDate(DUE_DATE_MIN, DUE_DATE_MESSAGE)
  @MaxDate(DUE_DATE_MAX, DUE_DATE_MESSAGE)
  dueDate?: Date | null;

  @Field(() => [ID], {
    nullable: true,
    description: `The complete new set of labels, all from the task's board (at most ${LABELS_MAX}); [] or null removes them all.`,
  })
  @IsOptional()
  @ArrayMaxSize(LABELS_MAX, { message: `must list at most ${LABELS_MAX} labels` })
  labelIds?: string[] | null;
}

@InputType('MoveTaskInput')
export class MoveTaskInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version the move is based on (CONFLICT when the task has moved on).' })
  expectedVersion!: number;

  @Field(() => ID, {
    nullable: true,
    description:
      "The destination column, one of the task's board's (may be its current one). Required unless status is given.",
  })
  columnId?: string | null;

  @Field(() => TaskStatus, {
    nullable: true,
    deprecationReason: STATUS_DEPRECATION,
    description: "The board's first column of this status, when columnId is left out.",
  })
  status?: TaskStatus | null;

  @Field(() => Int, {
    description:
      'Where the task lands in the destination column, 0-based, counting the column without the task itself; ' +
      'larger than the column puts it last.',
  })
  @Min(0, { message: 'must be 0 or more' })
  index!: number;
}

@ArgsType()
export class SearchTasksArgs extends PageArgs {
  @Field(() => ID)
  boardId!: string;

  @Field(() => String, {
    description: `Words to look for in titles and descriptions (at most ${QUERY_MAX} characters); each also matches longer words it starts. May hold no word when a filter is given: the filters alone choose, in the board's order.`,
  })
  @MaxLength(QUERY_MAX, { message: `must be at most ${QUERY_MAX} characters` })
  query!: string;

  @Field(() => ID, { nullable: true, description: 'Only tasks in this column of the board.' })
  columnId?: string | null;

  @Field(() => TaskStatus, { nullable: true, deprecationReason: STATUS_DEPRECATION })
  status?: TaskStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only tasks assigned to this member.' })
  assigneeId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only tasks assigned to no one. Cannot be combined with assigneeId.',
  })
  unassigned?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only tasks with this label.' })
  labelId?: string | null;

  @Field(() => DateTimeISOResolver, {
    nullable: true,
    description:
      'Only tasks due at or after this instant. Due dates are days sent as midnight UTC: ' +
      'dueFrom "2026-12-01T00:00:00.000Z" keeps tasks due on 1 December or later.',
  })
  dueFrom?: Date | null;

  @Field(() => DateTimeISOResolver, {
    nullable: true,
    description:
      "Only tasks due before this instant (tasks without a due date never match). Overdue, in the user's " +
      'calendar: dueBefore = today at midnight UTC, with open: true.',
  })
  dueBefore?: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "true: only open tasks, the ones outside the board's last column (where finished work goes).",
  })
  open?: boolean | null;

  @Field(() => SearchOrder, {
    nullable: true,
    description:
      'RELEVANCE (the default with words) or BOARD (column by column, as on the board; the default without).',
  })
  order?: SearchOrder | null;
}
