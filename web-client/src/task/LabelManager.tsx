// The board's labels, managed where they are used (the task dialog's Labels): any member renames or
// recolours one; the owner deletes one, after saying what that does to the tasks that carry it.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { LabelDot } from '../components/LabelDot';
import { ErrorMessage } from '../components/QueryState';
import { isOptimisticId } from '../mutations/optimistic';
import { useDeleteLabel } from '../mutations/useDeleteLabel';
import { useUpdateLabel } from '../mutations/useUpdateLabel';

interface Label {
  id: string;
  name: string;
  color: string;
}

export function LabelManager({ boardId, labels, canDelete }: { boardId: string; labels: Label[]; canDelete: boolean }) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  // here, not in a row: a deleted label's row goes at once, and comes back if the server refuses
  const { deleteLabel, error, clearError } = useDeleteLabel();

  if (labels.length === 0) return null;
  return (
    <div className="label-manager">
      <button
        ref={toggle}
        type="button"
        className="button-link"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((current) => !current)}
      >
        Manage labels
      </button>
      {error && <ErrorMessage error={error} onDismiss={clearError} />}
      <ul id={listId} className="label-manage-list" hidden={!open}>
        {labels.map((label) => (
          <LabelRow
            key={label.id}
            boardId={boardId}
            label={label}
            canDelete={canDelete}
            onDelete={() => {
              // its row (and the button that had focus) goes at once
              toggle.current?.focus();
              clearError();
              void deleteLabel(boardId, label.id);
            }}
          />
        ))}
      </ul>
    </div>
  );
}

type Mode = 'view' | 'edit' | 'confirm';

/** Escape anywhere in an editor or question cancels it; handled here, so the task dialog around it stays open. */
function onEscape(event: KeyboardEvent, cancel: () => void) {
  if (event.key !== 'Escape') return;
  event.preventDefault();
  cancel();
}

function LabelRow({
  boardId,
  label,
  canDelete,
  onDelete,
}: {
  boardId: string;
  label: Label;
  canDelete: boolean;
  onDelete: () => void;
}) {
  const [mode, setMode] = useState<Mode>('view');
  const [draft, setDraft] = useState({ name: label.name, color: label.color });
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const { updateLabel, error, clearError } = useUpdateLabel();
  const pending = isOptimisticId(label.id);

  // back to the button that opened the editor or the question, when it closes
  const from = useRef<Mode>('view');
  useEffect(() => {
    if (mode !== 'view') from.current = mode;
    else if (from.current === 'edit') editButton.current?.focus();
    else if (from.current === 'confirm') deleteButton.current?.focus();
  }, [mode]);

  const save = async (name: string, color: string) => {
    setMode('view');
    // shown at once; if the server refuses, the editor comes back with what was typed and why
    if (!(await updateLabel(boardId, label.id, name, color))) setMode('edit');
  };

  if (mode === 'edit') {
    return (
      <li className="label-manage-row">
        <LabelEditor
          label={label}
          draft={draft}
          error={error}
          onChange={(next) => {
            setDraft(next);
            if (error) clearError();
          }}
          onSave={(name, color) => void save(name, color)}
          onCancel={() => {
            clearError();
            setMode('view');
          }}
        />
      </li>
    );
  }
  if (mode === 'confirm') {
    return (
      <li className="label-manage-row">
        <DeleteQuestion label={label} onDelete={onDelete} onCancel={() => setMode('view')} />
      </li>
    );
  }
  return (
    <li className="label-manage-row">
      <span className="label-manage-name">
        <LabelDot color={label.color} />
        {label.name}
      </span>
      {!pending && (
        <span className="label-manage-actions">
          <button
            ref={editButton}
            type="button"
            className="button-link"
            aria-label={`Edit label ${label.name}`}
            onClick={() => {
              clearError();
              setDraft({ name: label.name, color: label.color });
              setMode('edit');
            }}
          >
            Edit
          </button>
          {canDelete && (
            <button
              ref={deleteButton}
              type="button"
              className="button-link button-link-danger"
              aria-label={`Delete label ${label.name}`}
              onClick={() => setMode('confirm')}
            >
              Delete
            </button>
          )}
        </span>
      )}
    </li>
  );
}

/** Inside the task's form, so not a nested <form>: Enter saves the label, Escape cancels, the task is left alone. */
function LabelEditor({
  label,
  draft,
  error,
  onChange,
  onSave,
  onCancel,
}: {
  label: Label;
  draft: { name: string; color: string };
  error: string | null;
  onChange: (draft: { name: string; color: string }) => void;
  onSave: (name: string, color: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const nameField = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    nameField.current?.focus();
    nameField.current?.select();
  }, []);

  const save = () => {
    const name = draft.name.trim();
    if (!name) {
      setProblem('The label name cannot be empty.');
      nameField.current?.focus();
      return;
    }
    if (name === label.name && draft.color === label.color) onCancel();
    else onSave(name, draft.color);
  };

  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    save();
  };

  const shown = problem || error;
  return (
    <div
      className="label-editor"
      role="group"
      aria-label={`Edit label ${label.name}`}
      onKeyDown={(event) => onEscape(event, onCancel)}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          ref={nameField}
          id={`${id}-name`}
          type="text"
          value={draft.name}
          maxLength={50}
          autoComplete="off"
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? `${id}-error` : undefined}
          onKeyDown={onEnter}
          onChange={(event) => {
            setProblem('');
            onChange({ ...draft, name: event.target.value });
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-color`}>Colour</label>
        <input
          id={`${id}-color`}
          type="color"
          value={draft.color}
          onKeyDown={onEnter}
          onChange={(event) => onChange({ ...draft, color: event.target.value })}
        />
      </div>
      <div className="label-editor-actions">
        <button type="button" onClick={save}>
          Save label
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {shown && (
        <div id={`${id}-error`} className="label-editor-error">
          <ErrorMessage error={shown} />
        </div>
      )}
    </div>
  );
}

function DeleteQuestion({ label, onDelete, onCancel }: { label: Label; onDelete: () => void; onCancel: () => void }) {
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  // the safe answer first: Enter or Space on arrival does not delete
  useEffect(() => cancel.current?.focus(), []);

  return (
    <div className="label-delete" role="group" aria-labelledby={id} onKeyDown={(event) => onEscape(event, onCancel)}>
      <p id={id}>
        Delete the label <strong>{label.name}</strong>? It is taken off every task that has it, on the whole board. This
        cannot be undone.
      </p>
      <div className="label-editor-actions">
        <button type="button" className="button-danger" onClick={onDelete}>
          Delete label
        </button>
        <button ref={cancel} type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
