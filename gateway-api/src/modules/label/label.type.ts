import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Label', { simpleResolvers: true, description: "A coloured tag from a board's own set." })
export class Label {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'CSS colour, #rrggbb.' })
  color!: string;

  boardId!: number;
}
