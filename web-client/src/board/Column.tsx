// One status column: its tasks (from the cache, see apollo/columnTasks.ts), "Load more", and the form that
// adds a task to it. A drop target for dragged tasks, and a sortable list of its own.
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { COLUMN_PAGE_SIZE, ColumnTasksQuery, updateColumnTasks } from '../apollo/columnTasks';
import { Empty, ErrorMessage, Loading } from '../components/QueryState';
import { useLoadMore } from '../components/useLoadMore';
import { getFragmentData, graphql } from '../gql';
import type { TaskStatus } from '../gql/graphql';
import { NewTaskForm } from './NewTaskForm';
import { STATUS_LABELS, STATUSES } from './statuses';
import { TaskCard, type Direction } from './TaskCard';

export const Column_tasksFragment = graphql(`
  fragment Column_tasks on TaskConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        # the column's order (position, then id): where live updates put a task another user moved
        position
        ...TaskCard_task
      }
    }
  }
`);

/** A move asked for with a card's buttons; `index` counts the destination without the task, as moveTask does. */
export interface MoveRequest {
  id: string;
  from: TaskStatus;
  to: TaskStatus;
  index: number;
  direction: Direction;
}

/** Focus for a card once it shows at `index` of column `status` (where a move puts it). */
export interface FocusRequest {
  id: string;
  control: Direction | 'link';
  status: TaskStatus;
  index: number;
}

export function Column({
  boardId,
  status,
  onMove,
  focusRequest,
  onFocused,
}: {
  boardId: string;
  status: TaskStatus;
  onMove: (move: MoveRequest) => void;
  focusRequest?: FocusRequest;
  onFocused: () => void;
}) {
  const client = useApolloClient();
  const query = useQuery(ColumnTasksQuery, { variables: { boardId, status, first: COLUMN_PAGE_SIZE } });
  const label = STATUS_LABELS[status];
  const tasks = query.data ? getFragmentData(Column_tasksFragment, query.data.board.tasks) : undefined;
  const ids = tasks?.edges.map((edge) => edge.node.id) ?? [];
  // the whole column is a drop target: a task dropped on it, not on a card, goes after the cards shown
  const { setNodeRef, isOver } = useDroppable({ id: `column:${status}`, data: { status, count: ids.length } });
  const column = STATUSES.indexOf(status);

  const {
    loadMore: loadPage,
    loadingMore,
    loadMoreError,
  } = useLoadMore(async (after) => {
    // Store the list as shown before the next page merges into it: until now it may have been
    // read from the board query's first page (see boardTasksPolicy in apollo/client.ts).
    updateColumnTasks(client.cache, boardId, status, (current) => current);
    await query.fetchMore({ variables: { after } });
  });
  const loadMore = async () => {
    if (tasks?.pageInfo.endCursor) await loadPage(tasks.pageInfo.endCursor);
  };

  return (
    <section ref={setNodeRef} className={`column${isOver ? ' is-over' : ''}`} aria-label={label}>
      <header className="column-header">
        <h2>{label}</h2>
        {tasks && (
          <span className="count">
            <span aria-hidden="true">{tasks.totalCount}</span>
            <span className="visually-hidden">{tasks.totalCount === 1 ? '1 task' : `${tasks.totalCount} tasks`}</span>
          </span>
        )}
      </header>
      {!tasks && query.error ? (
        <ErrorMessage
          error={query.error}
          fallback={`The ${label} column could not be loaded.`}
          onRetry={() => void query.refetch().catch(() => undefined)}
        />
      ) : !tasks ? (
        <Loading label={`Loading ${label}…`} />
      ) : null}
      <SortableContext id={status} items={ids} strategy={verticalListSortingStrategy}>
        <ul role="list" className="task-list">
          {tasks?.edges.map((edge, index) => (
            <TaskCard
              key={edge.node.id}
              task={edge.node}
              boardId={boardId}
              canMove={{
                up: index > 0,
                down: index < ids.length - 1,
                left: column > 0,
                right: column < STATUSES.length - 1,
              }}
              onMove={(direction) => {
                const to =
                  direction === 'left' ? STATUSES[column - 1] : direction === 'right' ? STATUSES[column + 1] : status;
                if (!to) return;
                // across columns a task lands on top, where it is sure to be in view
                const at = direction === 'up' ? index - 1 : direction === 'down' ? index + 1 : 0;
                onMove({ id: edge.node.id, from: status, to, index: at, direction });
              }}
              focus={
                focusRequest?.id === edge.node.id && focusRequest.status === status && focusRequest.index === index
                  ? focusRequest.control
                  : undefined
              }
              onFocused={onFocused}
            />
          ))}
        </ul>
      </SortableContext>
      {tasks && tasks.edges.length === 0 && <Empty>No tasks yet</Empty>}
      {loadMoreError !== null && (
        <ErrorMessage
          error={loadMoreError}
          fallback="More tasks could not be loaded."
          onRetry={() => void loadMore()}
        />
      )}
      {tasks?.pageInfo.hasNextPage && (
        <button
          type="button"
          className="button-secondary load-more"
          onClick={() => void loadMore()}
          disabled={loadingMore}
          aria-busy={loadingMore}
        >
          Load more
        </button>
      )}
      <NewTaskForm boardId={boardId} status={status} />
    </section>
  );
}
