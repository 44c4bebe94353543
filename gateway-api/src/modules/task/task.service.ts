// Tasks: reading a board's columns' tasks, finding tasks, and creating, editing, moving and deleting them.
// Callers have checked that the viewer is a member of the board, or the methods check it here.
//
// Every write names the version it was based on and succeeds only while the task still has it
// (one guarded UPDATE/DELETE), so of two concurrent writers exactly one wins. Every write first
// locks the board's row (live/outbox.ts) and records its event: writes on one board take turns, so
// two creates or moves never compute the same free position, and events follow commit order.
//
// Reads and writes are SQL on the driver's pool, the writes in its transactions
// (Database.sqlTransaction), not Prisma's model API: they are the board's busiest, and Prisma's
// transactions and query compiler were about a third of their CPU (bench/README.md). A create or a
// move answers with what it wrote (the guarded write proves the rest unchanged); an update reads
// the task back.
import type { Database } from '../../db/prisma.js';
import { columnsOf, type Sql } from '../../db/sql.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { TaskStatus } from '../../generated/prisma/enums.js';
import { badInput, conflict, notFound, type AppError } from '../../lib/errors.js';
import { decodeCursor, toConnection, type Connection } from '../../lib/pagination.js';
import type { BoardAccess } from '../board/board-access.js';
import type { IdempotencyService } from '../idempotency/idempotency.service.js';
import { lockBoard, recordEvents } from '../live/outbox.js';
import type { ColumnService, ColumnChoice } from '../column/column.service.js';
import type { Column } from '../column/column.type.js';
import { POSITION_STEP } from './columns.js';
import { SearchOrder } from './search-order.js';
import type { Label } from '../label/label.type.js';
import type { Task } from './task.type.js';

export const TASK_SELECT = {
  id: true,
  boardId: true,
  title: true,
  description: true,
  status: true,
  columnId: true,
  position: true,
  assigneeId: true,
  dueDate: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

interface RawTask {
  id: number | bigint;
  boardId: number | bigint;
  title: string;
  description: string | null;
  status: TaskStatus;
  columnId: number | bigint | null;
  position: number | bigint;
  assigneeId: number | bigint | null;
  dueDate: Date | null;
  version: number | bigint;
  createdAt: Date;
  updatedAt: Date;
}

function fromRaw(row: RawTask): Task {
  return {
    id: Number(row.id),
    boardId: Number(row.boardId),
    title: row.title,
    description: row.description,
    status: row.status,
    columnId: row.columnId === null ? null : Number(row.columnId),
    position: Number(row.position),
    assigneeId: row.assigneeId === null ? null : Number(row.assigneeId),
    dueDate: row.dueDate ? new Date(row.dueDate) : null,
    version: Number(row.version),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

const taskKey = (t: Task) => [t.position, t.id];

/**
 * TASK_SELECT as SQL, for the statements on the pool (the task table aliased `t`). A task the previous
 * release wrote during a rollout has no column until housekeeping repairs it: its columnId is then
 * where the repair will put it, its board's first column of its status, else its first column
 * (ColumnService.repairLegacyTasks), so that Task.columnId is a plain field. COALESCE evaluates the
 * subquery only for such a task.
 */
const RAW_TASK_COLUMNS = Prisma.sql`${columnsOf(
  Object.fromEntries(Object.entries(TASK_SELECT).filter(([column]) => column !== 'columnId')) as Record<string, true>,
  't',
)}, COALESCE(t.columnId, (
    SELECT fc.id FROM BoardColumn fc WHERE fc.boardId = t.boardId ORDER BY fc.status = t.status DESC, fc.position LIMIT 1
  )) AS columnId`;

/** Tasks by id, as the pool reads them (the live updates' loaders); null for a task that is gone. */
export async function tasksById(sql: Sql, ids: readonly number[]): Promise<(Task | null)[]> {
  const rows = await sql<RawTask>(
    Prisma.sql`SELECT ${RAW_TASK_COLUMNS} FROM Task t WHERE t.id IN (${Prisma.join([...ids])})`,
  );
  const found = new Map(rows.map((row) => [Number(row.id), fromRaw(row)]));
  return ids.map((id) => found.get(id) ?? null);
}

/** Task.position is a signed 32-bit INT. */
const POSITION_MIN = -(2 ** 31);
const POSITION_MAX = 2 ** 31 - 1;

export const CONFLICT_MESSAGE = 'This task was changed by someone else; reload it and try again.';

// InnoDB may pick a transaction as a deadlock victim (two label sets changing side by side);
// the whole transaction was rolled back, so running it again is safe.
export interface NewTask {
  boardId: number;
  title: string;
  description: string | null;
  /** its column (see ColumnService.resolve) */
  column: ColumnChoice;
  /** its place in the column, 0-based; null: at the end */
  index: number | null;
  assigneeId: number | null;
  dueDate: Date | null;
  labelIds: number[];
}

/** undefined leaves a field as it is; null clears it. */
export interface TaskChanges {
  title?: string;
  description?: string | null;
  assigneeId?: number | null;
  dueDate?: Date | null;
  /** the complete new set */
  labelIds?: number[];
}

export interface TaskSearch {
  query: string;
  /** a column of the board, or (deprecated) the board's columns of a status */
  columnId?: number | null;
  status?: TaskStatus | null;
  assigneeId?: number | null;
  /** only tasks assigned to no one */
  unassigned?: boolean | null;
  labelId?: number | null;
  /** due at or after / before these instants */
  dueFrom?: Date | null;
  dueBefore?: Date | null;
  /** only tasks outside the board's last column */
  open?: boolean | null;
  order?: SearchOrder | null;
}

/** Columns a write sets on a task (undefined: left as they are). */
type TaskFields = Partial<
  Pick<Task, 'title' | 'description' | 'assigneeId' | 'dueDate' | 'columnId' | 'status' | 'position'>
>;

/** The fields that are set (undefined ones left out). */
const defined = (fields: TaskFields): TaskFields =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

/** Thrown inside a transaction when its guarded write matched nothing, to roll back what it did. */
class StaleVersion extends Error {}

/**
 * The user's words for MATCH ... AGAINST in boolean mode: every character that is not part of a
 * word (which includes all of + - < > ( ) ~ * " @) separates words, so the user cannot write
 * operators, and each word becomes a prefix term (`word*`). null when no word is left.
 */
export function booleanModeQuery(text: string): string | null {
  const words = text.split(/[^\p{L}\p{M}\p{N}_]+/u).filter(Boolean);
  return words.length ? words.map((word) => `${word}*`).join(' ') : null;
}

/** Search results have no stable sort key (relevance is a float), so a cursor holds the offset. */
const decodeOffset = (after: string | null | undefined): number => (decodeCursor(after, ['offset']) ?? [0])[0];

const blankToNull = (text: string | null) => (text !== null && /\S/.test(text) ? text : null);

export class TaskService {
  constructor(
    protected readonly sql: Sql,
    protected readonly transaction: Database['sqlTransaction'],
    protected readonly access: BoardAccess,
    protected readonly idempotency: IdempotencyService,
    protected readonly columnService: ColumnService,
  ) {}

  /**
   * The board's columns in order, each with its first `first` tasks and its total: two statements
   * (the columns, then one index range scan per column joined by UNION ALL).
   */
  async columns(boardId: number, first: number): Promise<Column[]> {
    const columns = await this.columnService.list(boardId);
    if (!columns.length) return [];
    // each task's comments counted here too (Task.commentCount): the board view always shows them
    const parts = columns.map(
      (column) => Prisma.sql`(SELECT ${RAW_TASK_COLUMNS},
          (SELECT COUNT(*) FROM Task c WHERE c.columnId = ${column.id}) AS total,
          (SELECT COUNT(*) FROM Comment cm WHERE cm.taskId = t.id) AS commentCount
        FROM Task t WHERE t.columnId = ${column.id}
        ORDER BY t.position, t.id LIMIT ${first + 1})`,
    );
    const rows = await this.sql<RawTask & { total: number; commentCount: number }>(Prisma.join(parts, ' UNION ALL '));
    return columns.map((column) => {
      const mine = rows.filter((r) => Number(r.columnId) === column.id);
      const total = Number(mine[0]?.total ?? 0);
      const tasks = mine.map((row) => ({ ...fromRaw(row), commentCount: row.commentCount }));
      return { ...column, firstTasks: toConnection(tasks, first, total, taskKey) };
    });
  }

  /** One column of the board, page by page ("load more"). */
  async column(boardId: number, choice: ColumnChoice, first: number, after?: string | null): Promise<Connection<Task>> {
    const column = await this.columnService.resolve(this.sql, boardId, choice);
    return this.columnTasks(column.id, first, after);
  }

  /** A column's tasks, page by page. */
  async columnTasks(columnId: number, first: number, after?: string | null): Promise<Connection<Task>> {
    const cursor = decodeCursor(after, ['int', 'id']);
    const afterCursor = cursor
      ? Prisma.sql`AND (t.position > ${cursor[0]} OR (t.position = ${cursor[0]} AND t.id > ${cursor[1]}))`
      : Prisma.empty;
    const [rows, [count]] = await Promise.all([
      this.sql<RawTask>(Prisma.sql`
        SELECT ${RAW_TASK_COLUMNS} FROM Task t WHERE t.columnId = ${columnId} ${afterCursor}
        ORDER BY t.position, t.id LIMIT ${first + 1}`),
      this.sql<{ total: number }>(Prisma.sql`SELECT COUNT(*) AS total FROM Task WHERE columnId = ${columnId}`),
    ]);
    return toConnection(rows.map(fromRaw), first, count?.total ?? 0, taskKey);
  }

  /** A task on one of the viewer's boards; NOT_FOUND otherwise. One query. */
  async get(userId: number, taskId: number): Promise<Task> {
    const task = await this.visible(userId, taskId);
    if (!task) throw notFound('Task');
    return task;
  }

  /**
   * Full-text search in one board's titles and descriptions (the FULLTEXT index on both), most
   * relevant first, narrowed by the optional filters. Without a word, the filters alone choose
   * (at least one is needed), in the board's order: by column, then within each column.
   */
  async search(
    userId: number,
    boardId: number,
    search: TaskSearch,
    first: number,
    after?: string | null,
  ): Promise<Connection<Task>> {
    await this.access.requireMember(userId, boardId);
    const against = booleanModeQuery(search.query);
    const filtered = Boolean(
      search.columnId ||
      search.status ||
      search.assigneeId ||
      search.unassigned ||
      search.labelId ||
      search.dueFrom ||
      search.dueBefore ||
      search.open,
    );
    if (!against && !filtered) {
      throw badInput({ query: ['must contain at least one letter or digit, unless a filter is given'] });
    }
    if (search.assigneeId && search.unassigned) {
      throw badInput({ unassigned: ['cannot be combined with assigneeId: choose a member or no one'] });
    }
    if (search.dueFrom && search.dueBefore && search.dueFrom >= search.dueBefore) {
      throw badInput({ dueBefore: ['must be later than dueFrom'] });
    }
    const offset = decodeOffset(after);

    const match = against ? Prisma.sql`MATCH(t.title, t.description) AGAINST (${against} IN BOOLEAN MODE)` : null;
    const conditions = [Prisma.sql`t.boardId = ${boardId}`];
    if (match) conditions.push(match);
    if (search.columnId) {
      const column = await this.columnService.resolve(this.sql, boardId, { columnId: search.columnId });
      conditions.push(Prisma.sql`t.columnId = ${column.id}`);
    }
    if (search.status) conditions.push(Prisma.sql`t.status = ${search.status}`);
    if (search.assigneeId) conditions.push(Prisma.sql`t.assigneeId = ${search.assigneeId}`);
    if (search.unassigned) conditions.push(Prisma.sql`t.assigneeId IS NULL`);
    if (search.dueFrom) conditions.push(Prisma.sql`t.dueDate >= ${search.dueFrom}`);
    if (search.dueBefore) conditions.push(Prisma.sql`t.dueDate < ${search.dueBefore}`);
    if (search.open) {
      // the last column holds finished work (as the board shows it: its tasks are never overdue)
      conditions.push(
        Prisma.sql`(t.columnId IS NULL OR t.columnId <> (SELECT lc.id FROM BoardColumn lc WHERE lc.boardId = ${boardId} ORDER BY lc.position DESC LIMIT 1))`,
      );
    }
    if (search.labelId) {
      conditions.push(
        Prisma.sql`EXISTS (SELECT 1 FROM TaskLabel tl WHERE tl.taskId = t.id AND tl.labelId = ${search.labelId})`,
      );
    }
    const where = Prisma.join(conditions, ' AND ');

    const [rows, [count]] = await Promise.all([
      match && search.order !== SearchOrder.BOARD
        ? this.sql<RawTask>(Prisma.sql`
            SELECT ${RAW_TASK_COLUMNS}, ${match} AS relevance
            FROM Task t WHERE ${where}
            ORDER BY relevance DESC, t.id LIMIT ${first + 1} OFFSET ${offset}`)
        : this.sql<RawTask>(Prisma.sql`
            SELECT ${RAW_TASK_COLUMNS}
            FROM Task t LEFT JOIN BoardColumn c ON c.id = t.columnId WHERE ${where}
            ORDER BY c.position, t.position, t.id LIMIT ${first + 1} OFFSET ${offset}`),
      this.sql<{ total: number }>(Prisma.sql`SELECT COUNT(*) AS total FROM Task t WHERE ${where}`),
    ]);
    const tasks = rows.map(fromRaw);
    const ordinal = new Map(tasks.map((task, i) => [task, offset + i + 1]));
    return toConnection(tasks, first, Number(count?.total ?? 0), (task) => [ordinal.get(task)!]);
  }

  /**
   * Adds a task to its column, at `index` or at the end; the viewer becomes its creator. With an idempotency key,
   * a retry answers with the task the first request created (see IdempotencyService).
   */
  async create(userId: number, input: NewTask, idempotencyKey?: string | null): Promise<Task> {
    await this.access.requireMember(userId, input.boardId);
    const labelIds = [...new Set(input.labelIds)];
    const labels = await this.checkReferences(input.boardId, { assigneeId: input.assigneeId, labelIds });
    const data = {
      boardId: input.boardId,
      title: input.title.trim(),
      description: blankToNull(input.description),
      assigneeId: input.assigneeId,
      dueDate: input.dueDate,
    };
    const payload = {
      ...data,
      column: input.column,
      index: input.index,
      labelIds: [...labelIds].sort((a, b) => a - b),
    };
    return this.idempotency.create<Task, Sql>(
      { userId, key: idempotencyKey, operation: 'createTask', payload },
      {
        transaction: this.transaction,
        idOf: (task) => task.id,
        replay: (taskId) => this.get(userId, taskId),
        write: async (tx) => {
          await lockBoard(tx, input.boardId);
          const column = await this.columnService.resolve(tx, input.boardId, input.column);
          const renumbered: number[] = [];
          const position = await this.positionAt(tx, column.id, input.index ?? 'end', 0, renumbered);
          const now = new Date();
          const fields = { ...data, columnId: column.id, status: column.status, position, version: 1 };
          const id = await tx.insert(Prisma.sql`
            INSERT INTO Task (boardId, title, description, status, columnId, position, assigneeId, creatorId, dueDate,
              version, createdAt, updatedAt)
            VALUES (${fields.boardId}, ${fields.title}, ${fields.description}, ${fields.status}, ${fields.columnId},
              ${fields.position}, ${fields.assigneeId}, ${userId}, ${fields.dueDate}, ${fields.version}, ${now}, ${now})`);
          if (labelIds.length) {
            const rows = labelIds.map((labelId) => Prisma.sql`(${id}, ${labelId})`);
            await tx.exec(Prisma.sql`INSERT INTO TaskLabel (taskId, labelId) VALUES ${Prisma.join(rows)}`);
          }
          // what the answer's fields would otherwise read: a new task has no comments yet, and its labels were read
          const task: Task = { id, ...fields, createdAt: now, updatedAt: now, commentCount: 0, labels: labels ?? [] };
          await recordEvents(tx, [
            ...renumbered.map((id) => ({
              boardId: task.boardId,
              kind: 'TASK_MOVED' as const,
              entityId: id,
              actorId: userId,
            })),
            { boardId: task.boardId, kind: 'TASK_CREATED', entityId: task.id, actorId: userId },
          ]);
          return task;
        },
      },
    );
  }

  async update(userId: number, taskId: number, expectedVersion: number, changes: TaskChanges): Promise<Task> {
    const current = await this.requireVersion(userId, taskId, expectedVersion);
    const labelIds = changes.labelIds && [...new Set(changes.labelIds)];
    const labels = await this.checkReferences(current.boardId, { assigneeId: changes.assigneeId, labelIds });
    const fields: TaskFields = {
      title: changes.title?.trim(),
      description: changes.description === undefined ? undefined : blankToNull(changes.description),
      assigneeId: changes.assigneeId,
      dueDate: changes.dueDate,
    };
    return this.guarded(userId, taskId, async (tx) => {
      await lockBoard(tx, current.boardId);
      await this.writeVersion(tx, taskId, expectedVersion, fields);
      if (labelIds) {
        const kept = labelIds.length ? Prisma.sql`AND labelId NOT IN (${Prisma.join(labelIds)})` : Prisma.empty;
        await tx.exec(Prisma.sql`DELETE FROM TaskLabel WHERE taskId = ${taskId} ${kept}`);
        if (labelIds.length) {
          const rows = labelIds.map((labelId) => Prisma.sql`(${taskId}, ${labelId})`);
          await tx.exec(Prisma.sql`INSERT IGNORE INTO TaskLabel (taskId, labelId) VALUES ${Prisma.join(rows)}`);
        }
      }
      await recordEvents(tx, [{ boardId: current.boardId, kind: 'TASK_UPDATED', entityId: taskId, actorId: userId }]);
      // read back: a renumbering since `current` was read (outside the lock) may have moved it
      const [row] = await tx<RawTask>(Prisma.sql`SELECT ${RAW_TASK_COLUMNS} FROM Task t WHERE t.id = ${taskId}`);
      return { ...fromRaw(row!), labels };
    });
  }

  /**
   * Puts the task at `index` (0-based, clamped) of the chosen column of its board, counted without
   * the task itself: halfway between its new neighbours, or, when they leave no room, after
   * renumbering the column.
   */
  async move(userId: number, taskId: number, expectedVersion: number, target: ColumnChoice, index: number) {
    const current = await this.requireVersion(userId, taskId, expectedVersion);
    return this.guarded(userId, taskId, async (tx) => {
      await lockBoard(tx, current.boardId);
      const column = await this.columnService.resolve(tx, current.boardId, target);
      const renumbered: number[] = [];
      const position = await this.positionAt(tx, column.id, index, taskId, renumbered);
      const fields = { columnId: column.id, status: column.status, position };
      const updatedAt = await this.writeVersion(tx, taskId, expectedVersion, fields);
      // a renumbered column's other tasks moved too (same order, new positions): clients place cards by position
      await recordEvents(
        tx,
        [...renumbered, taskId].map((id) => ({
          boardId: current.boardId,
          kind: 'TASK_MOVED' as const,
          entityId: id,
          actorId: userId,
        })),
      );
      // the version matched, so every other field is as `current` read it
      return { ...current, ...fields, version: expectedVersion + 1, updatedAt };
    });
  }

  /** Deletes the task with its labels and comments (cascading foreign keys). */
  async delete(userId: number, taskId: number, expectedVersion: number): Promise<void> {
    const current = await this.requireVersion(userId, taskId, expectedVersion);
    await this.guarded(userId, taskId, async (tx) => {
      await lockBoard(tx, current.boardId);
      const count = await tx.exec(Prisma.sql`DELETE FROM Task WHERE id = ${taskId} AND version = ${expectedVersion}`);
      if (count === 0) throw new StaleVersion();
      await recordEvents(tx, [{ boardId: current.boardId, kind: 'TASK_DELETED', entityId: taskId, actorId: userId }]);
    });
  }

  /**
   * The task, if it is on one of the viewer's boards. On the pool (db/sql.ts): the task dialog, every
   * write's early version check and the reason a guarded write matched nothing read it.
   */
  private async visible(userId: number, taskId: number): Promise<Task | null> {
    const [row] = await this.sql<RawTask>(Prisma.sql`
      SELECT ${RAW_TASK_COLUMNS} FROM Task t
      WHERE t.id = ${taskId} AND EXISTS (SELECT 1 FROM Membership m WHERE m.boardId = t.boardId AND m.userId = ${userId})`);
    return row ? fromRaw(row) : null;
  }

  /**
   * The task as the viewer may see it, still at `expectedVersion`. This early check spares work on
   * a stale write; what decides is the guarded write itself.
   */
  private async requireVersion(userId: number, taskId: number, expectedVersion: number): Promise<Task> {
    const task = await this.get(userId, taskId);
    if (task.version !== expectedVersion) throw conflict(CONFLICT_MESSAGE, { currentVersion: task.version });
    return task;
  }

  /** Why a guarded write matched nothing: the task is gone (or out of sight) or has moved on. */
  private async staleOrMissing(userId: number, taskId: number): Promise<AppError> {
    const task = await this.visible(userId, taskId);
    return task ? conflict(CONFLICT_MESSAGE, { currentVersion: task.version }) : notFound('Task');
  }

  /**
   * The version bump with the write's changes (undefined: unchanged), only while the task is at
   * `expectedVersion`; the task's new updatedAt.
   */
  private async writeVersion(tx: Sql, taskId: number, expectedVersion: number, fields: TaskFields): Promise<Date> {
    const updatedAt = new Date();
    const set = Object.entries(defined(fields)).map(([column, value]) => Prisma.sql`${Prisma.raw(column)} = ${value}`);
    const count = await tx.exec(Prisma.sql`
      UPDATE Task SET ${Prisma.join([...set, Prisma.sql`version = version + 1, updatedAt = ${updatedAt}`])}
      WHERE id = ${taskId} AND version = ${expectedVersion}`);
    if (count === 0) throw new StaleVersion();
    return updatedAt;
  }

  /**
   * Runs a write whose transaction throws StaleVersion when the guarded write matched nothing;
   * reports why only after the rollback, reading what the winner committed.
   */
  private async guarded<T>(userId: number, taskId: number, write: (tx: Sql) => Promise<T>) {
    try {
      return await this.transaction(write);
    } catch (error) {
      if (error instanceof StaleVersion) throw await this.staleOrMissing(userId, taskId);
      throw error;
    }
  }

  /**
   * An assignee must be a member of the board, and labels must be the board's own: the labels, by name
   * (as Task.labels lists them), when `labelIds` is given.
   */
  private async checkReferences(
    boardId: number,
    refs: { assigneeId?: number | null; labelIds?: number[] },
  ): Promise<Label[] | undefined> {
    const { assigneeId, labelIds } = refs;
    const [role, labels] = await Promise.all([
      typeof assigneeId === 'number' ? this.access.roleOf(assigneeId, boardId) : undefined,
      labelIds?.length
        ? this.sql<Label>(Prisma.sql`
            SELECT id, name, color, boardId FROM Label WHERE boardId = ${boardId} AND id IN (${Prisma.join(labelIds)})
            ORDER BY name, id`)
        : labelIds && [],
    ]);
    const fields: Record<string, string[]> = {};
    if (typeof assigneeId === 'number' && !role) fields.assigneeId = ['must be a member of the board'];
    if (labelIds && labels?.length !== labelIds.length) fields.labelIds = ["must all be labels of the task's board"];
    if (Object.keys(fields).length) throw badInput(fields);
    return labels;
  }

  /**
   * The position for a task entering the column at `index` (clamped; 'end': after the last task),
   * with `movingId` (the task being moved) left out of the column. Call with the board locked.
   */
  private async positionAt(
    tx: Sql,
    columnId: number,
    index: number | 'end',
    movingId = 0,
    /** receives the ids of the other tasks whose positions a renumbering changed */
    renumbered: number[] = [],
  ): Promise<number> {
    type Row = { position: number };
    const where = Prisma.sql`WHERE columnId = ${columnId} AND id <> ${movingId}`;
    let at: number | undefined;
    let before: Row | null;
    let after: Row | null = null;
    const last = async () =>
      (await tx<Row>(Prisma.sql`SELECT position FROM Task ${where} ORDER BY position DESC, id DESC LIMIT 1`))[0] ??
      null;
    if (index === 'end') {
      before = await last();
    } else {
      // the neighbours of slot `index`: the task before it and the one at it (none past the end)
      const rows = await tx<Row>(
        Prisma.sql`SELECT position FROM Task ${where} ORDER BY position, id LIMIT 2 OFFSET ${Math.max(index - 1, 0)}`,
      );
      if (index === 0) [at, before, after] = [0, null, rows[0] ?? null];
      else if (rows.length > 0) [at, before, after] = [index, rows[0]!, rows[1] ?? null];
      else before = await last(); // past the end (at, if needed, is the column's length)
    }

    let position: number | null = null;
    if (before && after) {
      if (after.position - before.position > 1) position = Math.floor((before.position + after.position) / 2);
    } else if (before) position = before.position + POSITION_STEP;
    else if (after) position = after.position - POSITION_STEP;
    else position = 0;
    if (position !== null && position >= POSITION_MIN && position <= POSITION_MAX) return position;

    at ??= (await tx<{ n: number }>(Prisma.sql`SELECT COUNT(*) AS n FROM Task ${where}`))[0]!.n;
    const others = await tx<{ id: number }>(Prisma.sql`SELECT id FROM Task ${where}`);
    await this.renumber(tx, columnId, at, movingId);
    renumbered.push(...others.map((task) => task.id));
    return at * POSITION_STEP;
  }

  /**
   * Spreads the column out again (positions 0, STEP, 2*STEP, ...) keeping its order and leaving
   * slot `at` free for the moving task. One statement, whatever the column's length. The other
   * tasks keep their versions: their order is unchanged, and clients move tasks by index, never
   * by position, so no edit based on them goes stale. Their new positions still reach live boards,
   * which place cards by position: the caller records a TASK_MOVED for each (positionAt's `renumbered`).
   */
  private async renumber(tx: Sql, columnId: number, at: number, movingId: number) {
    await tx.exec(Prisma.sql`
      UPDATE Task t JOIN (
        SELECT id, ROW_NUMBER() OVER (ORDER BY position, id) - 1 AS i
        FROM Task WHERE columnId = ${columnId} AND id <> ${movingId}
      ) r ON r.id = t.id
      SET t.position = (r.i + (r.i >= ${at})) * ${POSITION_STEP}`);
  }
}
