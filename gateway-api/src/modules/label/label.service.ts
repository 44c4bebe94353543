// A board's labels. Any member may create, rename, recolour and delete them: labels are a shared
// working vocabulary like the tasks themselves, not board settings, so they are not reserved for
// the OWNER (who is a member too).
import type { PrismaClient } from '../../db/prisma.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { badInput, notFound } from '../../lib/errors.js';
import type { BoardAccess } from '../board/board-access.js';
import type { IdempotencyService } from '../idempotency/idempotency.service.js';
import type { Label } from './label.type.js';
import { isPrismaError } from '../../db/errors.js';
import { lockBoard, recordEvents } from '../live/outbox.js';
import { inPrismaTransaction, transaction } from '../../db/transaction.js';

export const LABEL_SELECT = { id: true, name: true, color: true, boardId: true } as const;

export interface LabelChanges {
  name?: string | null;
  color?: string | null;
}

/** Unique (boardId, name) is the only unique key a label write can break. */
function duplicateName(error: unknown): never {
  if (isPrismaError(error, 'P2002')) throw badInput({ name: ['is already used on this board'] });
  throw error;
}

export class LabelService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly access: BoardAccess,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** With an idempotency key, a retry answers with the label the first request created. */
  async create(
    userId: number,
    boardId: number,
    name: string,
    color: string,
    idempotencyKey?: string | null,
  ): Promise<Label> {
    await this.access.requireMember(userId, boardId);
    const data = { boardId, name: name.trim(), color: color.toLowerCase() };
    return this.idempotency.create(
      { userId, key: idempotencyKey, operation: 'createLabel', payload: data },
      {
        transaction: inPrismaTransaction(this.prisma),
        idOf: (label) => label.id,
        replay: (labelId) => this.requireLabel(userId, labelId),
        write: async (tx) => {
          await lockBoard(tx, boardId);
          const label = await tx.label.create({ data, select: LABEL_SELECT }).catch(duplicateName);
          await recordEvents(tx, [{ boardId, kind: 'LABEL_CREATED', entityId: label.id, actorId: userId }]);
          return label;
        },
      },
    );
  }

  async update(userId: number, labelId: number, changes: LabelChanges): Promise<Label> {
    const label = await this.requireLabel(userId, labelId);
    // null and undefined both mean "keep" (validation has refused empty values)
    const data: Prisma.LabelUpdateInput = {};
    if (changes.name) data.name = changes.name.trim();
    if (changes.color) data.color = changes.color.toLowerCase();
    if (Object.keys(data).length === 0) return label;
    try {
      return await transaction(this.prisma, async (tx) => {
        await lockBoard(tx, label.boardId);
        const updated = await tx.label.update({ where: { id: labelId }, data, select: LABEL_SELECT });
        await recordEvents(tx, [{ boardId: label.boardId, kind: 'LABEL_UPDATED', entityId: labelId, actorId: userId }]);
        return updated;
      });
    } catch (error) {
      // deleted by someone else since requireLabel read it
      if (isPrismaError(error, 'P2025')) throw notFound('Label');
      return duplicateName(error);
    }
  }

  /** Also takes it off every task that carried it (cascading foreign key on TaskLabel). */
  async delete(userId: number, labelId: number): Promise<void> {
    const { boardId } = await this.requireLabel(userId, labelId);
    await transaction(this.prisma, async (tx) => {
      await lockBoard(tx, boardId);
      // A task's labels are part of what its version covers (updateTask sets them), so the tasks
      // losing this one change version, as removeMember does for the tasks it unassigns.
      const labelled = await tx.task.findMany({ where: { labels: { some: { labelId } } }, select: { id: true } });
      await tx.task.updateMany({
        where: { id: { in: labelled.map((task) => task.id) } },
        data: { version: { increment: 1 } },
      });
      const { count } = await tx.label.deleteMany({ where: { id: labelId } });
      if (count === 0) throw notFound('Label');
      await recordEvents(tx, [
        { boardId, kind: 'LABEL_DELETED', entityId: labelId, actorId: userId },
        ...labelled.map((task) => ({ boardId, kind: 'TASK_UPDATED' as const, entityId: task.id, actorId: userId })),
      ]);
    });
  }

  /**
   * The label, if it is on one of the viewer's boards. A label on someone else's board is
   * NOT_FOUND with the same message as a missing one, so label ids cannot be probed.
   */
  private async requireLabel(userId: number, labelId: number): Promise<Label> {
    const label = await this.prisma.label.findUnique({ where: { id: labelId }, select: LABEL_SELECT });
    if (!label || !(await this.access.roleOf(userId, label.boardId))) throw notFound('Label');
    return label;
  }
}
