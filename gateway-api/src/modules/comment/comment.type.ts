import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../shared/connection.js';

@ObjectType('Comment', { simpleResolvers: true, description: 'A remark on a task.' })
export class Comment {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  body!: string;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => DateTimeISOResolver)
  updatedAt!: Date;

  taskId!: number;
  authorId!: number;
}

@ObjectType('CommentConnection', { simpleResolvers: true })
export class CommentConnection extends ConnectionType(Comment, 'Comment') {}
