// Boards and their members. Every method checks the viewer's membership and role itself.
import type { PrismaClient } from '../../db/prisma.js';
import { MemberRole } from '../../generated/prisma/enums.js';
import { badInput, notFound } from '../../lib/errors.js';
import { decodeCursor, toConnection, type Connection } from '../../lib/pagination.js';
import { PUBLIC_USER_SELECT } from '../user/user.select.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Sql } from '../../db/sql.js';
import type { ColumnService } from '../column/column.service.js';
import type { IdempotencyService } from '../idempotency/idempotency.service.js';
import type { BoardAccess } from './board-access.js';
import type { Board, Member } from './board.type.js';
import { isUniqueViolation } from '../../db/errors.js';
import { normaliseEmail } from '../user/email.js';
import { lockBoard, recordEvents } from '../live/outbox.js';
import { inPrismaTransaction, transaction } from '../../db/transaction.js';

const BOARD_SELECT = { id: true, name: true, createdAt: true } as const;

interface RawBoard {
  id: number | bigint;
  name: string;
  createdAt: Date;
  viewerRole: MemberRole;
  newestEventId?: number | bigint | null;
}
const toBoard = (row: RawBoard): Board => ({
  id: Number(row.id),
  name: row.name,
  createdAt: new Date(row.createdAt),
  viewerRole: row.viewerRole,
  ...(row.newestEventId === undefined ? {} : { newestEventId: BigInt(row.newestEventId ?? 0) }),
});

export class BoardService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: Sql,
    private readonly access: BoardAccess,
    private readonly idempotency: IdempotencyService,
    private readonly columns: ColumnService,
  ) {}

  /** The viewer's boards, oldest first, each with the viewer's role. */
  async listForViewer(userId: number, first: number, after?: string | null): Promise<Connection<Board>> {
    const [afterId] = decodeCursor(after, ['id']) ?? [0];
    const [rows, totalCount] = await Promise.all([
      this.prisma.$queryRaw<RawBoard[]>`
        SELECT b.id, b.name, b.createdAt, m.role AS viewerRole
        FROM Membership m JOIN Board b ON b.id = m.boardId
        WHERE m.userId = ${userId} AND b.id > ${afterId}
        ORDER BY b.id LIMIT ${first + 1}`,
      this.prisma.membership.count({ where: { userId } }),
    ]);
    return toConnection(rows.map(toBoard), first, totalCount, (b) => [b.id]);
  }

  /** One query: the board with the viewer's role, only if the viewer is a member. */
  async get(userId: number, boardId: number): Promise<Board> {
    // Board.liveFrom's newest event id in the same statement: one round trip less, and read before
    // any of the board's tasks are (the feed's gaps cover writes still in flight below it)
    const [row] = await this.sql<RawBoard>(Prisma.sql`
      SELECT b.id, b.name, b.createdAt, m.role AS viewerRole, (SELECT MAX(id) FROM BoardEvent) AS newestEventId
      FROM Board b JOIN Membership m ON m.boardId = b.id AND m.userId = ${userId}
      WHERE b.id = ${boardId}`);
    if (!row) throw notFound('Board');
    return toBoard(row);
  }

  /** With an idempotency key, a retry answers with the board the first request created. */
  async create(userId: number, name: string, idempotencyKey?: string | null): Promise<Board> {
    const data = { name: name.trim() };
    return this.idempotency.create(
      { userId, key: idempotencyKey, operation: 'createBoard', payload: data },
      {
        // the board and its columns together, or neither
        transaction: inPrismaTransaction(this.prisma),
        idOf: (board) => board.id,
        replay: (boardId) => this.get(userId, boardId),
        write: async (tx) => {
          const board = await tx.board.create({
            data: { ...data, memberships: { create: { userId, role: MemberRole.OWNER } } },
            select: BOARD_SELECT,
          });
          await this.columns.createDefaults(tx as Prisma.TransactionClient, board.id);
          return { ...board, viewerRole: MemberRole.OWNER };
        },
      },
    );
  }

  async rename(userId: number, boardId: number, name: string): Promise<Board> {
    await this.access.requireOwner(userId, boardId, 'rename it');
    const board = await transaction(this.prisma, async (tx) => {
      await lockBoard(tx, boardId);
      const renamed = await tx.board.update({
        where: { id: boardId },
        data: { name: name.trim() },
        select: BOARD_SELECT,
      });
      await recordEvents(tx, [{ boardId, kind: 'BOARD_RENAMED', actorId: userId }]);
      return renamed;
    });
    return { ...board, viewerRole: MemberRole.OWNER };
  }

  /** Deletes the board with its tasks, labels and comments (cascading foreign keys). */
  async delete(userId: number, boardId: number): Promise<void> {
    await this.access.requireOwner(userId, boardId, 'delete it');
    await transaction(this.prisma, async (tx) => {
      await lockBoard(tx, boardId);
      await tx.board.delete({ where: { id: boardId } });
      await recordEvents(tx, [{ boardId, kind: 'BOARD_DELETED', actorId: userId }]);
    });
  }

  /** With an idempotency key, a retry answers with the membership the first request created. */
  async addMember(
    userId: number,
    boardId: number,
    email: string,
    role: MemberRole,
    idempotencyKey?: string | null,
  ): Promise<Member> {
    await this.access.requireOwner(userId, boardId, 'add members');
    const normalizedEmail = normaliseEmail(email);
    const user = await this.prisma.user.findUnique({ where: { email: normalizedEmail }, select: PUBLIC_USER_SELECT });
    if (!user) throw badInput({ email: ['has no account yet; ask them to sign up first'] });
    return this.idempotency.create(
      { userId, key: idempotencyKey, operation: 'addMember', payload: { boardId, email: normalizedEmail, role } },
      {
        transaction: inPrismaTransaction(this.prisma),
        idOf: (member) => member.user.id,
        replay: async (memberId) => {
          const membership = await this.prisma.membership.findUnique({
            where: { boardId_userId: { boardId, userId: memberId } },
            select: { role: true, createdAt: true, user: { select: PUBLIC_USER_SELECT } },
          });
          if (!membership) throw notFound('Member');
          return { user: membership.user, role: membership.role, joinedAt: membership.createdAt };
        },
        write: async (tx) => {
          await lockBoard(tx, boardId);
          try {
            const membership = await tx.membership.create({ data: { boardId, userId: user.id, role } });
            await recordEvents(tx, [{ boardId, kind: 'MEMBER_ADDED', entityId: user.id, actorId: userId }]);
            return { user, role: membership.role, joinedAt: membership.createdAt };
          } catch (error) {
            if (isUniqueViolation(error)) {
              throw badInput({ email: ['is already a member of this board'] });
            }
            throw error;
          }
        },
      },
    );
  }

  /** The owner removes anyone; a member may remove themself (leave). The last owner cannot go. */
  async removeMember(userId: number, boardId: number, memberId: number): Promise<void> {
    const role = await this.access.requireMember(userId, boardId);
    if (memberId !== userId && role !== MemberRole.OWNER) {
      await this.access.requireOwner(userId, boardId, 'remove other members');
    }
    await transaction(this.prisma, async (tx) => {
      await lockBoard(tx, boardId);
      const target = await tx.membership.findUnique({ where: { boardId_userId: { boardId, userId: memberId } } });
      if (!target) throw badInput({ userId: ['is not a member of this board'] });
      if (target.role === MemberRole.OWNER) {
        const owners = await tx.membership.count({ where: { boardId, role: MemberRole.OWNER } });
        if (owners <= 1)
          throw badInput({ userId: ['is the only owner; delete the board instead, or add another owner first'] });
      }
      await tx.membership.delete({ where: { boardId_userId: { boardId, userId: memberId } } });
      // Unassign their tasks on this board: an assignee must be a member.
      const unassigned = await tx.task.findMany({ where: { boardId, assigneeId: memberId }, select: { id: true } });
      await tx.task.updateMany({
        where: { id: { in: unassigned.map((task) => task.id) } },
        data: { assigneeId: null, version: { increment: 1 } },
      });
      await recordEvents(tx, [
        { boardId, kind: 'MEMBER_REMOVED', entityId: memberId, actorId: userId },
        ...unassigned.map((task) => ({ boardId, kind: 'TASK_UPDATED' as const, entityId: task.id, actorId: userId })),
      ]);
    });
  }
}
