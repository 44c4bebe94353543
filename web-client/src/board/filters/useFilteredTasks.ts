// The tasks that match the board's filters, column by column: one searchTasks query in the board's
// order (order: BOARD) whose first page of 100 fills every column, grouped here by columnId. Kept up
// to date as tasks change: edits and deletions show by themselves (the cache), and after a burst of
// task changes (useLiveBoard's taskChanges) the first page is searched again, once, as a new or moved
// task may now match or no longer match; with more pages loaded the user is asked first, as searching
// again would take away the pages they loaded.
import { useLazyQuery } from '@apollo/client/react';
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { compareTasks } from '../../apollo/columnTasks';
import { useLoadMore } from '../../components/useLoadMore';
import { graphql, type FragmentType } from '../../gql';
import type { FilteredTasksQuery as FilteredTasksData, FilteredTasksQueryVariables } from '../../gql/graphql';
import type { TaskCard_taskFragment } from '../TaskCard';

// first: MATCHES_PAGE_SIZE (filterParams.ts)
export const FilteredTasksQuery = graphql(`
  query FilteredTasks(
    $boardId: ID!
    $query: String!
    $assigneeId: ID
    $unassigned: Boolean
    $labelId: ID
    $dueFrom: DateTimeISO
    $dueBefore: DateTimeISO
    $open: Boolean
    $after: String
  ) {
    searchTasks(
      boardId: $boardId
      query: $query
      assigneeId: $assigneeId
      unassigned: $unassigned
      labelId: $labelId
      dueFrom: $dueFrom
      dueBefore: $dueBefore
      open: $open
      order: BOARD
      first: 100
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          columnId
          position
          ...TaskCard_task
        }
      }
    }
  }
`);

/** How long a burst of task changes is gathered before the matches are searched again. */
const REFRESH_DELAY_MS = 150;

/** One column's part of the filtered board: what Column shows instead of all its tasks. */
export interface ColumnMatches {
  /** 'loading': no matches known yet; 'error': they could not be loaded (the filter bar says why) */
  state: 'loading' | 'error' | 'ready';
  /** the matching tasks, in the column's order (as edges, like a column's own list) */
  tasks: readonly { node: { id: string } & FragmentType<typeof TaskCard_taskFragment> }[];
  /** false: more of its matches may come with "Load more matches" */
  complete: boolean;
}

export type FilteredColumns = (columnId: string) => ColumnMatches;

export interface FilteredTasks {
  /** each column's matches; undefined when the board is not filtered */
  columns?: FilteredColumns;
  /** the matches shown (those of the filters before, while the current ones load) */
  data?: FilteredTasksData['searchTasks'];
  /** the matches for the current filters are loading (nothing, or the filters before's, is shown) */
  loading: boolean;
  error?: unknown;
  retry: () => void;
  hasMore: boolean;
  loadMore: () => void;
  loadingMore: boolean;
  loadMoreError: unknown;
  /** tasks changed since these matches were found, and more pages are loaded: asking first */
  askToRefresh: boolean;
  refresh: () => void;
  refreshing: boolean;
}

type Matches = FilteredTasksData['searchTasks'];
type MatchEdge = Matches['edges'][number];

/** The matches grouped by column; a column is complete when every page is loaded or later columns have matches. */
export function groupByColumn(matches: Matches, columnIds: readonly string[]): FilteredColumns {
  const byColumn = new Map<string, MatchEdge['node'][]>();
  for (const { node } of matches.edges) {
    const list = byColumn.get(node.columnId);
    if (list) list.push(node);
    else byColumn.set(node.columnId, [node]);
  }
  // with more pages to load, the column of the last match and those after it may have more
  const lastColumn = matches.edges.at(-1)?.node.columnId;
  const firstIncomplete = matches.pageInfo.hasNextPage
    ? Math.max(0, lastColumn === undefined ? 0 : columnIds.indexOf(lastColumn))
    : columnIds.length;
  const columns = new Map<string, ColumnMatches>(
    columnIds.map((columnId, index) => [
      columnId,
      {
        state: 'ready',
        // a task moved since the search is in its new column, in its place there
        tasks: [...(byColumn.get(columnId) ?? [])].sort(compareTasks).map((node) => ({ node })),
        complete: index < firstIncomplete,
      },
    ]),
  );
  return (columnId) => columns.get(columnId) ?? { state: 'ready', tasks: [], complete: true };
}

const LOADING: ColumnMatches = { state: 'loading', tasks: [], complete: false };
const FAILED: ColumnMatches = { state: 'error', tasks: [], complete: false };

/**
 * The board's matches for `variables` (null: the board is not filtered), over the board's `columns`
 * in order; `taskChanges` rises with every task added, edited or moved (useLiveBoard).
 */
export function useFilteredTasks(
  variables: FilteredTasksQueryVariables | null,
  columns: readonly { id: string }[],
  taskChanges: number,
): FilteredTasks {
  const key = variables && JSON.stringify(variables);
  // Filters seen before show their cached matches at once, and are searched again: tasks may have
  // changed since in ways the cache cannot tell (a new task that matches).
  const [search, query] = useLazyQuery(FilteredTasksQuery, {
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  // Searched once the filters are on screen, not while rendering them as useQuery does: React may
  // render a URL more than once, or render one and throw it away (a render interrupted by the live
  // cache's updates), and each render would search again.
  const searchNow = useEffectEvent(() => {
    if (variables) search({ variables }).catch(() => undefined);
  });
  useEffect(() => {
    if (key !== null) searchNow();
  }, [key]);
  // the result of the search for these filters (the search before's until it starts)
  const forKey = key !== null && query.called && JSON.stringify(query.variables) === key;
  const error = forKey ? query.error : undefined;

  // The matches stay on screen while new ones load: those of these filters while they are searched
  // again (even if that fails), those of the filters before while these load (not if they fail).
  const [kept, setKept] = useState<{ key: string; data: Matches } | null>(null);
  const current = forKey ? query.data?.searchTasks : undefined;
  if (key === null ? kept !== null : current !== undefined && (kept?.data !== current || kept.key !== key)) {
    setKept(key !== null && current ? { key, data: current } : null);
  }
  const shown = current ?? (kept && (kept.key === key || !error) ? kept.data : undefined);

  // Task changes since these matches were asked for: a new search starts from the changes so far.
  const [searched, setSearched] = useState({ key, at: taskChanges });
  if (searched.key !== key) setSearched({ key, at: taskChanges });
  const stale = key !== null && taskChanges > (searched.key === key ? searched.at : taskChanges);

  const [pages, setPages] = useState({ key, more: false });
  const morePages = pages.key === key && pages.more;
  const { loadMore, loadingMore, loadMoreError } = useLoadMore(async (after) => {
    setPages({ key, more: true });
    await query.fetchMore({ variables: { after } });
  });

  const [refreshing, setRefreshing] = useState(false);
  const refresh = () => {
    if (key === null) return;
    setRefreshing(true);
    setPages({ key, more: false });
    setSearched({ key, at: taskChanges });
    void query
      .refetch()
      .catch(() => undefined)
      .finally(() => setRefreshing(false));
  };
  // one search at a time: changes made while it runs make the matches stale again, and it runs again
  const refreshByItself = stale && current !== undefined && !morePages && !refreshing;
  const refreshLater = useEffectEvent(refresh);
  useEffect(() => {
    if (!refreshByItself) return;
    const timer = setTimeout(refreshLater, REFRESH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [refreshByItself]);

  const failed = error !== undefined;
  const byColumn = useMemo<FilteredColumns | undefined>(() => {
    if (key === null) return undefined;
    if (shown)
      return groupByColumn(
        shown,
        columns.map((c) => c.id),
      );
    return () => (failed ? FAILED : LOADING);
  }, [key, shown, columns, failed]);

  const endCursor = current?.pageInfo.endCursor;
  return {
    columns: byColumn,
    data: shown,
    loading: key !== null && current === undefined && !error,
    error,
    retry: () => void query.refetch().catch(() => undefined),
    hasMore: !!current?.pageInfo.hasNextPage && !!endCursor,
    loadMore: () => void (endCursor && loadMore(endCursor)),
    loadingMore,
    loadMoreError: pages.key === key ? loadMoreError : null,
    askToRefresh: stale && morePages && current !== undefined,
    refresh,
    refreshing,
  };
}
