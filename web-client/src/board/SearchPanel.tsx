// Full-text search in the board's tasks, narrowed by column, assignee and label; results page by page.
import { useLoadMore } from '../components/useLoadMore';
import { useQuery } from '@apollo/client/react';
import { useEffect, useEffectEvent, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorMessage, QueryState } from '../components/QueryState';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { ColumnInfo } from '../apollo/boardColumns';
import type { SearchTasksQueryVariables } from '../gql/graphql';

export const SearchPanel_boardFragment = graphql(`
  fragment SearchPanel_board on Board {
    id
    members {
      user {
        id
        name
      }
    }
    labels {
      id
      name
    }
  }
`);

export const SearchResult_taskFragment = graphql(`
  fragment SearchResult_task on Task {
    id
    title
    columnId
    assignee {
      id
      name
    }
  }
`);

export const SearchTasksQuery = graphql(`
  query SearchTasks($boardId: ID!, $query: String!, $columnId: ID, $assigneeId: ID, $labelId: ID, $after: String) {
    searchTasks(
      boardId: $boardId
      query: $query
      columnId: $columnId
      assigneeId: $assigneeId
      labelId: $labelId
      first: 20
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
          ...SearchResult_task
        }
      }
    }
  }
`);

export function SearchPanel({
  board: boardRef,
  columns,
  taskChanges,
}: {
  board: FragmentType<typeof SearchPanel_boardFragment>;
  /** the board's columns, in order: the column filter's choices, and what results say */
  columns: readonly Pick<ColumnInfo, 'id' | 'name'>[];
  /** a count that rises whenever tasks are added, edited or moved (useLiveBoard) */
  taskChanges: number;
}) {
  const board = getFragmentData(SearchPanel_boardFragment, boardRef);
  const id = useId();
  const [text, setText] = useState('');
  const [columnId, setColumnId] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [labelId, setLabelId] = useState('');
  const [problem, setProblem] = useState('');
  const [search, setSearch] = useState<SearchTasksQueryVariables | null>(null);
  // taskChanges when the results were asked for: edits and deletions show in them by themselves (the
  // cache), but a task added, edited or moved since may now match the search, or no longer match it
  const [searchedAt, setSearchedAt] = useState(taskChanges);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosenColumn = columns.some((c) => c.id === columnId) ? columnId : undefined;
    // the API matches words, or lists what the filters choose: with neither there is nothing to find
    if (!/[\p{L}\p{N}]/u.test(text) && !chosenColumn && !assigneeId && !labelId) {
      setProblem('Type a word, or choose a column, an assignee or a label.');
      // and the results of the search before go: they answer another question
      setSearch(null);
      return;
    }
    setProblem('');
    setSearchedAt(taskChanges);
    // left-out filters are undefined, never null, so equal searches share one cache entry
    setSearch({
      boardId: board.id,
      query: text.trim(),
      columnId: chosenColumn,
      assigneeId: assigneeId || undefined,
      labelId: labelId || undefined,
    });
  };

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Search</h2>
      <form role="search" className="search-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-text`}>Search tasks</label>
          <input
            id={`${id}-text`}
            type="search"
            value={text}
            maxLength={200}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <div className="search-filters">
          <div className="field">
            <label htmlFor={`${id}-column`}>Column</label>
            <select id={`${id}-column`} value={columnId} onChange={(event) => setColumnId(event.target.value)}>
              <option value="">Any column</option>
              {columns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-assignee`}>Assignee</label>
            <select id={`${id}-assignee`} value={assigneeId} onChange={(event) => setAssigneeId(event.target.value)}>
              <option value="">Anyone</option>
              {board.members.map((member) => (
                <option key={member.user.id} value={member.user.id}>
                  {member.user.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-label`}>Label</label>
            <select id={`${id}-label`} value={labelId} onChange={(event) => setLabelId(event.target.value)}>
              <option value="">Any label</option>
              {board.labels.map((label) => (
                <option key={label.id} value={label.id}>
                  {label.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit">Search</button>
        {problem && (
          <div id={`${id}-problem`}>
            <ErrorMessage error={problem} />
          </div>
        )}
      </form>
      {search && (
        <SearchResults
          variables={search}
          columns={columns}
          stale={taskChanges > searchedAt}
          onRefreshed={() => setSearchedAt(taskChanges)}
        />
      )}
    </section>
  );
}

/** How long a burst of changes is gathered before the results are searched again. */
const REFRESH_DELAY_MS = 150;

export function SearchResults({
  variables,
  columns,
  stale = false,
  onRefreshed,
}: {
  variables: SearchTasksQueryVariables;
  columns: readonly Pick<ColumnInfo, 'id' | 'name'>[];
  /**
   * Tasks were added, edited or moved since these results were fetched: some may now match the
   * search, or no longer match it (edits and deletions of tasks shown update by themselves, from the
   * cache). The first page is searched again by itself; with more pages shown, the user is asked
   * first, as searching again would take the pages they loaded away.
   */
  stale?: boolean;
  onRefreshed?: () => void;
}) {
  const query = useQuery(SearchTasksQuery, { variables });
  const [pagesLoaded, setPagesLoaded] = useState({ variables, more: false });
  // a new search starts on its first page
  const morePages = pagesLoaded.variables === variables && pagesLoaded.more;
  const { loadMore, loadingMore, loadMoreError } = useLoadMore(async (after) => {
    setPagesLoaded({ variables, more: true });
    await query.fetchMore({ variables: { after } });
  });
  const [refreshing, setRefreshing] = useState(false);
  const refresh = () => {
    setRefreshing(true);
    setPagesLoaded({ variables, more: false });
    onRefreshed?.();
    void query
      .refetch()
      .catch(() => undefined)
      .finally(() => setRefreshing(false));
  };
  const hasResults = query.data !== undefined;
  // one search at a time: changes made while it runs make the results stale again, and it runs again
  const refreshByItself = stale && hasResults && !morePages && !refreshing;
  const refreshLater = useEffectEvent(refresh);
  useEffect(() => {
    if (!refreshByItself) return;
    const timer = setTimeout(refreshLater, REFRESH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [refreshByItself]);

  return (
    <section className="search-results" aria-label="Search results">
      {stale && morePages && query.data && (
        <div className="search-stale">
          <p>Tasks have changed since this search.</p>
          <button
            type="button"
            className="button-secondary"
            onClick={refresh}
            disabled={refreshing}
            aria-busy={refreshing}
          >
            Search again
          </button>
        </div>
      )}
      <QueryState
        query={query}
        loadingLabel="Loading search results…"
        errorFallback="The search failed."
        isEmpty={(data) => data.searchTasks.edges.length === 0}
        empty="No matching tasks"
        emptyHint={noResultsHint(variables)}
      >
        {(data) => {
          const { totalCount, pageInfo, edges } = data.searchTasks;
          return (
            <>
              <p className="muted" aria-live="polite">
                {totalCount === 1 ? '1 task found' : `${totalCount} tasks found`}
              </p>
              <ul className="result-list">
                {edges.map((edge) => (
                  <SearchResult key={edge.node.id} task={edge.node} boardId={variables.boardId} columns={columns} />
                ))}
              </ul>
              {loadMoreError !== null && (
                <ErrorMessage error={loadMoreError} fallback="More results could not be loaded." />
              )}
              {pageInfo.hasNextPage && pageInfo.endCursor && (
                <button
                  type="button"
                  className="button-secondary load-more"
                  disabled={loadingMore}
                  aria-busy={loadingMore}
                  onClick={() => void loadMore(pageInfo.endCursor ?? '')}
                >
                  Load more
                </button>
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/** What to try when nothing matched: other words, other filters, or both. */
function noResultsHint({ query, columnId, assigneeId, labelId }: SearchTasksQueryVariables): string {
  const filtered = Boolean(columnId || assigneeId || labelId);
  if (query && filtered) return 'Try other words, or clear a filter.';
  return query ? 'Try other or fewer words.' : 'Try other filters, or fewer of them.';
}

function SearchResult({
  task: taskRef,
  boardId,
  columns,
}: {
  task: FragmentType<typeof SearchResult_taskFragment>;
  boardId: string;
  columns: readonly Pick<ColumnInfo, 'id' | 'name'>[];
}) {
  const task = getFragmentData(SearchResult_taskFragment, taskRef);
  // a column deleted since the search: its tasks' new column comes with the search run again
  const column = columns.find((c) => c.id === task.columnId)?.name;
  return (
    <li>
      <Link to={`/boards/${boardId}/tasks/${task.id}`}>{task.title}</Link>
      <span className="muted">
        {' '}
        {column ?? 'Another column'}
        {task.assignee && ` · ${task.assignee.name}`}
      </span>
    </li>
  );
}
