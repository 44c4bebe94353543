// The owner's column dialogs: add a column (name, WIP limit, where), edit one (rename, set or remove
// its WIP limit), and delete one (an empty one after a question; one that holds tasks only once the
// owner has chosen where its tasks go). Fields are checked before anything is sent; a refusal from the
// server is shown once, and what was typed stays.
import { useQuery } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ColumnInfo } from '../apollo/boardColumns';
import { COLUMN_PAGE_SIZE, ColumnTasksQuery } from '../apollo/columnTasks';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/QueryState';
import { getFragmentData } from '../gql';
import {
  columnNameProblem,
  parseWipLimit,
  useCreateColumn,
  useDeleteColumn,
  useUpdateColumn,
  WIP_LIMIT_MAX,
} from '../mutations/useColumns';
import { Column_tasksFragment } from './Column';

const END = '';

/** Adds a column (`after`: the column it goes after; left out, at the end) or edits `column`. */
export function ColumnFormDialog({
  boardId,
  columns,
  column,
  after,
  onClose,
  onSaved,
  returnFocus,
}: {
  boardId: string;
  columns: readonly ColumnInfo[];
  /** the column to edit; none: a new column */
  column?: ColumnInfo;
  after?: string;
  onClose: () => void;
  /** with what happened, in words (for the board's announcements) */
  onSaved: (message: string) => void;
  returnFocus?: () => HTMLElement | null;
}) {
  const id = useId();
  const [name, setName] = useState(column?.name ?? '');
  const [wipLimit, setWipLimit] = useState(column?.wipLimit?.toString() ?? '');
  const [where, setWhere] = useState(after ?? END);
  const [problems, setProblems] = useState<{ name?: string; wipLimit?: string }>({});
  const nameField = useRef<HTMLInputElement>(null);
  const wipField = useRef<HTMLInputElement>(null);
  const create = useCreateColumn();
  const update = useUpdateColumn();
  const busy = create.creating || update.saving;
  const error = column ? update.error : create.error;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const nameProblem = columnNameProblem(name);
    const limit = parseWipLimit(wipLimit);
    const found = {
      ...(nameProblem && { name: nameProblem }),
      ...('problem' in limit && { wipLimit: limit.problem }),
    };
    setProblems(found);
    if (found.name) return nameField.current?.focus();
    if (!('value' in limit)) return wipField.current?.focus();
    if (column) {
      const changes = {
        ...(name.trim() !== column.name && { name: name.trim() }),
        ...(limit.value !== column.wipLimit && { wipLimit: limit.value }),
      };
      if (Object.keys(changes).length === 0) return onClose();
      if (await update.updateColumn(column, changes)) {
        onSaved(`Column "${name.trim()}" saved.`);
        onClose();
      }
      return;
    }
    const afterIndex = columns.findIndex((c) => c.id === where);
    const created = await create.createColumn({
      boardId,
      name,
      wipLimit: limit.value,
      ...(afterIndex >= 0 && { index: afterIndex + 1 }),
    });
    if (created) {
      onSaved(`Column "${name.trim()}" added.`);
      onClose();
    }
  };

  const clearServerError = () => (column ? update.clearError() : create.clearError());
  const describedBy = (field: 'name' | 'wipLimit', hint?: string) =>
    [problems[field] ? `${id}-${field}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;

  return (
    <Dialog
      title={column ? `Edit column "${column.name}"` : 'Add a column'}
      onClose={onClose}
      returnFocus={returnFocus}
      size="small"
    >
      <form className="column-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>Column name</label>
          <input
            ref={nameField}
            id={`${id}-name`}
            data-autofocus
            type="text"
            value={name}
            autoComplete="off"
            aria-invalid={problems.name ? true : undefined}
            aria-describedby={describedBy('name')}
            onChange={(event) => {
              setName(event.target.value);
              clearServerError();
            }}
          />
          {problems.name && (
            <p id={`${id}-name-error`} className="field-error">
              {problems.name}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-wip`}>WIP limit (optional)</label>
          <input
            ref={wipField}
            id={`${id}-wip`}
            type="text"
            inputMode="numeric"
            value={wipLimit}
            autoComplete="off"
            aria-invalid={problems.wipLimit ? true : undefined}
            aria-describedby={describedBy('wipLimit', `${id}-wip-hint`)}
            onChange={(event) => {
              setWipLimit(event.target.value);
              clearServerError();
            }}
          />
          <p id={`${id}-wip-hint`} className="field-hint">
            How many tasks the team wants in it at most, 1 to {WIP_LIMIT_MAX}; empty for no limit. More are allowed, and
            shown as over the limit.
          </p>
          {problems.wipLimit && (
            <p id={`${id}-wipLimit-error`} className="field-error">
              {problems.wipLimit}
            </p>
          )}
        </div>
        {!column && (
          <div className="field">
            <label htmlFor={`${id}-where`}>Where</label>
            <select id={`${id}-where`} value={where} onChange={(event) => setWhere(event.target.value)}>
              <option value={END}>At the end</option>
              {columns.map((c) => (
                <option key={c.id} value={c.id}>
                  After {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {error && <ErrorMessage error={error} />}
        <div className="confirm-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy} aria-busy={busy}>
            {column ? (busy ? 'Saving…' : 'Save column') : busy ? 'Adding…' : 'Add column'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Deletes a column; when it holds tasks, the owner picks the column they go to. */
export function DeleteColumnDialog({
  boardId,
  column,
  columns,
  onClose,
  onDeleted,
  returnFocus,
}: {
  boardId: string;
  column: ColumnInfo;
  columns: readonly ColumnInfo[];
  onClose: () => void;
  onDeleted: (message: string) => void;
  returnFocus?: () => HTMLElement | null;
}) {
  const id = useId();
  const tasks = useQuery(ColumnTasksQuery, {
    variables: { boardId, columnId: column.id, first: COLUMN_PAGE_SIZE },
    fetchPolicy: 'cache-only',
  });
  const count = tasks.data ? getFragmentData(Column_tasksFragment, tasks.data.board.tasks).totalCount : 0;
  const others = columns.filter((c) => c.id !== column.id);
  const [target, setTarget] = useState('');
  const [problem, setProblem] = useState('');
  const select = useRef<HTMLSelectElement>(null);
  const { deleteColumn, deleting, error } = useDeleteColumn();

  const confirm = async () => {
    if (count > 0 && !target) {
      setProblem('Choose the column its tasks go to.');
      select.current?.focus();
      return;
    }
    setProblem('');
    const moveTasksTo = count > 0 ? target : undefined;
    if (await deleteColumn({ boardId, id: column.id, moveTasksTo })) {
      const to = others.find((c) => c.id === moveTasksTo)?.name;
      onDeleted(
        to ? `Column "${column.name}" deleted; its tasks are now in ${to}.` : `Column "${column.name}" deleted.`,
      );
      onClose();
    }
  };

  const tasksText = count === 1 ? '1 task' : `${count} tasks`;
  return (
    <ConfirmDialog
      title={`Delete the column "${column.name}"?`}
      confirmLabel="Delete column"
      busyLabel="Deleting…"
      busy={deleting}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={onClose}
      returnFocus={returnFocus}
    >
      {count === 0 ? (
        <p>The column is empty. Deleting it cannot be undone.</p>
      ) : (
        <>
          <p>
            It holds {tasksText}. Choose the column {count === 1 ? 'it goes' : 'they go'} to: after the tasks already
            there, in {count === 1 ? 'its' : 'their'} order.
          </p>
          <div className="field">
            <label htmlFor={`${id}-target`}>Move its {tasksText} to</label>
            <select
              ref={select}
              id={`${id}-target`}
              value={target}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
              onChange={(event) => {
                setTarget(event.target.value);
                setProblem('');
              }}
            >
              <option value="">Choose a column…</option>
              {others.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {problem && (
              <p id={`${id}-problem`} className="field-error">
                {problem}
              </p>
            )}
          </div>
        </>
      )}
    </ConfirmDialog>
  );
}
