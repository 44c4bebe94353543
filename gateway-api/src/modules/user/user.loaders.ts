// Users by id, for every field that names one (assignee, author, member), batched per request.
import DataLoader from 'dataloader';
import type { Sql } from '../../db/sql.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { User } from './user.type.js';

export function createUserLoaders(sql: Sql) {
  return {
    userById: new DataLoader<number, User | null>(async (ids) => {
      // the public columns only (user.select.ts)
      const rows = await sql<User>(Prisma.sql`SELECT id, name, email FROM User WHERE id IN (${Prisma.join(ids)})`);
      const byId = new Map(rows.map((user) => [user.id, user]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
