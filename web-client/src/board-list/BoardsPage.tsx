// /: the boards the signed-in user is a member of, page by page, as tiles (name, task count, members,
// the viewer's role), and a form to create one (which opens the new board).
import { useLoadMore } from '../components/useLoadMore';
import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link, useLocation, useNavigate } from '../routing';
import { AvatarStack } from '../components/Avatar';
import { ErrorMessage, QueryState } from '../components/QueryState';
import { BoardTilesSkeleton } from '../components/Skeleton';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { isOptimisticId } from '../mutations/optimistic';
import { useCreateBoard } from '../mutations/useCreateBoard';

export const BoardListItem_boardFragment = graphql(`
  fragment BoardListItem_board on Board {
    id
    name
    viewerRole
    taskCount
    members {
      role
      user {
        id
        name
      }
    }
  }
`);

export const BoardsPageQuery = graphql(`
  query BoardsPage($after: String) {
    boards(first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          ...BoardListItem_board
        }
      }
    }
  }
`);

/** Why the user was sent here, when a board they had open went away (BoardPage navigates with it). */
function useNotice(): string | undefined {
  const notice: unknown = (useLocation().state as { notice?: unknown } | null)?.notice;
  return typeof notice === 'string' ? notice : undefined;
}

export function BoardsPage() {
  // the list is read again on each visit: tasks and members change on the boards themselves
  const query = useQuery(BoardsPageQuery, { fetchPolicy: 'cache-and-network', nextFetchPolicy: 'cache-first' });
  const nameField = useRef<HTMLInputElement>(null);
  const noBoards = query.data?.boards.edges.length === 0;
  const notice = useNotice();
  const navigate = useNavigate();
  const { loadMore, loadingMore, loadMoreError } = useLoadMore((after) => query.fetchMore({ variables: { after } }));

  return (
    <div className="page boards-page">
      <title>Your boards · Taskboard</title>
      <h1>Your boards</h1>
      {notice && (
        <div role="alert" className="notice">
          <p>{notice}</p>
          <button type="button" className="button-link" onClick={() => navigate('/', { replace: true })}>
            Dismiss
          </button>
        </div>
      )}
      {/* one form, in the same place in the tree whether or not it is the first board, so that what
          was typed survives the list changing under it (a refused first board comes back) */}
      <div className={noBoards ? 'first-board' : 'create-board-wrap'}>
        {noBoards && <NoBoardsYet field={nameField} />}
        <CreateBoardForm field={nameField} />
      </div>
      <section aria-label="Boards" className="boards-section">
        <QueryState
          query={query}
          loadingLabel="Loading your boards…"
          skeleton={BoardTilesSkeleton}
          errorFallback="Your boards could not be loaded."
        >
          {(data) => (
            <>
              {data.boards.edges.length > 0 && (
                <ul className="board-list">
                  {data.boards.edges.map((edge) => (
                    <BoardListItem key={edge.node.id} board={edge.node} />
                  ))}
                </ul>
              )}
              {loadMoreError !== null && (
                <ErrorMessage error={loadMoreError} fallback="More boards could not be loaded." />
              )}
              {data.boards.pageInfo.hasNextPage && data.boards.pageInfo.endCursor && (
                <button
                  type="button"
                  className="button-secondary load-more"
                  disabled={loadingMore}
                  aria-busy={loadingMore}
                  onClick={() => void loadMore(data.boards.pageInfo.endCursor ?? '')}
                >
                  Load more
                </button>
              )}
            </>
          )}
        </QueryState>
      </section>
    </div>
  );
}

function BoardListItem({ board: boardRef }: { board: FragmentType<typeof BoardListItem_boardFragment> }) {
  const board = getFragmentData(BoardListItem_boardFragment, boardRef);
  const role = board.viewerRole === 'OWNER' ? 'Owner' : 'Member';
  const members = board.members.length;
  return (
    <li className="board-tile">
      <h2 className="board-tile-name">
        {/* until the server has given it an id, there is no page to open */}
        {isOptimisticId(board.id) ? (
          <span>
            {board.name} <span className="muted">(creating…)</span>
          </span>
        ) : (
          // the whole tile opens the board (styles.css stretches the link over it)
          <Link to={`/boards/${board.id}`}>{board.name}</Link>
        )}
      </h2>
      <p className="board-tile-count">{taskCountText(board.taskCount)}</p>
      <div className="board-tile-footer">
        <AvatarStack
          users={board.members.map((member) => member.user)}
          label={members === 1 ? '1 member' : `${members} members`}
        />
        <span className="board-tile-role">
          <span className="visually-hidden">Your role: </span>
          {role}
        </span>
      </div>
    </li>
  );
}

const taskCountText = (count: number) => (count === 0 ? 'No tasks yet' : count === 1 ? '1 task' : `${count} tasks`);

/** What a new user sees above the name field (focused): what to do, and what a board is. */
function NoBoardsYet({ field }: { field: RefObject<HTMLInputElement | null> }) {
  useEffect(() => {
    // the one thing to do here, unless the user is already busy somewhere else on the page
    const active = document.activeElement;
    if (!active || active === document.body || active.id === 'main') field.current?.focus();
  }, [field]);
  return (
    <>
      <h2>Create your first board</h2>
      <p className="muted">
        No boards yet. A board holds your team’s tasks in columns, from to do to done. Give it a name to start; you can
        invite teammates once it exists.
      </p>
    </>
  );
}

function CreateBoardForm({ field }: { field: RefObject<HTMLInputElement | null> }) {
  const id = useId();
  const [name, setName] = useState('');
  const { createBoard, creating, error, clearError } = useCreateBoard();
  const navigate = useNavigate();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = name.trim();
    if (!text) return;
    setName('');
    const board = await createBoard(text);
    // a new board is made to be worked on: open it (its page loads from the server)
    if (board) navigate(`/boards/${board.id}`);
    else setName((current) => current || text);
  };

  return (
    <form className="create-board" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>New board name</label>
      <div className="inline-fields">
        <input
          ref={field}
          id={id}
          type="text"
          value={name}
          maxLength={191}
          autoComplete="off"
          onChange={(event) => {
            setName(event.target.value);
            if (error) clearError();
          }}
        />
        <button type="submit" disabled={creating}>
          Create board
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
    </form>
  );
}
