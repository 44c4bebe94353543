// Live updates, the read side: whom a board's events go to, for how long, and how long they are kept.
import { deleteExpired } from '../../db/expired.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Sql } from '../../db/sql.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { transformIterator, type Step } from '../../lib/iterators.js';
import { BoardEventFeed, type FeedItem, type FeedOptions } from './feed.js';

/** How long a board's events are kept: a subscriber that was away longer reloads the board instead. */
export const EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

/** What a subscription delivers: the feed's items, then possibly why it ends. */
export type LiveItem =
  Extract<FeedItem, { type: 'event' }> | { type: 'resync'; boardId: number } | { type: 'ended'; error: AppError };

/**
 * What stands for an item's event, the same object for every subscriber it reaches (the feed's row),
 * or undefined for an item that is one subscriber's own: their GraphQL results may be shared.
 */
export const sharedEventOf = (item: LiveItem): object | undefined => (item.type === 'event' ? item.event : undefined);

export class LiveService {
  readonly feed: BoardEventFeed;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: Sql,
    feedOptions: FeedOptions = {},
  ) {
    this.feed = new BoardEventFeed(prisma, sql, feedOptions);
  }

  /**
   * A member's subscription to a board (membership checked by the caller): its events, ending after
   * the board's deletion or the viewer's removal, with an error that says which. Returning ends it at
   * once, also while it waits (see BoardEventFeed.subscribe).
   */
  follow(userId: number, boardId: number, after: bigint | undefined): AsyncIterableIterator<LiveItem> {
    const ended = (message: string): LiveItem => ({ type: 'ended', error: new AppError(ErrorCode.NOT_FOUND, message) });
    return transformIterator(this.feed.subscribe(boardId, after), (item): Step<LiveItem> => {
      if (item.type === 'resync') return { values: [{ type: 'resync', boardId }] };
      const { kind, entityId } = item.event;
      if (kind === 'BOARD_DELETED') return { values: [item, ended('This board was deleted.')], end: true };
      if (kind === 'MEMBER_REMOVED' && entityId === userId) {
        return { values: [item, ended('You are no longer a member of this board.')], end: true };
      }
      return { values: [item] };
    });
  }

  /** Deletes events past their retention (housekeeping, on every replica). */
  purgeExpired(batchSize?: number): Promise<number> {
    return deleteExpired(this.sql, 'BoardEvent', { before: new Date(Date.now() - EVENT_RETENTION_MS), batchSize });
  }
}
