// The board's name, and the owner's controls for it: rename in place, and delete (after typing the
// name in a dialog). Members see the name only.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ErrorMessage } from '../components/QueryState';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { useRenameBoard } from '../mutations/useRenameBoard';
import { DeleteBoardDialog } from './DeleteBoardDialog';

export const BoardTitle_boardFragment = graphql(`
  fragment BoardTitle_board on Board {
    id
    name
    viewerRole
  }
`);

export function BoardTitle({ board: boardRef }: { board: FragmentType<typeof BoardTitle_boardFragment> }) {
  const board = getFragmentData(BoardTitle_boardFragment, boardRef);
  const owner = board.viewerRole === 'OWNER';
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [deleting, setDeleting] = useState(false);
  const rename = useRef<HTMLButtonElement>(null);
  const { renameBoard, error, clearError } = useRenameBoard();

  // Focus follows the form: into its field when it opens, back to "Rename board" when it closes
  // (not on the page's first render).
  const opened = useRef(false);
  useEffect(() => {
    if (editing) opened.current = true;
    else if (opened.current) rename.current?.focus();
  }, [editing]);

  const start = () => {
    clearError();
    setDraft(board.name);
    setEditing(true);
  };

  const save = async (name: string) => {
    setEditing(false);
    // shown at once; if the server refuses, the form comes back with what was typed and why
    if (!(await renameBoard(board.id, name))) setEditing(true);
  };

  return (
    <div className="board-title">
      {editing ? (
        <RenameForm
          draft={draft}
          error={error}
          unchanged={(name) => name === board.name}
          onChange={(value) => {
            setDraft(value);
            if (error) clearError();
          }}
          onSave={(name) => void save(name)}
          onCancel={() => {
            clearError();
            setEditing(false);
          }}
        />
      ) : (
        <h1>{board.name}</h1>
      )}
      <p className="muted">{owner ? 'You own this board.' : 'You are a member of this board.'}</p>
      {owner && !editing && (
        <div className="board-actions">
          <button ref={rename} type="button" className="button-secondary button-small" onClick={start}>
            Rename board
          </button>
          <button
            type="button"
            className="button-secondary button-small button-quiet-danger"
            onClick={() => setDeleting(true)}
          >
            Delete board
          </button>
        </div>
      )}
      {deleting && <DeleteBoardDialog id={board.id} name={board.name} onClose={() => setDeleting(false)} />}
    </div>
  );
}

function RenameForm({
  draft,
  error,
  unchanged,
  onChange,
  onSave,
  onCancel,
}: {
  draft: string;
  error: string | null;
  unchanged: (name: string) => boolean;
  onChange: (value: string) => void;
  onSave: (name: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = draft.trim();
    // refused here, before sending: the API would refuse it too, less clearly
    if (!name) {
      setProblem('The board name cannot be empty.');
      input.current?.focus();
      return;
    }
    if (unchanged(name)) onCancel();
    else onSave(name);
  };

  // anywhere in the form: Cancel's keyboard twin
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onCancel();
  };

  const shown = problem || error;
  return (
    <form className="rename-board" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <label htmlFor={id}>Board name</label>
      <div className="inline-fields">
        <input
          ref={input}
          id={id}
          type="text"
          value={draft}
          maxLength={191}
          autoComplete="off"
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? `${id}-error` : undefined}
          onChange={(event) => {
            setProblem('');
            onChange(event.target.value);
          }}
        />
        <button type="submit">Save</button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {shown && (
        <div id={`${id}-error`}>
          <ErrorMessage error={shown} />
        </div>
      )}
    </form>
  );
}
