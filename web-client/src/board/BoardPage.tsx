// /boards/:boardId: one board, in one request: its columns (in order) with their first pages, its members and
// labels, kept up to date with what others change (useLiveBoard), filtered by the bar above the columns
// (board/filters: ?q=…&assignee=…&label=…&due=…). The task dialog (/boards/:boardId/tasks/:taskId)
// opens over it.
import { useQuery } from '@apollo/client/react';
import { useEffect, useId, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from '../routing';
import { COLUMN_PAGE_SIZE } from '../apollo/columnTasks';
import { errorCode } from '../apollo/errors';
import { ErrorMessage } from '../components/QueryState';
import { BoardSkeleton } from '../components/Skeleton';
import { graphql } from '../gql';
import { BoardShortcuts } from '../shortcuts/BoardShortcuts';
import { BoardColumns } from './BoardColumns';
import { BoardTitle } from './BoardTitle';
import { BoardFilters } from './filters/BoardFilters';
import { useBoardFilters } from './filters/useBoardFilters';
import { useFilteredTasks } from './filters/useFilteredTasks';
import { LiveIndicator } from './LiveIndicator';
import { MembersPanel } from './MembersPanel';
import { useLiveBoard } from './useLiveBoard';

// The columns' tasks are not read from this result: they seed the cache that each column reads through
// Board.tasks(columnId) (see boardTasksPolicy in apollo/client.ts), so first paint costs one request.
// The columns themselves (id, name, WIP limit) are read from here, in order.
export const BoardPageQuery = graphql(`
  query BoardPage($boardId: ID!, $tasksPerColumn: Int!) {
    board(id: $boardId) {
      id
      name
      viewerRole
      columns(first: $tasksPerColumn) {
        id
        name
        position
        wipLimit
        tasks {
          ...Column_tasks
        }
      }
      ...BoardTitle_board
      ...MembersPanel_board
      ...BoardFilters_board
      ...LiveBoard_board
    }
  }
`);

const NO_COLUMNS: [] = [];

/** `children`: the task dialog's route, open over the board (routes.tsx). */
export function BoardPage({ children }: { children?: ReactNode }) {
  const { boardId = '' } = useParams();
  const query = useQuery(BoardPageQuery, { variables: { boardId, tasksPerColumn: COLUMN_PAGE_SIZE } });
  const board = query.data?.board;
  const live = useLiveBoard(board?.id);
  const filters = useBoardFilters(board);
  const matches = useFilteredTasks(filters.variables, board?.columns ?? NO_COLUMNS, live.taskChanges);
  const navigate = useNavigate();
  const sidebarId = useId();

  // deleted, or the viewer removed from it, while on it: to the boards list, which says why (a notice)
  useEffect(() => {
    if (live.ended) navigate('/', { replace: true, state: { notice: live.ended } });
  }, [live.ended, navigate]);

  if (!board) {
    if (query.error) {
      return (
        <div className="page">
          <title>Board · Taskboard</title>
          {errorCode(query.error) === 'NOT_FOUND' ? (
            <ErrorMessage error="This board does not exist, or you are not one of its members." />
          ) : (
            <ErrorMessage
              error={query.error}
              fallback="The board could not be loaded."
              onRetry={() => void query.refetch().catch(() => undefined)}
            />
          )}
          <p>
            <Link to="/">Back to your boards</Link>
          </p>
        </div>
      );
    }
    return (
      <div className="page">
        <BoardSkeleton label="Loading board…" />
      </div>
    );
  }

  return (
    <div className="page board-page">
      <title>{`${board.name} · Taskboard`}</title>
      <header className="board-header">
        <BoardTitle board={board} />
        <LiveIndicator status={live.status} />
        {/* where the sidebar (members; the filters are above the columns) is below the board on narrow
            screens, past columns that scroll on their own */}
        <button
          type="button"
          className="button-link board-sidebar-link"
          onClick={() => {
            const sidebar = document.getElementById(sidebarId);
            sidebar?.scrollIntoView({ block: 'start' });
            sidebar?.focus({ preventScroll: true });
          }}
        >
          Members
        </button>
      </header>
      <BoardShortcuts boardId={board.id} columns={board.columns} />
      <BoardFilters board={board} filters={filters} matches={matches} />
      <div className="board-layout">
        <BoardColumns
          boardId={board.id}
          columns={board.columns}
          isOwner={board.viewerRole === 'OWNER'}
          filtered={matches.columns}
        />
        <div className="board-sidebar" id={sidebarId} tabIndex={-1}>
          <MembersPanel board={board} />
        </div>
      </div>
      {children}
    </div>
  );
}
