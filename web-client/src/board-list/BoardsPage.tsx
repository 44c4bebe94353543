// /: the boards the signed-in user is a member of, page by page, and a form to create one (which
// opens the new board).
import { useLoadMore } from '../components/useLoadMore';
import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorMessage, QueryState } from '../components/QueryState';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { isOptimisticId } from '../mutations/optimistic';
import { useCreateBoard } from '../mutations/useCreateBoard';

export const BoardListItem_boardFragment = graphql(`
  fragment BoardListItem_board on Board {
    id
    name
    viewerRole
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
  const query = useQuery(BoardsPageQuery);
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
          <button
            type="button"
            className="button-link"
            onClick={() => void navigate('.', { replace: true, state: null })}
          >
            Dismiss
          </button>
        </div>
      )}
      <CreateBoardForm />
      <section aria-label="Boards" className="boards-section">
        <QueryState
          query={query}
          loadingLabel="Loading your boards…"
          errorFallback="Your boards could not be loaded."
          isEmpty={(data) => data.boards.edges.length === 0}
          empty="No boards yet. Create one to get started."
        >
          {(data) => (
            <>
              <ul className="board-list">
                {data.boards.edges.map((edge) => (
                  <BoardListItem key={edge.node.id} board={edge.node} />
                ))}
              </ul>
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
  return (
    <li className="board-card">
      {/* until the server has given it an id, there is no page to open */}
      {isOptimisticId(board.id) ? (
        <span className="board-card-name">
          {board.name} <span className="muted">(creating…)</span>
        </span>
      ) : (
        <Link className="board-card-name" to={`/boards/${board.id}`}>
          {board.name}
        </Link>
      )}
      <span className="muted">{role}</span>
    </li>
  );
}

function CreateBoardForm() {
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
    if (board) void navigate(`/boards/${board.id}`);
    else setName((current) => current || text);
  };

  return (
    <form className="create-board" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>New board name</label>
      <div className="inline-fields">
        <input
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
