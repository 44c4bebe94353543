// The demo data: deterministic and idempotent, so running the seed again changes nothing.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../../src/db/prisma.js';
import { BENCHMARK_BOARD, DEMO_PASSWORD, seed } from '../../dev/seed.js';
import { verifyPassword } from '../../src/modules/auth/password.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const databases: TestDatabase[] = [];
const clients: PrismaClient[] = [];
async function seededClient() {
  const db = await createTestDatabase({ migrated: true });
  databases.push(db);
  const prisma = createPrismaClient(db.config);
  clients.push(prisma);
  return prisma;
}
afterAll(async () => {
  for (const c of clients) await c.$disconnect();
  for (const d of databases) await d.drop();
});

async function counts(prisma: PrismaClient) {
  const [users, boards, memberships, tasks, labels, taskLabels, comments] = await Promise.all([
    prisma.user.count(),
    prisma.board.count(),
    prisma.membership.count(),
    prisma.task.count(),
    prisma.label.count(),
    prisma.taskLabel.count(),
    prisma.comment.count(),
  ]);
  return { users, boards, memberships, tasks, labels, taskLabels, comments };
}

async function fingerprint(prisma: PrismaClient) {
  const tasks = await prisma.task.findMany({
    orderBy: [{ board: { name: 'asc' } }, { status: 'asc' }, { position: 'asc' }],
    include: {
      board: true,
      assignee: true,
      labels: { include: { label: true } },
      comments: { include: { author: true } },
    },
  });
  const text = tasks
    .map((t) =>
      [
        t.board.name,
        t.status,
        t.position,
        t.title,
        t.description,
        t.assignee?.email,
        t.dueDate?.toISOString(),
        t.labels
          .map((l) => l.label.name)
          .sort()
          .join(','),
        t.comments.map((c) => `${c.author.email}:${c.body}`).join('|'),
      ].join(';'),
    )
    .join('\n');
  return createHash('sha256').update(text).digest('hex');
}

describe('seed', () => {
  let prisma: PrismaClient;
  beforeAll(async () => {
    prisma = await seededClient();
  });

  it('creates the demo users, 3 boards and about 200 tasks with labels and comments', async () => {
    await seed(prisma);
    const c = await counts(prisma);
    expect(c).toMatchObject({ users: 4, boards: 3, memberships: 9, tasks: 200, labels: 15 });
    expect(c.taskLabels).toBeGreaterThan(50);
    expect(c.comments).toBeGreaterThan(100);
    const alice = await prisma.user.findUniqueOrThrow({ where: { email: 'alice@example.com' } });
    expect(await verifyPassword(alice.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(alice.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    // every column of every board is ordered by distinct positions
    const columns = await prisma.task.groupBy({ by: ['boardId', 'status'], _count: { _all: true } });
    expect(columns).toHaveLength(9);
  });

  it('changes nothing when run again', async () => {
    const before = await counts(prisma);
    const print = await fingerprint(prisma);
    await seed(prisma);
    expect(await counts(prisma)).toEqual(before);
    expect(await fingerprint(prisma)).toBe(print);
  });

  it('produces the same data in another database', async () => {
    const other = await seededClient();
    await seed(other);
    expect(await fingerprint(other)).toBe(await fingerprint(prisma));
  });

  it('--tasks N fills the benchmark board up to N tasks, once', async () => {
    const before = await counts(prisma);
    const first = await seed(prisma, { tasks: 2500 });
    expect(first.benchmarkTasksAdded).toBe(2500);
    const board = await prisma.board.findFirstOrThrow({ where: { name: BENCHMARK_BOARD } });
    expect(await prisma.task.count({ where: { boardId: board.id } })).toBe(2500);
    const after = await counts(prisma);
    expect(after.tasks).toBe(before.tasks + 2500);

    const again = await seed(prisma, { tasks: 2500 });
    expect(again.benchmarkTasksAdded).toBe(0);
    expect(await counts(prisma)).toEqual(after);

    // growing the set adds only the missing tasks, and they carry on the same sequence
    await seed(prisma, { tasks: 3000 });
    expect(await prisma.task.count({ where: { boardId: board.id } })).toBe(3000);
    const positions = await prisma.task.findMany({
      where: { boardId: board.id, status: 'TODO' },
      select: { position: true },
    });
    expect(new Set(positions.map((p) => p.position)).size).toBe(positions.length);
  });
});
