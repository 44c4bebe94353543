import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('User', { simpleResolvers: true, description: 'A person with an account.' })
export class User {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Shown to the user themself and to people who share a board with them.' })
  email!: string;
}
