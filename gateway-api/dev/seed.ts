// `npm run db:seed [-- --tasks N]`: deterministic, idempotent demo data. Running it again changes
// nothing; `--tasks N` makes sure a "Search benchmark" board holds N generated tasks.
// The demo accounts are for local development only (README, "Demo accounts").
import { parseArgs } from 'node:util';
import { mulberry32, pick } from '@taskboard/test-kit/random';
import { describeDatabase } from '../src/config/database.js';
import { createPrismaClient, type PrismaClient } from '../src/db/prisma.js';
import { MemberRole, type TaskStatus } from '../src/generated/prisma/enums.js';
import { isMainModule, runCli, UsageError } from '../src/lib/cli.js';
import { hashPassword } from '../src/modules/auth/password.js';
import { DEFAULT_COLUMNS } from '../src/modules/column/defaults.js';
import { POSITION_STEP, STATUS_ORDER } from '../src/modules/task/columns.js';
import { cliDatabaseConfig } from './cli-database.js';

export const DEMO_PASSWORD = 'taskboard-demo';

export const DEMO_USERS = [
  { email: 'alice@example.com', name: 'Alice Martin' },
  { email: 'bob@example.com', name: 'Bob Nguyen' },
  { email: 'carol@example.com', name: 'Carol Diaz' },
  { email: 'dave@example.com', name: 'Dave Okafor' },
] as const;

type DemoEmail = (typeof DEMO_USERS)[number]['email'];

const DEMO_BOARDS: { name: string; owner: DemoEmail; members: DemoEmail[]; tasks: number }[] = [
  { name: 'Product launch', owner: 'alice@example.com', members: ['bob@example.com', 'carol@example.com'], tasks: 67 },
  {
    name: 'Website redesign',
    owner: 'alice@example.com',
    members: ['carol@example.com', 'dave@example.com'],
    tasks: 67,
  },
  { name: 'Team onboarding', owner: 'bob@example.com', members: ['alice@example.com', 'dave@example.com'], tasks: 66 },
];
export const BENCHMARK_BOARD = 'Search benchmark';

const LABELS = [
  { name: 'bug', color: '#d73a4a' },
  { name: 'feature', color: '#0e8a16' },
  { name: 'design', color: '#a855f7' },
  { name: 'docs', color: '#0075ca' },
  { name: 'urgent', color: '#e11d48' },
];

const VERBS = [
  'Write',
  'Review',
  'Fix',
  'Design',
  'Plan',
  'Test',
  'Ship',
  'Document',
  'Refactor',
  'Measure',
  'Translate',
  'Automate',
];
const NOUNS = [
  'pricing page',
  'onboarding email',
  'login flow',
  'release notes',
  'search results',
  'invoice export',
  'mobile layout',
  'error messages',
  'API rate limits',
  'dashboard charts',
  'accessibility audit',
  'backup job',
  'press kit',
  'support macros',
  'analytics events',
  'database indexes',
  'feature flags',
  'changelog',
];
const DETAILS = [
  'Check with the team before starting.',
  'Keep the scope small; follow-ups go in new tasks.',
  'Customers asked for this twice last week.',
  'Blocked until the design is signed off.',
  'Measure before and after.',
  'Pair with someone who has not seen this code yet.',
  'Add screenshots to the pull request.',
  'Make sure keyboard users can do it too.',
];
const COMMENTS = [
  'I can take this one.',
  'Started on it, draft by Friday.',
  'Looks good to me.',
  'Can we split this in two?',
  'Done on staging, please verify.',
  'Moved the deadline, see the planning notes.',
  'Found an edge case, details inside.',
];
const STATUSES = STATUS_ORDER;
const DAY = 86_400_000;
const DUE_BASE = Date.UTC(2026, 11, 1);

/** The i-th generated task of a board; depends only on (board seed, i), the same on every machine. */
function generatedTask(boardSeed: number, i: number, memberIds: number[], labelIds: number[]) {
  const rand = mulberry32(boardSeed * 1_000_003 + i);
  const status = STATUSES[i % 3]!;
  const labelCount = Math.floor(rand() * 3); // 0..2
  const labels = [...new Set(Array.from({ length: labelCount }, () => pick(rand, labelIds)))];
  return {
    task: {
      title: `${pick(rand, VERBS)} ${pick(rand, NOUNS)} #${i + 1}`,
      description: rand() < 0.7 ? `${pick(rand, DETAILS)} ${pick(rand, DETAILS)}` : null,
      status,
      position: Math.floor(i / 3) * POSITION_STEP,
      assigneeId: rand() < 0.8 ? pick(rand, memberIds) : null,
      creatorId: memberIds[0]!,
      dueDate: rand() < 0.4 ? new Date(DUE_BASE + Math.floor(rand() * 60) * DAY) : null,
    },
    labels,
    comments: Array.from({ length: Math.floor(rand() * 4) }, () => ({
      authorId: pick(rand, memberIds),
      body: pick(rand, COMMENTS),
    })),
  };
}

async function ensureUsers(prisma: PrismaClient): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const existing = await prisma.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } } });
  for (const user of existing) ids.set(user.email, user.id);
  const missing = DEMO_USERS.filter((u) => !ids.has(u.email));
  if (missing.length) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const user of missing) {
      const created = await prisma.user.create({ data: { ...user, passwordHash } });
      ids.set(user.email, created.id);
    }
  }
  return ids;
}

const BOARD_INCLUDE = {
  labels: { orderBy: { id: 'asc' } },
  columns: { orderBy: { position: 'asc' }, select: { id: true, status: true } },
} as const;

/** Finds the owner's board of that name, or creates it with its members, labels and columns. */
async function ensureBoard(prisma: PrismaClient, name: string, ownerId: number, memberIds: number[]) {
  const found = await prisma.board.findFirst({
    where: { name, memberships: { some: { userId: ownerId, role: MemberRole.OWNER } } },
    include: BOARD_INCLUDE,
  });
  if (found) return { board: found, created: false };
  const board = await prisma.board.create({
    data: {
      name,
      memberships: {
        create: [
          { userId: ownerId, role: MemberRole.OWNER },
          ...memberIds.map((userId) => ({ userId, role: MemberRole.MEMBER })),
        ],
      },
      labels: { create: LABELS },
      columns: { create: DEFAULT_COLUMNS.map((column, position) => ({ ...column, position })) },
    },
    include: BOARD_INCLUDE,
  });
  return { board, created: true };
}

/** Inserts generated tasks [from, to) of a board, with their labels and comments, in batches. */
async function insertTasks(
  prisma: PrismaClient,
  board: { id: number; labels: { id: number }[]; columns: { id: number; status: TaskStatus }[] },
  boardSeed: number,
  memberIds: number[],
  from: number,
  to: number,
  onProgress?: (done: number) => void,
) {
  const BATCH = 2000;
  const labelIds = board.labels.map((l) => l.id);
  // the board's default columns, one per status
  const columnOf = new Map(board.columns.map((column) => [column.status, column.id]));
  for (let start = from; start < to; start += BATCH) {
    const end = Math.min(to, start + BATCH);
    const generated = Array.from({ length: end - start }, (_, k) =>
      generatedTask(boardSeed, start + k, memberIds, labelIds),
    );
    // One transaction per batch: an interrupted seed leaves whole tasks only, and the next run resumes.
    await prisma.$transaction(
      async (tx) => {
        const before = await tx.task.aggregate({ where: { boardId: board.id }, _max: { id: true } });
        await tx.task.createMany({
          data: generated.map((g) => ({ ...g.task, boardId: board.id, columnId: columnOf.get(g.task.status)! })),
        });
        const rows = await tx.task.findMany({
          where: { boardId: board.id, id: { gt: before._max.id ?? 0 } },
          select: { id: true, status: true, position: true },
        });
        // position and status identify the generated index: i = 3 * (position / step) + column
        const idOf = new Map(rows.map((r) => [3 * (r.position / POSITION_STEP) + STATUSES.indexOf(r.status), r.id]));
        const links = generated.flatMap((g, k) =>
          g.labels.map((labelId) => ({ taskId: idOf.get(start + k)!, labelId })),
        );
        const comments = generated.flatMap((g, k) => g.comments.map((c) => ({ ...c, taskId: idOf.get(start + k)! })));
        if (links.length) await tx.taskLabel.createMany({ data: links });
        if (comments.length) await tx.comment.createMany({ data: comments });
      },
      { timeout: 120_000 },
    );
    onProgress?.(end);
  }
}

export interface SeedSummary {
  users: number;
  boardsCreated: string[];
  benchmarkTasksAdded: number;
}

export async function seed(
  prisma: PrismaClient,
  options: { tasks?: number; log?: (message: string) => void } = {},
): Promise<SeedSummary> {
  const log = options.log ?? (() => {});
  const users = await ensureUsers(prisma);
  const id = (email: DemoEmail) => users.get(email)!;
  const summary: SeedSummary = { users: users.size, boardsCreated: [], benchmarkTasksAdded: 0 };

  for (const [index, spec] of DEMO_BOARDS.entries()) {
    const memberIds = spec.members.map(id);
    const { board, created } = await ensureBoard(prisma, spec.name, id(spec.owner), memberIds);
    if (!created) continue;
    await insertTasks(prisma, board, index + 1, [id(spec.owner), ...memberIds], 0, spec.tasks);
    summary.boardsCreated.push(spec.name);
  }

  if (options.tasks !== undefined) {
    const members = DEMO_USERS.map((u) => id(u.email));
    const { board } = await ensureBoard(prisma, BENCHMARK_BOARD, members[0]!, members.slice(1));
    const have = await prisma.task.count({ where: { boardId: board.id } });
    if (have > options.tasks) {
      log(`"${BENCHMARK_BOARD}" already has ${have} tasks (more than ${options.tasks}); left as it is`);
    } else if (have < options.tasks) {
      log(`adding ${options.tasks - have} tasks to "${BENCHMARK_BOARD}" ...`);
      let last = Date.now();
      await insertTasks(prisma, board, 1000, members, have, options.tasks, (done) => {
        if (Date.now() - last > 5000) {
          last = Date.now();
          log(`  ${done} / ${options.tasks}`);
        }
      });
      summary.benchmarkTasksAdded = options.tasks - have;
    }
  }
  return summary;
}

export async function main(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env) {
  let tasks: number | undefined;
  try {
    const { values } = parseArgs({ args: argv, options: { tasks: { type: 'string' } } });
    if (values.tasks !== undefined) {
      tasks = Number(values.tasks);
      if (!Number.isInteger(tasks) || tasks < 0 || tasks > 10_000_000)
        throw new Error(`--tasks must be a whole number from 0 to 10000000 (got ${values.tasks})`);
    }
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: db:seed [--tasks N]`);
  }
  const db = await cliDatabaseConfig(env);
  const prisma = createPrismaClient(db);
  try {
    console.log(`seeding ${describeDatabase(db)}`);
    const started = Date.now();
    const summary = await seed(prisma, { ...(tasks !== undefined ? { tasks } : {}), log: (m) => console.log(m) });
    console.log(
      `done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.users} demo users; ` +
        (summary.boardsCreated.length
          ? `created boards ${summary.boardsCreated.join(', ')}`
          : 'demo boards already there') +
        (tasks !== undefined ? `; ${summary.benchmarkTasksAdded} benchmark tasks added` : ''),
    );
  } finally {
    await prisma.$disconnect();
  }
}

if (isMainModule(import.meta.url)) runCli(() => main());
