// Live updates, the read side: one replica's view of the outbox (BoardEvent), shared by all of its
// subscribers. While anyone subscribes, it reads the new events every POLL_INTERVAL_MS with one
// indexed query, whatever the number of subscribers, and hands each event to the subscribers of
// its board, with one set of loaders per batch (event.loaders.ts).
//
// Ids are given out when a row is inserted but become visible when its transaction commits, so a
// lower id can appear after a higher one when two boards' writes commit out of order. Such a missing
// id is a gap: it is asked for again with every poll until it shows up or GAP_TIMEOUT_MS has passed
// (its transaction rolled back; no write takes that long, see the request deadline). On one board,
// writes take turns (outbox.ts), so a board's ids follow its commit order and each of its events'
// ids is a resume point: a subscriber that comes back with the last id it saw gets the board's
// events after it (catchUp), then the live ones, each once (repeats are told apart by id).
import { Repeater } from '@repeaterjs/repeater';
import type { PrismaClient } from '../../db/prisma.js';
import type { Sql } from '../../db/sql.js';
import type { BoardEventKind } from '../../generated/prisma/enums.js';
import { createEventLoaders, type EventLoaders } from './event.loaders.js';

export const POLL_INTERVAL_MS = 200;
const GAP_TIMEOUT_MS = 30_000;
/** At start, how far below the newest id to look for writes still in flight (more than 10 s of 50 writes/s). */
const START_WINDOW = 1000n;
/** Events read per poll; more are read by the next poll at once. */
const BATCH = 1000;
/** A resume point further back than this many events of the board: reload the board instead. */
const MAX_CATCH_UP = 1000;
/** Events waiting for a slow subscriber; past this it is told to reload the board. */
const MAX_QUEUED = 5000;

export interface BoardEventRow {
  id: bigint;
  boardId: number;
  kind: BoardEventKind;
  entityId: number | null;
  taskId: number | null;
  actorId: number;
  createdAt: Date;
}

/** What a subscriber receives. */
export type FeedItem =
  | { type: 'event'; event: BoardEventRow; loaders: EventLoaders }
  /** events were missed (resume point past retention, or the subscriber fell behind): reload the board */
  | { type: 'resync' };

interface Subscriber {
  boardId: number;
  push(item: FeedItem): void;
  /** makes the subscription look at its queue and at whether it should end */
  wake(): void;
}

export interface FeedOptions {
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
}

export class BoardEventFeed {
  private readonly subscribers = new Map<number, Set<Subscriber>>();
  private count = 0;
  /** the highest id read; undefined until the first poll */
  private maxSeen: bigint | undefined;
  /** ids below maxSeen not read yet, with when they were first missed */
  private readonly gaps = new Map<bigint, number>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private closed = false;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: Sql,
    private readonly options: FeedOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? POLL_INTERVAL_MS;
  }

  /**
   * The board's events from now on, or from after `after` (the id of the last event a previous
   * subscription delivered). Ends when the feed closes, or at once when the consumer calls return(),
   * even while it waits for the next event (a Repeater: an async generator would stay registered,
   * holding its queue, until the board's next event, which a quiet board may never have).
   */
  subscribe(boardId: number, after: bigint | undefined): AsyncIterableIterator<FeedItem> {
    return new Repeater<FeedItem>(async (push, stop) => {
      let queue: FeedItem[] = [];
      let wake: (() => void) | undefined;
      let overflowed = false;
      let stopped = false;
      void stop.then(() => {
        stopped = true;
        wake?.();
      });
      /** ids already delivered: a resume and a gap filled late may bring one twice */
      const delivered = new Set<bigint>();
      const subscriber: Subscriber = {
        boardId,
        push: (item) => {
          if (queue.length >= MAX_QUEUED) overflowed = true;
          else queue.push(item);
          wake?.();
        },
        wake: () => wake?.(),
      };
      this.add(subscriber);
      try {
        await this.started();
        if (after !== undefined && !stopped) {
          // Registered first, so that nothing committed from here on is missed; repeats are skipped below.
          const catchUp = await this.catchUp(boardId, after);
          if (catchUp === 'too-old') await push({ type: 'resync' });
          else queue = [...catchUp, ...queue].sort((a, b) => (eventId(a) < eventId(b) ? -1 : 1));
        }
        while (!this.closed && !stopped) {
          if (overflowed) {
            overflowed = false;
            queue = [];
            await push({ type: 'resync' });
            continue;
          }
          const item = queue.shift();
          if (!item) {
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
            continue;
          }
          if (item.type === 'event') {
            if (delivered.has(item.event.id)) continue;
            delivered.add(item.event.id);
            if (delivered.size > 2 * MAX_CATCH_UP) {
              // keep the newest: repeats only come from a resume or a late gap, both recent
              const oldest = [...delivered].sort((a, b) => (a < b ? -1 : 1)).slice(0, MAX_CATCH_UP);
              for (const id of oldest) delivered.delete(id);
            }
          }
          // resolves when the consumer takes it: a subscriber is handed one item at a time
          await push(item);
        }
      } finally {
        this.remove(subscriber);
        stop();
      }
    });
  }

  /** Stops polling and ends every subscription. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.polling;
    for (const set of this.subscribers.values()) for (const subscriber of set) subscriber.wake();
  }

  /** how many subscriptions this replica serves */
  get size(): number {
    return this.count;
  }

  private add(subscriber: Subscriber) {
    let set = this.subscribers.get(subscriber.boardId);
    if (!set) this.subscribers.set(subscriber.boardId, (set = new Set()));
    set.add(subscriber);
    this.count++;
    if (this.count === 1) this.schedule(0);
  }

  private remove(subscriber: Subscriber) {
    const set = this.subscribers.get(subscriber.boardId);
    if (!set?.delete(subscriber)) return;
    if (!set.size) this.subscribers.delete(subscriber.boardId);
    this.count--;
    if (this.count === 0) {
      // Nobody listens: stop reading, and start afresh (from the newest id) with the next subscriber.
      clearTimeout(this.timer);
      this.timer = undefined;
      this.maxSeen = undefined;
      this.gaps.clear();
    }
  }

  /** Resolves once the feed knows where "now" is (its first poll). */
  private async started(): Promise<void> {
    while (this.maxSeen === undefined && !this.closed) {
      await (this.polling ?? new Promise((resolve) => setTimeout(resolve, 10)));
    }
  }

  private schedule(delayMs: number) {
    if (this.closed || this.count === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.polling = this.poll()
        .catch((error: unknown) => this.options.onError?.(error))
        .then((more) => this.schedule(more ? 0 : this.pollIntervalMs))
        .finally(() => (this.polling = undefined));
    }, delayMs);
  }

  /** One read of the outbox; true when there may be more to read at once. */
  private async poll(): Promise<boolean> {
    const now = Date.now();
    if (this.maxSeen === undefined) {
      // Start from the newest id. Writes still in flight hold lower ids that are not visible yet:
      // the ids just below it that are missing are gaps like any other (a subscriber that starts
      // from Board.liveFrom relies on it).
      const newest = (await this.prisma.boardEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
      const recent = await this.prisma.boardEvent.findMany({
        where: { id: { gt: newest - START_WINDOW, lte: newest } },
        select: { id: true },
      });
      const present = new Set(recent.map((row) => row.id));
      for (let id = newest - START_WINDOW + 1n; id <= newest; id++)
        if (id > 0n && !present.has(id)) this.gaps.set(id, now);
      this.maxSeen = newest;
      return false;
    }
    for (const [id, since] of this.gaps) if (now - since > GAP_TIMEOUT_MS) this.gaps.delete(id);
    const gapIds = [...this.gaps.keys()];
    const rows: BoardEventRow[] = await this.prisma.boardEvent.findMany({
      where: gapIds.length
        ? { OR: [{ id: { gt: this.maxSeen } }, { id: { in: gapIds } }] }
        : { id: { gt: this.maxSeen } },
      orderBy: { id: 'asc' },
      take: BATCH,
    });
    for (const row of rows) {
      if (this.gaps.delete(row.id)) continue;
      for (let missing = this.maxSeen + 1n; missing < row.id; missing++) this.gaps.set(missing, now);
      this.maxSeen = row.id;
    }
    if (rows.length) this.dispatch(rows);
    return rows.length === BATCH;
  }

  private dispatch(rows: BoardEventRow[]) {
    const loaders = createEventLoaders(this.prisma, this.sql);
    for (const event of rows) {
      const set = this.subscribers.get(event.boardId);
      if (set) for (const subscriber of set) subscriber.push({ type: 'event', event, loaders });
    }
  }

  /** The board's events after `after`, or 'too-old' when some of them may have been purged. */
  private async catchUp(boardId: number, after: bigint): Promise<FeedItem[] | 'too-old'> {
    const [oldest, rows] = await Promise.all([
      this.prisma.boardEvent.aggregate({ _min: { id: true } }),
      this.prisma.boardEvent.findMany({
        where: { boardId, id: { gt: after } },
        orderBy: { id: 'asc' },
        take: MAX_CATCH_UP + 1,
      }),
    ]);
    const oldestKept = oldest._min.id;
    if (rows.length > MAX_CATCH_UP || (oldestKept !== null && after < oldestKept - 1n)) return 'too-old';
    const loaders = createEventLoaders(this.prisma, this.sql);
    return rows.map((event) => ({ type: 'event', event, loaders }));
  }
}

const eventId = (item: FeedItem) => (item.type === 'event' ? item.event.id : -1n);
