// Comments on tasks: writing, editing and deleting them (reading them as a connection is
// comment.page.ts). Every method checks that the viewer is
// a member of the task's board; anything on another board is NOT_FOUND, with the same message as a
// missing one, so ids cannot be probed.
import type { PrismaClient } from '../../db/prisma.js';
import { MemberRole } from '../../generated/prisma/enums.js';
import { forbidden, notFound } from '../../lib/errors.js';
import type { BoardAccess } from '../board/board-access.js';
import type { IdempotencyService } from '../idempotency/idempotency.service.js';
import type { Comment } from './comment.type.js';
import { isPrismaError } from '../../db/errors.js';
import { lockBoard, recordEvents } from '../live/outbox.js';
import { inPrismaTransaction, transaction } from '../../db/transaction.js';

export const COMMENT_SELECT = {
  id: true,
  taskId: true,
  authorId: true,
  body: true,
  createdAt: true,
  updatedAt: true,
} as const;

export class CommentService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly access: BoardAccess,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** With an idempotency key, a retry answers with the comment the first request created. */
  async add(userId: number, taskId: number, body: string, idempotencyKey?: string | null): Promise<Comment> {
    // Tasks are reached through their board: one query for its board, one for the membership.
    const task = await this.prisma.task.findUnique({ where: { id: taskId }, select: { boardId: true } });
    if (!task || !(await this.access.roleOf(userId, task.boardId))) throw notFound('Task');
    const data = { taskId, body: body.trim() };
    return this.idempotency.create(
      { userId, key: idempotencyKey, operation: 'addComment', payload: data },
      {
        transaction: inPrismaTransaction(this.prisma),
        idOf: (comment) => comment.id,
        replay: async (commentId) => (await this.requireComment(userId, commentId)).comment,
        write: async (tx) => {
          await lockBoard(tx, task.boardId);
          try {
            const comment = await tx.comment.create({ data: { ...data, authorId: userId }, select: COMMENT_SELECT });
            await recordEvents(tx, [
              { boardId: task.boardId, kind: 'COMMENT_ADDED', entityId: comment.id, taskId, actorId: userId },
            ]);
            return comment;
          } catch (error) {
            // the task was deleted in between
            if (isPrismaError(error, 'P2003')) throw notFound('Task');
            throw error;
          }
        },
      },
    );
  }

  /** Only the author: a comment speaks in its author's name. */
  async edit(userId: number, commentId: number, body: string): Promise<Comment> {
    const { comment, boardId } = await this.requireComment(userId, commentId);
    if (comment.authorId !== userId) throw forbidden('Only its author can edit a comment.');
    try {
      return await transaction(this.prisma, async (tx) => {
        await lockBoard(tx, boardId);
        const edited = await tx.comment.update({
          where: { id: commentId },
          data: { body: body.trim() },
          select: COMMENT_SELECT,
        });
        await recordEvents(tx, [
          { boardId, kind: 'COMMENT_UPDATED', entityId: commentId, taskId: edited.taskId, actorId: userId },
        ]);
        return edited;
      });
    } catch (error) {
      // deleted in between
      if (isPrismaError(error, 'P2025')) throw notFound('Comment');
      throw error;
    }
  }

  /** The author, or the board's owner (moderation). */
  async delete(userId: number, commentId: number): Promise<void> {
    const { comment, role, boardId } = await this.requireComment(userId, commentId);
    if (comment.authorId !== userId && role !== MemberRole.OWNER) {
      throw forbidden("Only its author or the board's owner can delete a comment.");
    }
    await transaction(this.prisma, async (tx) => {
      await lockBoard(tx, boardId);
      const { count } = await tx.comment.deleteMany({ where: { id: commentId } });
      if (count === 0) throw notFound('Comment');
      await recordEvents(tx, [
        { boardId, kind: 'COMMENT_DELETED', entityId: commentId, taskId: comment.taskId, actorId: userId },
      ]);
    });
  }

  /** The comment with the viewer's role on its board; NOT_FOUND unless the viewer is a member. */
  private async requireComment(
    userId: number,
    commentId: number,
  ): Promise<{ comment: Comment; role: MemberRole; boardId: number }> {
    const found = await this.prisma.comment.findUnique({
      where: { id: commentId },
      select: { ...COMMENT_SELECT, task: { select: { boardId: true } } },
    });
    const role = found && (await this.access.roleOf(userId, found.task.boardId));
    if (!found || !role) throw notFound('Comment');
    const { task, ...comment } = found;
    return { comment, role, boardId: task.boardId };
  }
}
