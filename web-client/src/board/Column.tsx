// One of the board's columns: its header (name, count against its WIP limit, and for the owner the
// column's actions and its drag handle), its tasks (from the cache, see apollo/columnTasks.ts), "Load
// more", and the form that adds a task to it. A drop target for dragged tasks, a sortable list of its
// own, and itself sortable among the board's columns (by the owner). Its header and form stay in place
// while its tasks scroll below them; one of its cards is its stop for Tab (see cardFocus.ts). On a
// filtered board it shows only its matching cards (`filtered`, from board/filters), which cannot be
// moved (no drag, no move buttons, no form): the arrow keys still go between them.
import { useApolloClient, useQuery } from '@apollo/client/react';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useEffect, useRef } from 'react';
import type { ColumnInfo } from '../apollo/boardColumns';
import { COLUMN_PAGE_SIZE, ColumnTasksQuery, updateColumnTasks } from '../apollo/columnTasks';
import { Empty, ErrorMessage } from '../components/QueryState';
import { ColumnSkeleton } from '../components/Skeleton';
import { useLoadMore } from '../components/useLoadMore';
import { getFragmentData, graphql } from '../gql';
import { isOptimisticId } from '../mutations/optimistic';
import { ColumnMenu, type ColumnAction } from './ColumnMenu';
import type { ColumnMatches } from './filters/useFilteredTasks';
import { NewTaskForm } from './NewTaskForm';
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
  /** Column ids */
  from: string;
  to: string;
  index: number;
  direction: Direction;
}

/** Focus for a card once it shows at `index` of column `columnId` (where a move puts it). */
export interface FocusRequest {
  id: string;
  control: Direction | 'link';
  columnId: string;
  index: number;
}

/** What a column's sortable item carries (dnd-kit `data`), to tell column drags from task drags. */
export interface ColumnData {
  type: 'column';
  columnId: string;
  name: string;
  /** how many cards it shows: a task dropped on the column, not on a card, goes after them */
  count: number;
}

export const columnSortableId = (columnId: string) => `column:${columnId}`;

/** The element (in BoardColumns) that tells how to move a column from the keyboard. */
export const COLUMN_DRAG_HELP_ID = 'column-drag-help';

/** Before a count over its WIP limit: ⚠ as text, not as a coloured emoji. */
export const OVER_LIMIT_SIGN = '\u26a0\ufe0e ';

/** "4 tasks, over its limit of 3" and the like: what the count says to a screen reader. */
export function countLabel(count: number, wipLimit: number | null): string {
  const tasks = count === 1 ? '1 task' : `${count} tasks`;
  if (wipLimit === null) return tasks;
  return count > wipLimit ? `${tasks}, over its limit of ${wipLimit}` : `${tasks}, limit ${wipLimit}`;
}

export function Column({
  boardId,
  column,
  index,
  columns,
  isOwner,
  onMove,
  focusRequest,
  onFocused,
  onAction,
  focusMenu,
  currentTaskId,
  onCurrentTask,
  filtered,
}: {
  boardId: string;
  column: ColumnInfo;
  /** its place among the board's columns */
  index: number;
  columns: readonly ColumnInfo[];
  isOwner: boolean;
  onMove: (move: MoveRequest) => void;
  focusRequest?: FocusRequest;
  onFocused: () => void;
  onAction: (action: ColumnAction, column: ColumnInfo) => void;
  /** put focus on the column's menu button (after it moved) */
  focusMenu: boolean;
  /** the card that last had focus in this column, which Tab comes back to */
  currentTaskId?: string;
  onCurrentTask: (columnId: string, taskId: string) => void;
  /** the board is filtered: the column's matching cards, shown instead of all its tasks */
  filtered?: ColumnMatches;
}) {
  const client = useApolloClient();
  const columnId = column.id;
  const query = useQuery(ColumnTasksQuery, { variables: { boardId, columnId, first: COLUMN_PAGE_SIZE } });
  const label = column.name;
  const tasks = query.data ? getFragmentData(Column_tasksFragment, query.data.board.tasks) : undefined;
  const cards: ColumnMatches['tasks'] | undefined = filtered ? filtered.tasks : tasks?.edges;
  // all its matches are shown: the search says so, or every task of the column matches
  const allMatches = !!filtered && (filtered.complete || (!!tasks && filtered.tasks.length >= tasks.totalCount));
  const ids = cards?.map((edge) => edge.node.id) ?? [];
  // the column's stop for Tab: the card last focused while it is still here, else the first that can
  // be opened (one being saved has no link yet)
  const tabbableId =
    currentTaskId !== undefined && ids.includes(currentTaskId) ? currentTaskId : ids.find((id) => !isOptimisticId(id));
  const data: ColumnData = { type: 'column', columnId, name: column.name, count: ids.length };
  // the whole column is a drop target: a task dropped on it, not on a card, goes after the cards shown;
  // only its owner can drag it (by its handle) among the board's columns
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging, isOver, active } =
    useSortable({
      id: columnSortableId(columnId),
      data,
      disabled: { draggable: !isOwner, droppable: false },
      attributes: { roleDescription: 'draggable column' },
    });
  const columnDrag = (active?.data.current as { type?: string } | undefined)?.type === 'column';
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusMenu) menuButton.current?.focus();
  }, [focusMenu]);

  const previous = columns[index - 1];
  const next = columns[index + 1];
  const isLast = index === columns.length - 1;

  const {
    loadMore: loadPage,
    loadingMore,
    loadMoreError,
  } = useLoadMore(async (after) => {
    // Store the list as shown before the next page merges into it: until now it may have been
    // read from the board query's first page (see boardTasksPolicy in apollo/client.ts).
    updateColumnTasks(client.cache, boardId, columnId, (current) => current);
    await query.fetchMore({ variables: { after } });
  });
  const loadMore = async () => {
    if (tasks?.pageInfo.endCursor) await loadPage(tasks.pageInfo.endCursor);
  };

  // not while filtered: the count shown is then of the matches, not of what the limit counts
  const overLimit = !filtered && tasks !== undefined && column.wipLimit !== null && tasks.totalCount > column.wipLimit;
  const classes = ['column'];
  if (isOver && !columnDrag) classes.push('is-over');
  if (isDragging) classes.push('is-dragging');
  if (overLimit) classes.push('is-over-limit');
  if (filtered) classes.push('is-filtered');

  return (
    <section
      ref={setNodeRef}
      className={classes.join(' ')}
      aria-label={label}
      data-column-id={columnId}
      // only column drags move columns: a task dragged over a column leaves the columns where they are
      style={columnDrag ? { transform: CSS.Translate.toString(transform), transition } : undefined}
    >
      <header className="column-header">
        {isOwner && (
          <button
            ref={setActivatorNodeRef}
            type="button"
            className="drag-handle column-drag-handle"
            aria-label={`Drag column "${column.name}"`}
            {...attributes}
            {...listeners}
            // a column's own instructions, not the cards' (the drag context's)
            aria-describedby={COLUMN_DRAG_HELP_ID}
          >
            <span aria-hidden="true">⠿</span>
          </button>
        )}
        <h2>{label}</h2>
        {tasks && filtered?.state === 'ready' && (
          <span className="count is-filtered">
            <span aria-hidden="true">
              {filtered.tasks.length}
              {!allMatches && '+'} of {tasks.totalCount}
            </span>
            <span className="visually-hidden">
              {filtered.tasks.length}
              {!allMatches && ' or more'} of {countLabel(tasks.totalCount, null)} match
            </span>
          </span>
        )}
        {tasks && !filtered && (
          <span
            className={overLimit ? 'count is-over-limit' : 'count'}
            title={overLimit ? countLabel(tasks.totalCount, column.wipLimit) : undefined}
          >
            {/* over the limit: a warning sign, not colour alone; short, so that the header keeps to one
                row beside the name and its menu, level with the other columns' */}
            <span aria-hidden="true">
              {overLimit && OVER_LIMIT_SIGN}
              {column.wipLimit === null ? tasks.totalCount : `${tasks.totalCount} / ${column.wipLimit}`}
            </span>
            <span className="visually-hidden">{countLabel(tasks.totalCount, column.wipLimit)}</span>
          </span>
        )}
        {isOwner && (
          <ColumnMenu
            ref={menuButton}
            column={column}
            canMoveLeft={index > 0}
            canMoveRight={!isLast}
            canDelete={columns.length > 1}
            onAction={(action) => onAction(action, column)}
          />
        )}
      </header>
      {/* at the top: a new task goes first, where the user is looking (and where it stays) */}
      {!filtered && <NewTaskForm boardId={boardId} columnId={columnId} />}
      <div className="column-body">
        {!tasks && query.error ? (
          <ErrorMessage
            error={query.error}
            fallback={`The ${label} column could not be loaded.`}
            onRetry={() => void query.refetch().catch(() => undefined)}
          />
        ) : !tasks ? (
          <ColumnSkeleton label={`Loading ${label}…`} />
        ) : null}
        <SortableContext id={columnId} items={ids} strategy={verticalListSortingStrategy}>
          <ul
            role="list"
            className="task-list"
            aria-busy={filtered?.state === 'loading' || undefined}
            onFocus={(event) => {
              const id = (event.target as Element).closest<HTMLElement>('[data-task-id]')?.dataset.taskId;
              if (id && id !== currentTaskId) onCurrentTask(columnId, id);
            }}
          >
            {cards?.map((edge, at) => (
              <TaskCard
                key={edge.node.id}
                task={edge.node}
                boardId={boardId}
                inLastColumn={isLast}
                movable={!filtered}
                canMove={{ up: at > 0, down: at < ids.length - 1, left: !!previous, right: !!next }}
                onMove={(direction) => {
                  const to = direction === 'left' ? previous?.id : direction === 'right' ? next?.id : columnId;
                  if (!to) return;
                  // across columns a task lands on top, where it is sure to be in view
                  const where = direction === 'up' ? at - 1 : direction === 'down' ? at + 1 : 0;
                  onMove({ id: edge.node.id, from: columnId, to, index: where, direction });
                }}
                focus={
                  focusRequest?.id === edge.node.id && focusRequest.columnId === columnId && focusRequest.index === at
                    ? focusRequest.control
                    : undefined
                }
                onFocused={onFocused}
                tabbable={edge.node.id === tabbableId}
              />
            ))}
          </ul>
        </SortableContext>
        {tasks && !filtered && tasks.edges.length === 0 && (
          <Empty hint="Add one above, or drag a card here.">No tasks yet</Empty>
        )}
        {filtered?.state === 'ready' && filtered.tasks.length === 0 && (
          <Empty>{allMatches ? 'No matching tasks' : 'No matches loaded yet'}</Empty>
        )}
        {!filtered && loadMoreError !== null && (
          <ErrorMessage
            error={loadMoreError}
            fallback="More tasks could not be loaded."
            onRetry={() => void loadMore()}
          />
        )}
        {!filtered && tasks?.pageInfo.hasNextPage && (
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
      </div>
    </section>
  );
}
