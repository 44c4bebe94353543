import { IsEmail, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MemberRole } from './member-role.js';
import { IdempotencyKeyField } from '../idempotency/idempotency.input.js';

@InputType('CreateBoardInput')
export class CreateBoardInput {
  @Field(() => String)
  @Length(1, 120, { message: 'must be 1 to 120 characters' })
  name!: string;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType('RenameBoardInput')
export class RenameBoardInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  @Length(1, 120, { message: 'must be 1 to 120 characters' })
  name!: string;
}

@InputType('AddMemberInput')
export class AddMemberInput {
  @Field(() => ID)
  boardId!: string;

  @Field(() => String, { description: 'The email of an existing account.' })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(191, { message: 'must be at most 191 characters' })
  email!: string;

  @Field(() => MemberRole, { defaultValue: MemberRole.MEMBER })
  role: MemberRole = MemberRole.MEMBER;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
