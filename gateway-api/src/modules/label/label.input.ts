import { IsOptional, Matches, ValidateBy } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdempotencyKeyField } from '../idempotency/idempotency.input.js';

const COLOR = /^#[0-9a-fA-F]{6}$/;
const COLOR_MESSAGE = 'must be a colour like #1a2b3c';

/** Measures the name as it will be stored (trimmed), so "  " is rejected instead of saved empty. */
function LabelNameLength(min: number, max: number) {
  return ValidateBy({
    name: 'labelNameLength',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && value.trim().length >= min && value.trim().length <= max,
      defaultMessage: () => `must be ${min} to ${max} characters`,
    },
  });
}

@InputType('CreateLabelInput')
export class CreateLabelInput {
  @Field(() => ID)
  boardId!: string;

  @Field(() => String, { description: 'Unique on the board (case-insensitive); 1 to 50 characters.' })
  @LabelNameLength(1, 50)
  name!: string;

  @Field(() => String, { description: 'CSS colour, #rrggbb.' })
  @Matches(COLOR, { message: COLOR_MESSAGE })
  color!: string;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType('UpdateLabelInput', { description: 'Omitted (or null) fields keep their value.' })
export class UpdateLabelInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @LabelNameLength(1, 50)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(COLOR, { message: COLOR_MESSAGE })
  color?: string | null;
}
