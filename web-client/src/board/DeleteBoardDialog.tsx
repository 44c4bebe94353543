// Deleting a board takes every task, label and comment on it, for every member: the owner types its
// name first (as GitHub asks for a repository's), so that a slip of the mouse cannot do it.
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from '../routing';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/QueryState';
import { useDeleteBoard } from '../mutations/useDeleteBoard';
import { boardDeletedNotice } from './notices';

export function DeleteBoardDialog({ id, name, onClose }: { id: string; name: string; onClose: () => void }) {
  const fieldId = useId();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const { deleteBoard, deleting, error, clearError } = useDeleteBoard();
  const matches = typed.trim() === name;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!matches || deleting) return;
    // the boards list says what happened; Back does not lead to a board that is gone
    if (await deleteBoard(id)) navigate('/', { replace: true, state: { notice: boardDeletedNotice(name) } });
  };

  return (
    <Dialog title="Delete board" onClose={onClose} size="small">
      <form className="confirm" onSubmit={(event) => void submit(event)} noValidate>
        <p id={`${fieldId}-what`}>
          This deletes <strong className="quoted-name">{name}</strong> with all its tasks, labels and comments, for
          every member. It cannot be undone.
        </p>
        <div className="field">
          <label htmlFor={fieldId}>Type the board’s name to confirm</label>
          <input
            id={fieldId}
            data-autofocus
            type="text"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${fieldId}-what`}
            onChange={(event) => {
              setTyped(event.target.value);
              if (error) clearError();
            }}
          />
        </div>
        {error && <ErrorMessage error={error} />}
        <div className="confirm-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button-danger" disabled={!matches || deleting} aria-busy={deleting}>
            {deleting ? 'Deleting…' : 'Delete this board'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
