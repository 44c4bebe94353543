// Tasks: the fields that hang off a task (loaded in batches) and the task queries and mutations.
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Label } from '../label/label.type.js';
import { User } from '../user/user.type.js';
import { Task } from './task.type.js';

@Resolver(() => Task)
export class TaskResolver {
  @FieldResolver(() => User, { nullable: true })
  assignee(@Root() task: Task, @Ctx() ctx: Context) {
    return task.assigneeId === null ? null : ctx.loaders.userById.load(task.assigneeId);
  }

  @FieldResolver(() => [Label], { description: 'Its labels, by name.' })
  labels(@Root() task: Task, @Ctx() ctx: Context) {
    return ctx.loaders.labelsByTaskId.load(task.id);
  }

  @FieldResolver(() => Int)
  commentCount(@Root() task: Task, @Ctx() ctx: Context) {
    return ctx.loaders.commentCountByTaskId.load(task.id);
  }
}
