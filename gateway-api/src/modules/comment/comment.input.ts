import { ValidateBy } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdempotencyKeyField } from '../idempotency/idempotency.input.js';

export const MAX_COMMENT_LENGTH = 5000;

/** Checks the body as it will be stored (trimmed): not blank, at most MAX_COMMENT_LENGTH characters. */
function CommentBody() {
  const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  return ValidateBy({
    name: 'commentBody',
    validator: {
      validate: (value: unknown) => trimmed(value).length >= 1 && trimmed(value).length <= MAX_COMMENT_LENGTH,
      defaultMessage: (args) =>
        trimmed(args?.value).length === 0 ? 'must not be blank' : `must be at most ${MAX_COMMENT_LENGTH} characters`,
    },
  });
}

@InputType('AddCommentInput')
export class AddCommentInput {
  @Field(() => ID)
  taskId!: string;

  @Field(() => String, { description: `Plain text, trimmed; 1 to ${MAX_COMMENT_LENGTH} characters.` })
  @CommentBody()
  body!: string;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType('EditCommentInput')
export class EditCommentInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: `Plain text, trimmed; 1 to ${MAX_COMMENT_LENGTH} characters.` })
  @CommentBody()
  body!: string;
}
