// The five scenarios as the harness drives them: the request (or request maker) for each, the state
// reset that makes every run of a write scenario start alike, and the checks on answers.
import { isDeepStrictEqual } from 'node:util';
import { describeErrors, post, type Answer } from '../lib/client.js';
import { readCounters, type BenchDatabase } from '../lib/db.js';
import {
  clearWriteTraces,
  movableTasks,
  resetCreateBoard,
  resetMoveBoard,
  type BenchData,
  type MovableTask,
} from '../lib/data.js';
import type { LoadRequest } from './loadgen.js';
import { body, nextColumn, SEARCH_QUERY, type GraphQLBody, type ScenarioName } from './operations.js';

export interface Scenario {
  name: ScenarioName;
  label: string;
  write: boolean;
}

export const SCENARIOS: Scenario[] = [
  { name: 'board', label: 'board view, 3 x 50 tasks', write: false },
  { name: 'detail', label: 'task dialog + 20 comments', write: false },
  { name: 'search', label: `filter "${SEARCH_QUERY}", first 100 in board order (100k tasks)`, write: false },
  { name: 'create', label: 'create task', write: true },
  { name: 'move', label: 'move task', write: true },
];

export function readBody(name: ScenarioName, data: BenchData): GraphQLBody {
  switch (name) {
    case 'board':
      return body.board(data.boardViewId);
    case 'detail':
      return body.detail(data.detailTaskId, data.boardViewId);
    case 'search':
      return body.search(data.searchBoardId);
    case 'create':
      // a new idempotency key each time, as each "Add task" has
      return body.create(data.createBoardId, data.createColumnId);
    case 'move':
      throw new Error('move requests are made per task (Mover)');
  }
}

/** Moves tasks one after the other from the harness, keeping their versions (validation, counting). */
export class Mover {
  private turn = 0;
  constructor(
    private readonly tasks: MovableTask[],
    private readonly columnIds: readonly number[],
  ) {}

  async move(url: string, cookie: string): Promise<Answer> {
    const task = this.tasks[this.turn++ % this.tasks.length]!;
    const columnId = nextColumn(this.columnIds, task.columnId);
    const answer = await post(url, body.move(task.id, task.version, columnId, this.turn % 7), cookie);
    const moved = (answer.body.data as { moveTask?: { version: number } } | undefined)?.moveTask;
    if (moved) {
      task.version = moved.version;
      task.columnId = columnId;
    }
    return answer;
  }
}

/**
 * Puts the write boards back as built, so every implementation and run starts from the same state:
 * before a write scenario its board, before any scenario the live events and idempotency keys the
 * writes left (a board view's liveFrom is the newest event's id).
 */
export async function resetFor(name: ScenarioName, db: BenchDatabase, data: BenchData): Promise<MovableTask[]> {
  if (name === 'create') await resetCreateBoard(db, data);
  else if (name === 'move') return resetMoveBoard(db, data);
  else await clearWriteTraces(db, data);
  return [];
}

export async function loadRequest(
  name: ScenarioName,
  db: BenchDatabase,
  data: BenchData,
  expectLength?: number,
): Promise<LoadRequest> {
  // the move board as it is now (after a load run, whose last moves may have landed after it ended)
  if (name === 'move') return { kind: 'move', tasks: await movableTasks(db, data), columnIds: data.moveColumnIds };
  if (name === 'create') return { kind: 'create', boardId: data.createBoardId, columnId: data.createColumnId };
  return { kind: 'static', body: readBody(name, data), ...(expectLength !== undefined ? { expectLength } : {}) };
}

export interface Reference {
  status: number;
  dataBytes: number;
  textLength: number;
  data: unknown;
}

/** One answer per scenario from a freshly reset state: what every other implementation must match. */
export async function referenceAnswers(
  url: string,
  cookie: string,
  db: BenchDatabase,
  data: BenchData,
): Promise<Record<ScenarioName, Reference>> {
  const out = {} as Record<ScenarioName, Reference>;
  for (const { name } of SCENARIOS) {
    const tasks = await resetFor(name, db, data);
    const answer =
      name === 'move'
        ? await new Mover(tasks, data.moveColumnIds).move(url, cookie)
        : await post(url, readBody(name, data), cookie);
    if (answer.status !== 200 || answer.body.errors || answer.body.data === undefined || answer.body.data === null) {
      throw new Error(`${name}: ${describeErrors(answer)}`);
    }
    out[name] = {
      status: answer.status,
      dataBytes: answer.dataBytes,
      textLength: answer.text.length,
      data: answer.body.data,
    };
  }
  return out;
}

/** Problems with an implementation's answers against the reference; `warnings` do not fail the run. */
export function compareAnswers(
  mine: Record<ScenarioName, Reference>,
  reference: Record<ScenarioName, Reference>,
): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const { name, write } of SCENARIOS) {
    const a = reference[name];
    const b = mine[name];
    if (a.status !== b.status) problems.push(`${name}: HTTP ${b.status}, reference ${a.status}`);
    if (a.dataBytes !== b.dataBytes) problems.push(`${name}: data is ${b.dataBytes} bytes, reference ${a.dataBytes}`);
    else if (!write && !isDeepStrictEqual(a.data, b.data))
      warnings.push(`${name}: same size as the reference, different content`);
  }
  return { problems, warnings };
}

export interface SqlCount {
  perOperation: number;
  select: number;
  insert: number;
  update: number;
  delete: number;
  transaction: number;
}

/**
 * SQL statements per operation, counted by the database server itself (its global Questions
 * counter: statements executed, prepared or not, excluding PREPARE and PING) over `n` operations
 * sent one at a time after a warm-up.
 */
export async function countStatements(run: () => Promise<Answer>, db: BenchDatabase, n: number): Promise<SqlCount> {
  for (let i = 0; i < 3; i++) await run();
  const before = await readCounters(db);
  for (let i = 0; i < n; i++) {
    const answer = await run();
    if (answer.body.errors) throw new Error(`while counting statements: ${describeErrors(answer)}`);
  }
  const after = await readCounters(db);
  const per = (k: keyof typeof before) => (after[k] - before[k]) / n;
  return {
    // the second SHOW STATUS counts itself
    perOperation: (after.questions - before.questions - 1) / n,
    select: per('select'),
    insert: per('insert'),
    update: per('update'),
    delete: per('delete'),
    transaction: per('transaction'),
  };
}
