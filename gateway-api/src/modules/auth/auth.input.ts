import { IsEmail, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.js';

@InputType('SignUpInput')
export class SignUpInput {
  @Field(() => String)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(191, { message: 'must be at most 191 characters' })
  email!: string;

  @Field(() => String)
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  name!: string;

  @Field(() => String, { description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.` })
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
  })
  password!: string;
}

@InputType('SignInInput')
export class SignInInput {
  @Field(() => String)
  @MaxLength(191, { message: 'must be at most 191 characters' })
  email!: string;

  @Field(() => String)
  // Over-long passwords are refused before any hashing work is done.
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` })
  password!: string;
}
