// Live updates, the read side: what a subscriber may follow, and the outbox's retention.
import { deleteExpired } from '../../db/expired.js';
import type { PrismaClient } from '../../db/prisma.js';

/** How long a board's events are kept: a subscriber that was away longer reloads the board instead. */
export const EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

export class LiveService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Deletes events past their retention (housekeeping, on every replica). */
  purgeExpired(batchSize?: number): Promise<number> {
    return deleteExpired(this.prisma, 'BoardEvent', { before: new Date(Date.now() - EVENT_RETENTION_MS), batchSize });
  }
}
