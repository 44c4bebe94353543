// Users by id, for every field that names one (assignee, author, member), batched per request.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../db/prisma.js';
import { PUBLIC_USER_SELECT } from './user.select.js';
import type { User } from './user.type.js';

export function createUserLoaders(prisma: PrismaClient) {
  return {
    userById: new DataLoader<number, User | null>(async (ids) => {
      const rows = await prisma.user.findMany({ where: { id: { in: [...ids] } }, select: PUBLIC_USER_SELECT });
      const byId = new Map(rows.map((user) => [user.id, user]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
