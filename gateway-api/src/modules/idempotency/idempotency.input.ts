// The `idempotencyKey` field every create input has (see idempotency.service.ts).
import { IsOptional, Matches } from 'class-validator';
import { Field } from 'type-graphql';
import { IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_KEY_TTL_HOURS } from './idempotency-key.js';

const DESCRIPTION =
  'Optional, chosen by the client once per user action and sent again unchanged on every retry of it: ' +
  '16 to 64 characters of A-Z, a-z, 0-9, _ and - (e.g. a random UUID without its dashes). A retry with the ' +
  'same key returns what the first request created instead of creating it again; the same key with a ' +
  'different request is refused (BAD_USER_INPUT). Keys belong to the signed-in user and are forgotten ' +
  `${IDEMPOTENCY_KEY_TTL_HOURS} hours after their first use.`;

/** `idempotencyKey: String` on a create mutation's input, validated. */
export function IdempotencyKeyField(): PropertyDecorator {
  return (target, property) => {
    Field(() => String, { nullable: true, description: DESCRIPTION })(target, property);
    IsOptional()(target, property);
    Matches(IDEMPOTENCY_KEY_PATTERN, { message: 'must be 16 to 64 characters of A-Z, a-z, 0-9, _ and -' })(
      target,
      property,
    );
  };
}
