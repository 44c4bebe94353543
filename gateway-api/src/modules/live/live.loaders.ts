// Per request: where a subscription must start to miss nothing since this request read the board.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../db/prisma.js';

export function createLiveLoaders(prisma: PrismaClient) {
  return {
    /** the newest event id of all boards (0 when there is none), read once per request */
    newestEventId: new DataLoader<'newest', bigint>(async (keys) => {
      const newest = await prisma.boardEvent.aggregate({ _max: { id: true } });
      return keys.map(() => newest._max.id ?? 0n);
    }),
  };
}
