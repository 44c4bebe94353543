// Tasks: reading a board's columns, and (below) creating, editing, moving and deleting tasks.
// Callers have checked that the viewer is a member of the board, or the methods check it here.
import type { PrismaClient } from '../../db/prisma.js';
import { Prisma } from '../../generated/prisma/client.js';
import { STATUS_ORDER, type TaskStatus } from '../../graphql/enums.js';
import { decodeCursor, toConnection, type Connection } from '../../graphql/pagination.js';
import type { BoardAccess } from '../board/board-access.js';
import type { Task } from './task.type.js';

export const TASK_SELECT = {
  id: true,
  boardId: true,
  title: true,
  description: true,
  status: true,
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
  position: number | bigint;
  assigneeId: number | bigint | null;
  dueDate: Date | null;
  version: number | bigint;
  createdAt: Date;
  updatedAt: Date;
  total: number | bigint;
}

function fromRaw(row: RawTask): Task {
  return {
    id: Number(row.id),
    boardId: Number(row.boardId),
    title: row.title,
    description: row.description,
    status: row.status,
    position: Number(row.position),
    assigneeId: row.assigneeId === null ? null : Number(row.assigneeId),
    dueDate: row.dueDate ? new Date(row.dueDate) : null,
    version: Number(row.version),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

const taskKey = (t: Task) => [t.position, t.id];

export class TaskService {
  constructor(
    protected readonly prisma: PrismaClient,
    protected readonly access: BoardAccess,
  ) {}

  /**
   * The first `first` tasks of each of the board's three columns, with each column's total, in a
   * single statement (three index range scans joined by UNION ALL).
   */
  async columns(boardId: number, first: number): Promise<{ status: TaskStatus; tasks: Connection<Task> }[]> {
    const parts = STATUS_ORDER.map(
      (status) => Prisma.sql`(SELECT t.id, t.boardId, t.title, t.description, t.status, t.position, t.assigneeId,
          t.dueDate, t.version, t.createdAt, t.updatedAt,
          (SELECT COUNT(*) FROM Task c WHERE c.boardId = ${boardId} AND c.status = ${status}) AS total
        FROM Task t WHERE t.boardId = ${boardId} AND t.status = ${status}
        ORDER BY t.position, t.id LIMIT ${first + 1})`,
    );
    const rows = await this.prisma.$queryRaw<RawTask[]>`${Prisma.join(parts, ' UNION ALL ')}`;
    return STATUS_ORDER.map((status) => {
      const mine = rows.filter((r) => r.status === status);
      const total = Number(mine[0]?.total ?? 0);
      return { status, tasks: toConnection(mine.map(fromRaw), first, total, taskKey) };
    });
  }

  /** One column, page by page ("load more"). */
  async column(boardId: number, status: TaskStatus, first: number, after?: string | null): Promise<Connection<Task>> {
    const cursor = decodeCursor(after, ['number', 'number']) as [number, number] | undefined;
    const where: Prisma.TaskWhereInput = { boardId, status };
    const [rows, total] = await Promise.all([
      this.prisma.task.findMany({
        where: cursor
          ? { ...where, OR: [{ position: { gt: cursor[0] } }, { position: cursor[0], id: { gt: cursor[1] } }] }
          : where,
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
        take: first + 1,
        select: TASK_SELECT,
      }),
      this.prisma.task.count({ where }),
    ]);
    return toConnection(rows, first, total, taskKey);
  }
}
