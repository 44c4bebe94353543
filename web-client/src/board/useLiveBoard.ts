// A board's live updates: its boardEvents subscription, from where the loaded board left off to
// every change saved after it, each applied to the cache as it comes (boardEvents.ts).
//
// Resuming: the subscription starts after Board.liveFrom (so nothing saved between loading the board
// and subscribing is missed), and the id of the last event applied is kept. graphql-ws sends the
// subscription again after every reconnect; it then asks for the events after that id (resumeLink in
// apollo/live.ts), so the ones missed meanwhile arrive, in order, each once. When the subscription
// itself fails or ends, it is started again from the same id, with backoff.
import type { ApolloCache } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { retryDelay, useLiveConnectionStatus, type LiveStatus, type ResumeContext } from '../apollo/live';
import { readColumnTasks, updateColumnTasks } from '../apollo/columnTasks';
import { errorCode } from '../apollo/errors';
import { ViewerQuery } from '../apollo/viewer';
import { graphql } from '../gql';
import { forgetBoard, unlistBoard } from '../apollo/boards';
import { reloadBoardColumns } from '../mutations/useColumns';
import { applyBoardEvent, BoardEventsSubscription, LiveBoard_boardFragment, type BoardEvent } from './boardEvents';

/** How many tasks each column holds, without loading any: after an event about a task never loaded. */
export const ColumnCountsQuery = graphql(`
  query ColumnCounts($boardId: ID!) {
    board(id: $boardId) {
      id
      columns(first: 1) {
        id
        tasks {
          totalCount
        }
      }
    }
  }
`);

/**
 * The last event applied per board, kept with the cache: coming back to a board shown from the
 * cache resumes from there, as the cache holds everything up to it. Ids grow with time, so the later
 * of this and the board's liveFrom is where the cached board stands, whichever was loaded last.
 */
const resumePoints = new WeakMap<ApolloCache, Map<string, string>>();

/** What shows a board and its tasks: what a resync loads again (ColumnTasks: a first page replaces the stored list). */
const BOARD_QUERIES = new Set(['BoardPage', 'ColumnTasks', 'TaskDialog', 'TaskComments', 'FilteredTasks']);

const GONE_MESSAGE = 'This board was deleted, or you are no longer one of its members.';

const later = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : BigInt(a) >= BigInt(b) ? a : b;

export interface LiveBoard {
  /** what the board's indicator shows */
  status: LiveStatus;
  /** counts the events that added, edited or moved tasks: search results made before may be stale */
  taskChanges: number;
  /** set when the board went away for the viewer (deleted, or removed from it): why, in words */
  ended: string | null;
}

/** Keeps the cached board `boardId` (undefined: none yet) up to date while mounted. */
export function useLiveBoard(boardId: string | undefined): LiveBoard {
  const client = useApolloClient();
  const connection = useLiveConnectionStatus();
  const [retrying, setRetrying] = useState(false);
  const [taskChanges, setTaskChanges] = useState(0);
  const [ended, setEnded] = useState<{ boardId: string; message: string } | null>(null);

  useEffect(() => {
    if (!boardId) return;
    const { cache } = client;
    let resume = resumePoints.get(cache);
    if (!resume) resumePoints.set(cache, (resume = new Map()));
    const liveFrom = () =>
      cache.readFragment({
        fragment: LiveBoard_boardFragment,
        id: cache.identify({ __typename: 'Board', id: boardId }),
      })?.liveFrom;
    let last = later(resume.get(boardId), liveFrom());
    let stopped = false;
    /** no more events will come: the board went away for the viewer, or the session ended */
    let over = false;
    /** the board went away for the viewer: forget it once the page has gone */
    let gone = false;
    let attempts = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let subscription: { unsubscribe(): void } | undefined;
    let resyncing = false;
    let counting: 'no' | 'yes' | 'again' = 'no';

    const setLast = (id: string | undefined) => {
      last = later(last, id);
      if (last !== undefined) resume.set(boardId, last);
    };

    const recount = () => {
      if (counting !== 'no') {
        counting = 'again';
        return;
      }
      counting = 'yes';
      void client
        .query({ query: ColumnCountsQuery, variables: { boardId }, fetchPolicy: 'no-cache' })
        .then(({ data }) => {
          const board = data?.board;
          if (stopped || !board) return;
          for (const { id: columnId, tasks } of board.columns) {
            const { totalCount } = tasks;
            if (readColumnTasks(cache, boardId, columnId, false)?.totalCount === totalCount) continue;
            updateColumnTasks(cache, boardId, columnId, (current) => ({ ...current, totalCount }));
          }
        })
        .catch(() => undefined)
        .finally(() => {
          const again = counting === 'again';
          counting = 'no';
          if (again && !stopped) recount();
        });
    };

    // Events were missed: the board's views on screen are loaded again, once however many ask for
    // it, and the events from the reloaded board's liveFrom on apply on top of them.
    const resync = () => {
      if (resyncing) return;
      resyncing = true;
      const onScreen = [...client.getObservableQueries('active')].filter((query) =>
        BOARD_QUERIES.has(query.queryName ?? ''),
      );
      void Promise.all(onScreen.map((query) => query.refetch()))
        .then(() => setLast(liveFrom()))
        .catch(() => undefined)
        .finally(() => (resyncing = false));
    };

    const apply = (event: BoardEvent) => {
      if (event.kind === 'RESYNC_REQUIRED') return resync();
      // a resume or a reload may bring an event again: it is applied once
      if (last !== undefined && BigInt(event.id) <= BigInt(last)) return;
      const viewerId = cache.readQuery({ query: ViewerQuery })?.me?.id;
      let effect: ReturnType<typeof applyBoardEvent> = {};
      cache.batch({ update: (c) => (effect = applyBoardEvent(c, event, { boardId, viewerId })) });
      setLast(event.id);
      if (effect.recount) recount();
      if (effect.reloadColumns) void reloadBoardColumns(client, boardId);
      if (effect.tasksChanged) setTaskChanges((n) => n + 1);
      if (effect.ended) {
        over = gone = true;
        // out of the boards list at once (this page does not read it), so the list it goes to never
        // shows it; out of the cache once this page has gone (below)
        unlistBoard(cache, boardId);
        setEnded({ boardId, message: effect.ended });
      }
    };

    const retry = () => {
      subscription?.unsubscribe();
      subscription = undefined;
      if (stopped || over || retryTimer !== undefined) return;
      setRetrying(true);
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        // started again: from here the connection's own status says whether it is live
        setRetrying(false);
        start();
      }, retryDelay(attempts++));
    };

    const start = () => {
      const context: ResumeContext = { resumeAfter: () => last };
      subscription = client
        .subscribe({
          query: BoardEventsSubscription,
          variables: { boardId, after: last },
          // applied by hand (boardEvents.ts): an event older than what the cache holds must not be written
          fetchPolicy: 'no-cache',
          context,
        })
        .subscribe({
          next: ({ data, error }) => {
            if (error) {
              const code = errorCode(error);
              if (code === 'NOT_FOUND') {
                over = gone = true;
                // after BOARD_DELETED or the viewer's MEMBER_REMOVED, their own words; else it happened while away
                setEnded((current) => current ?? { boardId, message: GONE_MESSAGE });
                return;
              }
              // the session ended: apollo/client.ts has sent the user to sign in
              if (code === 'UNAUTHENTICATED') {
                over = true;
                return;
              }
              return retry();
            }
            if (!data) return;
            attempts = 0;
            // The client does not mask data at run time (no dataMasking option); only the types do.
            apply(data.boardEvents as unknown as BoardEvent);
          },
          error: retry,
          complete: retry,
        });
    };

    start();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      subscription?.unsubscribe();
      setRetrying(false);
      // Once the page has gone (the views reading the board with it): a view still reading it would
      // fetch it again, and be told it does not exist.
      if (gone) setTimeout(() => forgetBoard(cache, boardId), 0);
    };
  }, [client, boardId]);

  return {
    status: retrying && connection === 'live' ? 'reconnecting' : connection,
    taskChanges,
    ended: ended && ended.boardId === boardId ? ended.message : null,
  };
}
