import { IsDefined, IsInt, IsOptional, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IdempotencyKeyField } from '../idempotency/idempotency.input.js';

export const COLUMN_NAME_MAX = 60;
export const WIP_LIMIT_MAX = 999;

/** Measures the name as it will be stored (trimmed), so "  " is refused instead of saved empty. */
function ColumnName() {
  return ValidateBy({
    name: 'columnName',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && value.trim().length >= 1 && value.trim().length <= COLUMN_NAME_MAX,
      defaultMessage: () => `must be 1 to ${COLUMN_NAME_MAX} characters`,
    },
  });
}

const WIP_LIMIT_MESSAGE = `must be a whole number from 1 to ${WIP_LIMIT_MAX}, or null for no limit`;

@InputType('CreateColumnInput')
export class CreateColumnInput {
  @Field(() => ID)
  boardId!: string;

  @Field(() => String, { description: `1 to ${COLUMN_NAME_MAX} characters.` })
  @ColumnName()
  name!: string;

  @Field(() => Int, { nullable: true, description: `1 to ${WIP_LIMIT_MAX}; null or left out: no limit.` })
  @IsOptional()
  @IsInt({ message: WIP_LIMIT_MESSAGE })
  @Min(1, { message: WIP_LIMIT_MESSAGE })
  @Max(WIP_LIMIT_MAX, { message: WIP_LIMIT_MESSAGE })
  wipLimit?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Where it goes: 0 before the first column; left out (or past the end): after the last.',
  })
  @IsOptional()
  @Min(0, { message: 'must be 0 or more' })
  index?: number | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType('UpdateColumnInput', { description: 'Left-out fields keep their value.' })
export class UpdateColumnInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: `1 to ${COLUMN_NAME_MAX} characters; cannot be null.` })
  // type-graphql skips validators on null values; IsDefined is the one it still runs
  @ValidateIf((_input, value) => value !== undefined)
  @IsDefined({ message: 'cannot be removed; leave it out to keep the name' })
  @ColumnName()
  name?: string | null;

  @Field(() => Int, { nullable: true, description: `1 to ${WIP_LIMIT_MAX}; null removes the limit.` })
  @IsOptional()
  @IsInt({ message: WIP_LIMIT_MESSAGE })
  @Min(1, { message: WIP_LIMIT_MESSAGE })
  @Max(WIP_LIMIT_MAX, { message: WIP_LIMIT_MESSAGE })
  wipLimit?: number | null;
}

@InputType('MoveColumnInput')
export class MoveColumnInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Its new place, 0-based, counted without it (past the end: last).' })
  @Min(0, { message: 'must be 0 or more' })
  index!: number;
}

@InputType('DeleteColumnInput')
export class DeleteColumnInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Another column of the board, to which its tasks go (after the tasks already there, in their order). Required when it holds tasks.',
  })
  moveTasksTo?: string | null;
}
