// Transactions on the pool (db/transaction.ts sqlTransaction), which the task writes run in, against
// the real server: all or nothing, a deadlock victim run again, and the pool left usable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/prisma.js';
import type { Sql } from '../../src/db/sql.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
let database: Database;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.query('CREATE TABLE Counter (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB');
  await db.query('INSERT INTO Counter VALUES (1, 0), (2, 0)');
  database = createDatabase({ ...db.config, poolSize: 3 });
});
afterAll(async () => {
  await database?.prisma.$disconnect();
  await db?.drop();
});

const counters = async () =>
  Object.fromEntries(
    (await db.query<{ id: number; n: number }[]>('SELECT id, n FROM Counter ORDER BY id')).map((r) => [r.id, r.n]),
  );
const bump = (tx: Sql, id: number) => tx.exec(Prisma.sql`UPDATE Counter SET n = n + 1 WHERE id = ${id}`);

describe('sqlTransaction', () => {
  it('commits every statement together, and answers with what the write returned', async () => {
    const before = await counters();
    const answer = await database.sqlTransaction(async (tx) => {
      await bump(tx, 1);
      await bump(tx, 2);
      return 'done';
    });
    expect(answer).toBe('done');
    expect(await counters()).toEqual({ 1: before[1]! + 1, 2: before[2]! + 1 });
  });

  it('rolls everything back when the write fails, and the error reaches the caller unchanged', async () => {
    const before = await counters();
    const failure = new Error('the write gave up');
    await expect(
      database.sqlTransaction(async (tx) => {
        await bump(tx, 1);
        throw failure;
      }),
    ).rejects.toBe(failure);
    // a statement the server refuses, too
    await expect(
      database.sqlTransaction(async (tx) => {
        await bump(tx, 2);
        await tx.exec(Prisma.sql`INSERT INTO Counter VALUES (1, 0)`);
      }),
    ).rejects.toMatchObject({ errno: 1062 });
    expect(await counters()).toEqual(before);
    // the connections went back to the pool in a usable state: no transaction left open on them
    const inTransaction = await Promise.all(
      [1, 2, 3].map(() =>
        database.sqlTransaction(
          async (tx) => (await tx<{ t: number }>(Prisma.sql`SELECT @@in_transaction AS t`))[0]!.t,
        ),
      ),
    );
    expect(inTransaction).toEqual([1, 1, 1]);
    expect(await database.sql<{ t: number }>(Prisma.sql`SELECT @@in_transaction AS t`)).toEqual([{ t: 0 }]);
  });

  it('runs a deadlock victim again: both writes commit once, and nothing of the first attempt is kept', async () => {
    const before = await counters();
    const attempts = { a: 0, b: 0 };
    let bothLocked!: () => void;
    const firstLocks = new Promise<void>((resolve) => {
      let n = 0;
      bothLocked = () => (++n === 2 ? resolve() : undefined);
    });
    // a takes row 1 then row 2, b row 2 then row 1: InnoDB picks one of them as the victim (ER_LOCK_DEADLOCK)
    const crossing = (name: 'a' | 'b', first: number, second: number) =>
      database.sqlTransaction(async (tx) => {
        attempts[name]++;
        await bump(tx, first);
        if (attempts[name] === 1) {
          bothLocked();
          await firstLocks;
        }
        await bump(tx, second);
        return name;
      });
    expect(await Promise.all([crossing('a', 1, 2), crossing('b', 2, 1)])).toEqual(['a', 'b']);
    expect(attempts.a + attempts.b).toBe(3);
    expect(await counters()).toEqual({ 1: before[1]! + 2, 2: before[2]! + 2 });
  });
});
