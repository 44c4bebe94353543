// Users by id, for every field that names one (assignee, author, member), batched per request.
import DataLoader from 'dataloader';
import { columnsOf, type Sql } from '../../db/sql.js';
import { PUBLIC_USER_SELECT } from './user.select.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { User } from './user.type.js';

export function createUserLoaders(sql: Sql) {
  return {
    userById: new DataLoader<number, User | null>(async (ids) => {
      const rows = await sql<User>(
        Prisma.sql`SELECT ${columnsOf(PUBLIC_USER_SELECT)} FROM User WHERE id IN (${Prisma.join(ids)})`,
      );
      const byId = new Map(rows.map((user) => [user.id, user]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
