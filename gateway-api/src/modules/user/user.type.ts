import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A person with an account.' })
export class User {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Shown to the user themself and to people who share a board with them.' })
  email!: string;
}

/** The columns of a user that may leave the service (never passwordHash or throttling state). */
export const PUBLIC_USER_SELECT = { id: true, name: true, email: true } as const;
