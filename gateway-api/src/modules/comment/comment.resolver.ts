// Comments: the mutations, a comment's author, and Task.comments. Task.comments lives here, in its
// own resolver class for Task, so that the task module does not need to know about comments.
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { parseId } from '../../lib/ids.js';
import { PageArgs } from '../shared/connection.js';
import { Task } from '../task/task.type.js';
import { User } from '../user/user.type.js';
import { AddCommentInput, EditCommentInput } from './comment.input.js';
import { commentConnection } from './comment.page.js';
import { Comment, CommentConnection } from './comment.type.js';
import type { Viewer } from '../auth/viewer.js';
import { CurrentViewer, IdArg } from '../shared/decorators.js';

@Resolver(() => Comment)
export class CommentResolver {
  @Authorized()
  @Mutation(() => Comment, { description: 'Comments on a task. Any member of its board.' })
  addComment(
    @Arg('input', () => AddCommentInput) input: AddCommentInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.comments.add(viewer.userId, parseId(input.taskId, 'taskId'), input.body, input.idempotencyKey);
  }

  @Authorized()
  @Mutation(() => Comment, { description: 'Its author only.' })
  editComment(
    @Arg('input', () => EditCommentInput) input: EditCommentInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.comments.edit(viewer.userId, parseId(input.id), input.body);
  }

  @Authorized()
  @Mutation(() => ID, { description: "Its author, or the board's owner. Returns its id." })
  async deleteComment(@IdArg('id') id: number, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    await ctx.services.comments.delete(viewer.userId, id);
    return id;
  }

  @FieldResolver(() => User)
  author(@Root() comment: Readonly<Comment>, @Ctx() ctx: Context) {
    // Comment.authorId cascades on user deletion, so the author always exists.
    return ctx.loaders.userById.load(comment.authorId);
  }
}

@Resolver(() => Task)
export class TaskCommentsResolver {
  // A Task object only comes out of services that have checked the viewer's membership of its
  // board, so its comments need no second check here.
  @FieldResolver(() => CommentConnection, { description: 'Its comments, oldest first.' })
  async comments(@Root() task: Readonly<Task>, @Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: Context) {
    return commentConnection(ctx.loaders, task.id, first, after);
  }
}
