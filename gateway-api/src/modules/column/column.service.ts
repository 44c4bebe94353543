// A board's columns: the defaults of a new board, and the owner's adding, renaming, limiting,
// reordering and deleting of them. Tasks are ordered within their column by Task.position (see
// TaskService); a column's own order on the board is BoardColumn.position, 0, 1, 2, ... kept dense
// (a board has a handful of columns, so a move renumbers them all in one statement).
//
// For one release, every column also has a status (the previous release's TODO / IN_PROGRESS /
// DONE), and each task's Task.status is its column's: what the deprecated `status` fields show, and
// what the previous release reads while a rollout or a rollback runs both side by side.
import type { PrismaClient } from '../../db/prisma.js';
import { columnsOf, type Sql, type Statements } from '../../db/sql.js';
import { inPrismaTransaction, transaction } from '../../db/transaction.js';
import { Prisma } from '../../generated/prisma/client.js';
import { TaskStatus } from '../../generated/prisma/enums.js';
import { badInput, notFound } from '../../lib/errors.js';
import type { BoardAccess } from '../board/board-access.js';
import type { IdempotencyService } from '../idempotency/idempotency.service.js';
import { lockBoard, recordEvents } from '../live/outbox.js';
import { POSITION_STEP } from '../task/columns.js';
import { DEFAULT_COLUMNS } from './defaults.js';
import type { Column } from './column.type.js';

export const COLUMN_SELECT = {
  id: true,
  boardId: true,
  name: true,
  position: true,
  wipLimit: true,
  status: true,
} as const;

/** COLUMN_SELECT as SQL, for the reads on the pool (db/sql.ts) */
export const COLUMN_FIELDS = columnsOf(COLUMN_SELECT);

/** Columns per board: enough for any process a team draws, few enough for one screen and one query. */
export const MAX_COLUMNS = 20;

/** Where a task goes: a column of its board by id, or (deprecated) the board's first column of a status. */
export type ColumnChoice = { columnId: number } | { status: TaskStatus } | Record<string, never>;

/** Prisma, one of its transactions, or the statements of a transaction on the pool (the task writes'). */
type Db = PrismaClient | Prisma.TransactionClient | Statements;

export interface NewColumn {
  boardId: number;
  name: string;
  wipLimit: number | null;
  /** 0-based; undefined or past the end: last */
  index?: number | null;
}

export interface ColumnChanges {
  name?: string;
  /** null removes the limit */
  wipLimit?: number | null;
}

export class ColumnService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: Sql,
    private readonly access: BoardAccess,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** The board's columns in order (the caller has checked membership). */
  list(boardId: number, db: Db = this.sql): Promise<Column[]> {
    // by default on the pool: the hot path (every board view)
    if (typeof db !== 'function') {
      return db.boardColumn.findMany({ where: { boardId }, orderBy: { position: 'asc' }, select: COLUMN_SELECT });
    }
    return db<Column>(
      Prisma.sql`SELECT ${COLUMN_FIELDS} FROM BoardColumn WHERE boardId = ${boardId} ORDER BY position`,
    );
  }

  /** A new board's columns, in the transaction that creates it. */
  async createDefaults(tx: Prisma.TransactionClient, boardId: number): Promise<void> {
    await tx.boardColumn.createMany({
      data: DEFAULT_COLUMNS.map((column, position) => ({ boardId, position, ...column })),
    });
  }

  /**
   * The column a task goes to: `columnId` when given (it must be the board's: BAD_USER_INPUT
   * otherwise), else the board's first column of `status` (the deprecated arguments), else its first
   * column. With `field`, the input field an error names.
   */
  async resolve(db: Db, boardId: number, choice: ColumnChoice, field = 'columnId'): Promise<Column> {
    if ('columnId' in choice) {
      const [column] =
        typeof db === 'function'
          ? await db<Column>(Prisma.sql`SELECT ${COLUMN_FIELDS} FROM BoardColumn WHERE id = ${choice.columnId}`)
          : [await db.boardColumn.findUnique({ where: { id: choice.columnId }, select: COLUMN_SELECT })];
      if (!column || column.boardId !== boardId) throw badInput({ [field]: ['must be a column of the task’s board'] });
      return column;
    }
    const columns = await this.list(boardId, db);
    const column = ('status' in choice && columns.find((c) => c.status === choice.status)) || columns[0];
    // every board has a column: deleting the last one is refused
    if (!column) throw notFound('Board');
    return column;
  }

  /** Owner only. With an idempotency key, a retry answers with the column the first request created. */
  async create(userId: number, input: NewColumn, idempotencyKey?: string | null): Promise<Column> {
    const { boardId } = input;
    await this.access.requireOwner(userId, boardId, 'add columns');
    const name = input.name.trim();
    const payload = { boardId, name, wipLimit: input.wipLimit, index: input.index ?? null };
    return this.idempotency.create(
      { userId, key: idempotencyKey, operation: 'createColumn', payload },
      {
        transaction: inPrismaTransaction(this.prisma),
        idOf: (column) => column.id,
        replay: (columnId) => this.get(userId, columnId),
        write: async (tx) => {
          await lockBoard(tx, boardId);
          const columns = await this.list(boardId, tx);
          if (columns.length >= MAX_COLUMNS) {
            throw badInput({ boardId: [`has ${MAX_COLUMNS} columns, the most a board can have`] });
          }
          const at = Math.min(input.index ?? columns.length, columns.length);
          const column = await tx.boardColumn.create({
            data: { boardId, name, wipLimit: input.wipLimit, position: at, status: TaskStatus.IN_PROGRESS },
            select: COLUMN_SELECT,
          });
          const order = [...columns.map((c) => c.id)];
          order.splice(at, 0, column.id);
          await this.renumber(tx, boardId, order);
          await recordEvents(tx, [{ boardId, kind: 'COLUMN_CREATED', entityId: column.id, actorId: userId }]);
          return column;
        },
      },
    );
  }

  /** A column of a board the viewer is a member of; NOT_FOUND otherwise. */
  async get(userId: number, columnId: number): Promise<Column> {
    const column = await this.prisma.boardColumn.findFirst({
      where: { id: columnId, board: { memberships: { some: { userId } } } },
      select: COLUMN_SELECT,
    });
    if (!column) throw notFound('Column');
    return column;
  }

  /** Owner only: renames it, or sets or removes its WIP limit. */
  async update(userId: number, columnId: number, changes: ColumnChanges): Promise<Column> {
    const column = await this.get(userId, columnId);
    await this.access.requireOwner(userId, column.boardId, 'change columns');
    const data: Prisma.BoardColumnUpdateInput = {};
    if (changes.name !== undefined) data.name = changes.name.trim();
    if (changes.wipLimit !== undefined) data.wipLimit = changes.wipLimit;
    if (Object.keys(data).length === 0) return column;
    return transaction(this.prisma, async (tx) => {
      await lockBoard(tx, column.boardId);
      const { count } = await tx.boardColumn.updateMany({ where: { id: columnId }, data });
      // deleted by someone else since it was read
      if (count === 0) throw notFound('Column');
      await recordEvents(tx, [
        { boardId: column.boardId, kind: 'COLUMN_UPDATED', entityId: columnId, actorId: userId },
      ]);
      return tx.boardColumn.findUniqueOrThrow({ where: { id: columnId }, select: COLUMN_SELECT });
    });
  }

  /** Owner only: puts the column at `index` (0-based, counted without it, clamped); returns the board's columns. */
  async move(userId: number, columnId: number, index: number): Promise<Column[]> {
    const column = await this.get(userId, columnId);
    await this.access.requireOwner(userId, column.boardId, 'reorder columns');
    return transaction(this.prisma, async (tx) => {
      await lockBoard(tx, column.boardId);
      const columns = await this.list(column.boardId, tx);
      // deleted by someone else since it was read
      if (!columns.some((c) => c.id === columnId)) throw notFound('Column');
      const order = columns.map((c) => c.id).filter((id) => id !== columnId);
      order.splice(Math.min(index, order.length), 0, columnId);
      await this.renumber(tx, column.boardId, order);
      await recordEvents(tx, [{ boardId: column.boardId, kind: 'COLUMN_MOVED', entityId: columnId, actorId: userId }]);
      return this.list(column.boardId, tx);
    });
  }

  /**
   * Owner only. A column that holds tasks is deleted only with `moveTasksTo`, another column of the
   * board, where its tasks go after the ones already there, in their order (each moved task's
   * version rises). The last column cannot be deleted. Returns the board's columns.
   */
  async delete(userId: number, columnId: number, moveTasksTo: number | null): Promise<Column[]> {
    const column = await this.get(userId, columnId);
    const { boardId } = column;
    await this.access.requireOwner(userId, boardId, 'delete columns');
    if (moveTasksTo === columnId) throw badInput({ moveTasksTo: ['must be another column than the one deleted'] });
    return transaction(this.prisma, async (tx) => {
      await lockBoard(tx, boardId);
      const columns = await this.list(boardId, tx);
      if (!columns.some((c) => c.id === columnId)) throw notFound('Column');
      if (columns.length === 1) {
        throw badInput({ id: ['is the board’s only column: a board needs one; add another first'] });
      }
      const count = await tx.task.count({ where: { columnId } });
      if (count) {
        if (moveTasksTo === null) {
          const tasks = count === 1 ? '1 task' : `${count} tasks`;
          throw badInput({ moveTasksTo: [`is required: the column holds ${tasks}; choose the column they go to`] });
        }
        const target = columns.find((c) => c.id === moveTasksTo);
        if (!target) throw badInput({ moveTasksTo: ['must be another column of the same board'] });
        await this.appendTasks(tx, columnId, target);
      }
      await tx.boardColumn.delete({ where: { id: columnId } });
      await this.renumber(
        tx,
        boardId,
        columns.map((c) => c.id).filter((id) => id !== columnId),
      );
      // one event, however many tasks moved: a live board loads the columns again
      await recordEvents(tx, [{ boardId, kind: 'COLUMN_DELETED', entityId: columnId, actorId: userId }]);
      return this.list(boardId, tx);
    });
  }

  /**
   * Puts tasks the previous release wrote during a rollout (or after a rollback) where this release
   * expects them: a task without a column, or whose status no longer matches its column's (moved by
   * the previous release, which knows only statuses), goes to its board's first column of its
   * status, or to its first column when the board has none of that status (then taking that
   * column's status). Returns how many tasks it moved. Housekeeping runs it at start and then
   * periodically; a full scan of Task, cheap next to the rollout it follows.
   */
  async repairLegacyTasks(): Promise<number> {
    // a board the previous release created has no columns yet: the defaults, as createDefaults
    const defaults = Prisma.join(
      DEFAULT_COLUMNS.map(
        (column, position) =>
          Prisma.sql`SELECT ${column.name} AS name, ${position} AS position, ${column.status} AS status`,
      ),
      ' UNION ALL ',
    );
    await this.sql.exec(Prisma.sql`
      INSERT INTO BoardColumn (boardId, name, position, status, createdAt, updatedAt)
      SELECT b.id, d.name, d.position, d.status, NOW(3), NOW(3) FROM Board b JOIN (${defaults}) d
      WHERE NOT EXISTS (SELECT 1 FROM BoardColumn c WHERE c.boardId = b.id)`);
    return this.sql.exec(Prisma.sql`
      UPDATE Task t
      LEFT JOIN BoardColumn cur ON cur.id = t.columnId
      JOIN BoardColumn c ON c.id = (
        SELECT c2.id FROM BoardColumn c2 WHERE c2.boardId = t.boardId
        ORDER BY c2.status = t.status DESC, c2.position LIMIT 1
      )
      SET t.columnId = c.id, t.status = c.status, t.version = t.version + 1
      WHERE t.columnId IS NULL OR cur.status <> t.status`);
  }

  /** Renumbers the board's columns 0, 1, 2, ... in `order` (their ids). One statement. */
  private async renumber(tx: Prisma.TransactionClient, boardId: number, order: number[]): Promise<void> {
    if (!order.length) return;
    const cases = Prisma.join(
      order.map((id, position) => Prisma.sql`WHEN ${id} THEN ${position}`),
      ' ',
    );
    await tx.$executeRaw`UPDATE BoardColumn SET position = CASE id ${cases} END WHERE boardId = ${boardId}`;
  }

  /**
   * Moves every task of column `from`, in its order, to the end of `target`, positions spaced as a
   * renumbered column's are. One statement, whatever the number of tasks.
   */
  private async appendTasks(tx: Prisma.TransactionClient, from: number, target: Column): Promise<void> {
    const last = await tx.task.findFirst({
      where: { columnId: target.id },
      orderBy: [{ position: 'desc' }, { id: 'desc' }],
      select: { position: true },
    });
    const first = (last?.position ?? -POSITION_STEP) + POSITION_STEP;
    await tx.$executeRaw`
      UPDATE Task t JOIN (
        SELECT id, ROW_NUMBER() OVER (ORDER BY position, id) - 1 AS i FROM Task WHERE columnId = ${from}
      ) r ON r.id = t.id
      SET t.columnId = ${target.id}, t.status = ${target.status}, t.version = t.version + 1,
        t.position = ${first} + r.i * ${POSITION_STEP}`;
  }
}
