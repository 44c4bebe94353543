// Per request: where a subscription must start to miss nothing since this request read the board.
import DataLoader from 'dataloader';
import type { Sql } from '../../db/sql.js';
import { Prisma } from '../../generated/prisma/client.js';

export function createLiveLoaders(sql: Sql) {
  return {
    /** the newest event id of all boards (0 when there is none), read once per request */
    newestEventId: new DataLoader<'newest', bigint>(async (keys) => {
      const [newest] = await sql<{ id: number | null }>(Prisma.sql`SELECT MAX(id) AS id FROM BoardEvent`);
      return keys.map(() => BigInt(newest?.id ?? 0));
    }),
  };
}
