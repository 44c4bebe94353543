// Live updates, the read side: whom a board's events go to, for how long, and how long they are kept.
import { deleteExpired } from '../../db/expired.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { BoardEventFeed, type FeedItem, type FeedOptions } from './feed.js';

/** How long a board's events are kept: a subscriber that was away longer reloads the board instead. */
export const EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

/** What a subscription delivers: the feed's items, then possibly why it ends. */
export type LiveItem =
  Extract<FeedItem, { type: 'event' }> | { type: 'resync'; boardId: number } | { type: 'ended'; error: AppError };

export class LiveService {
  readonly feed: BoardEventFeed;

  constructor(
    private readonly prisma: PrismaClient,
    feedOptions: FeedOptions = {},
  ) {
    this.feed = new BoardEventFeed(prisma, feedOptions);
  }

  /**
   * A member's subscription to a board (membership checked by the caller): its events, ending after
   * the board's deletion or the viewer's removal, with an error that says which.
   */
  async *follow(userId: number, boardId: number, after: bigint | undefined): AsyncGenerator<LiveItem> {
    for await (const item of this.feed.subscribe(boardId, after)) {
      if (item.type === 'resync') {
        yield { type: 'resync', boardId };
        continue;
      }
      yield item;
      const { kind, entityId } = item.event;
      if (kind === 'BOARD_DELETED') {
        yield { type: 'ended', error: new AppError(ErrorCode.NOT_FOUND, 'This board was deleted.') };
        return;
      }
      if (kind === 'MEMBER_REMOVED' && entityId === userId) {
        yield { type: 'ended', error: new AppError(ErrorCode.NOT_FOUND, 'You are no longer a member of this board.') };
        return;
      }
    }
  }

  /** Deletes events past their retention (housekeeping, on every replica). */
  purgeExpired(batchSize?: number): Promise<number> {
    return deleteExpired(this.prisma, 'BoardEvent', { before: new Date(Date.now() - EVENT_RETENTION_MS), batchSize });
  }
}
