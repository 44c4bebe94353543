// The task's editable fields. Only what the user changed is sent; when a newer version of the task
// arrives (someone else saved it: a live update, or the refetch after a conflict), fields the user has
// not touched follow it and edited ones stay, and the form says that the task changed underneath.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LabelDot } from '../components/LabelDot';
import { Markdown } from '../components/Markdown';
import { ErrorMessage } from '../components/QueryState';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { isOptimisticId } from '../mutations/optimistic';
import { useCreateLabel } from '../mutations/useCreateLabel';
import { useDeleteTask } from '../mutations/useDeleteTask';
import { useMoveTask } from '../mutations/useMoveTask';
import { useUpdateTask, type TaskChanges } from '../mutations/useUpdateTask';
import { fromDateInput, toDateInput } from './dates';
import { LabelManager } from './LabelManager';
import { useUnsavedChanges } from './unsavedChanges';

export const TaskForm_taskFragment = graphql(`
  fragment TaskForm_task on Task {
    id
    boardId
    title
    description
    dueDate
    version
    columnId
    assignee {
      id
    }
    labels {
      id
    }
  }
`);

export const TaskForm_boardFragment = graphql(`
  fragment TaskForm_board on Board {
    id
    viewerRole
    # the Column field's choices, in the board's order
    columns {
      id
      name
    }
    members {
      user {
        id
        name
      }
    }
    labels {
      id
      name
      color
    }
  }
`);

interface Values {
  title: string;
  description: string;
  dueDate: string;
  assigneeId: string;
  labelIds: string[];
  columnId: string;
}
type Field = keyof Values;
const FIELDS: Field[] = ['title', 'description', 'dueDate', 'assigneeId', 'labelIds', 'columnId'];

/** moveTask's index for "at the end of the column" (the API puts a larger one last). */
const END_OF_COLUMN = 1_000_000;

const same = (a: Values[Field], b: Values[Field]) =>
  Array.isArray(a) && Array.isArray(b) ? a.join() === b.join() : a === b;

const FIELD_NAMES: Record<Field, string> = {
  title: 'the title',
  description: 'the description',
  dueDate: 'the due date',
  assigneeId: 'the assignee',
  labelIds: 'the labels',
  columnId: 'the column',
};

const listOf = (names: string[]) =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/**
 * What to tell a user whose unsaved edits were kept over a newer version (null: nothing was kept).
 * `clashes`: fields both changed, where saving would replace the other person's value.
 */
function changedUnderneath(unsaved: Field[], clashes: Field[]): string | null {
  if (unsaved.length === 0) return null;
  const start = 'Someone else changed this task while you were editing it.';
  if (clashes.length === 0) return `${start} Their changes are shown; your unsaved edits are still in the form.`;
  return `${start} They also changed ${listOf(clashes.map((f) => FIELD_NAMES[f]))}: your unsaved edits are still in the form, and saving replaces their version with yours.`;
}

/** Untouched fields (still equal to the version the form started from) take the newer version's value. */
function rebase(values: Values, baseline: Values, fresh: Values): Values {
  const next = { ...values };
  for (const field of FIELDS) if (same(values[field], baseline[field])) Object.assign(next, { [field]: fresh[field] });
  return next;
}

const NEW_LABEL_COLOR = '#2563eb';

export function TaskForm({
  task: taskRef,
  board: boardRef,
  onDeleted,
}: {
  task: FragmentType<typeof TaskForm_taskFragment>;
  board: FragmentType<typeof TaskForm_boardFragment>;
  onDeleted: () => void;
}) {
  const task = getFragmentData(TaskForm_taskFragment, taskRef);
  const board = getFragmentData(TaskForm_boardFragment, boardRef);
  const id = useId();
  const fresh: Values = {
    title: task.title,
    description: task.description ?? '',
    dueDate: toDateInput(task.dueDate),
    assigneeId: task.assignee?.id ?? '',
    labelIds: task.labels.map((label) => label.id).sort(),
    columnId: task.columnId,
  };
  const [form, setForm] = useState({
    version: task.version,
    baseline: fresh,
    values: fresh,
    notice: null as string | null,
  });
  const [problem, setProblem] = useState('');
  const [note, setNote] = useState('');
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const mover = useMoveTask();
  const [moving, setMoving] = useState(false);
  // the description shows rendered, and as Markdown to edit once the user asks for it
  const [editingDescription, setEditingDescription] = useState(false);

  // A new version of the task (someone else's change arriving live, a refetch after a conflict, a
  // save confirmed): adopt it, keeping the user's edits. Not while saving: the optimistic version
  // would be adopted, and lost on rollback.
  if (task.version !== form.version && !update.saving && !moving) {
    const values = rebase(form.values, form.baseline, fresh);
    // after the user's own save, what they saved is the new version: nothing is left unsaved
    const unsaved = FIELDS.filter((field) => !same(values[field], fresh[field]));
    const clashes = unsaved.filter((field) => !same(fresh[field], form.baseline[field]));
    // after a conflict, the error already says all this
    const notice = update.conflict ? null : changedUnderneath(unsaved, clashes);
    setForm({ version: task.version, baseline: fresh, values, notice });
  }

  const { values } = form;
  useUnsavedChanges(FIELDS.some((field) => !same(values[field], form.baseline[field])));
  const set = <F extends Field>(field: F, value: Values[F]) => {
    setForm((current) => ({ ...current, values: { ...current.values, [field]: value } }));
    setNote('');
  };

  const changes = (): TaskChanges => {
    const changed = FIELDS.filter((field) => !same(values[field], form.baseline[field]));
    const out: TaskChanges = {};
    if (changed.includes('title')) out.title = values.title.trim();
    if (changed.includes('description')) out.description = values.description.trim() ? values.description : null;
    if (changed.includes('dueDate')) out.dueDate = fromDateInput(values.dueDate);
    if (changed.includes('assigneeId')) {
      out.assignee = board.members.find((member) => member.user.id === values.assigneeId)?.user ?? null;
    }
    if (changed.includes('labelIds')) out.labels = board.labels.filter((label) => values.labelIds.includes(label.id));
    return out;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setNote('');
    if (!values.title.trim()) {
      setProblem('The title cannot be empty.');
      return;
    }
    setProblem('');
    const diff = changes();
    const to = values.columnId !== form.baseline.columnId ? values.columnId : null;
    if (Object.keys(diff).length === 0 && !to) {
      setNote('Nothing to save: no field has changed.');
      setEditingDescription(false);
      return;
    }
    mover.clearError();
    if (Object.keys(diff).length > 0 && !(await update.updateTask(task.id, diff))) return;
    if (to) {
      // to the end of the chosen column (the card moves at once, and back if the server refuses)
      setMoving(true);
      const moved = await mover.moveTask({
        boardId: board.id,
        id: task.id,
        from: form.baseline.columnId,
        to,
        index: END_OF_COLUMN,
      });
      setMoving(false);
      if (!moved) return;
    }
    setNote('Saved.');
    setForm((current) => ({ ...current, notice: null }));
    setEditingDescription(false);
  };

  // the dialog closes at once; a toast offers Undo for a few seconds before the delete is sent
  const deleteTask = () => {
    setNote('');
    if (remove.deleteTask({ boardId: board.id, id: task.id })) onDeleted();
  };

  const error = problem || update.error || mover.error;
  return (
    <form className="task-form" onSubmit={(event) => void save(event)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          type="text"
          value={values.title}
          maxLength={191}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => set('title', event.target.value)}
        />
      </div>
      <Description
        value={values.description}
        saved={form.baseline.description}
        editing={editingDescription}
        onEditingChange={setEditingDescription}
        onChange={(value) => set('description', value)}
      />
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-column`}>Column</label>
          <select id={`${id}-column`} value={values.columnId} onChange={(event) => set('columnId', event.target.value)}>
            {board.columns.map((column) => (
              <option key={column.id} value={column.id}>
                {column.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-assignee`}>Assignee</label>
          <select
            id={`${id}-assignee`}
            value={values.assigneeId}
            onChange={(event) => set('assigneeId', event.target.value)}
          >
            <option value="">Unassigned</option>
            {board.members.map((member) => (
              <option key={member.user.id} value={member.user.id}>
                {member.user.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>Due date</label>
          <input
            id={`${id}-due`}
            type="date"
            value={values.dueDate}
            onChange={(event) => set('dueDate', event.target.value)}
          />
        </div>
      </div>
      <fieldset className="labels-field">
        <legend>Labels</legend>
        {board.labels.length === 0 && (
          <p className="muted">No labels on this board yet. Name one under “New label” below to tag tasks with it.</p>
        )}
        <div className="label-options">
          {board.labels.map((label) => (
            <label key={label.id} className="check">
              <input
                type="checkbox"
                checked={values.labelIds.includes(label.id)}
                disabled={isOptimisticId(label.id)}
                onChange={(event) =>
                  set(
                    'labelIds',
                    event.target.checked
                      ? [...values.labelIds, label.id].sort()
                      : values.labelIds.filter((labelId) => labelId !== label.id),
                  )
                }
              />
              <LabelDot color={label.color} />
              {label.name}
            </label>
          ))}
        </div>
        <NewLabel
          boardId={board.id}
          onCreated={(labelId) =>
            setForm((current) => ({
              ...current,
              values: { ...current.values, labelIds: [...new Set([...current.values.labelIds, labelId])].sort() },
            }))
          }
        />
        <LabelManager boardId={board.id} labels={board.labels} canDelete={board.viewerRole === 'OWNER'} />
      </fieldset>
      <div aria-live="polite">{form.notice && !error && <p className="form-notice">{form.notice}</p>}</div>
      {error && <ErrorMessage error={error} />}
      <p className="form-note" aria-live="polite">
        {note}
      </p>
      <div className="form-actions">
        <button type="submit" disabled={update.saving || moving}>
          Save
        </button>
        <button type="button" className="button-danger" onClick={deleteTask}>
          Delete task
        </button>
      </div>
    </form>
  );
}

/**
 * The description, shown rendered from its Markdown, with Edit to change it. The Markdown is in a
 * text field while the user edits it, while it holds edits not saved yet (kept when a save fails or
 * someone else saves first), and while it is empty: then there is nothing to show and a place to write.
 */
function Description({
  value,
  saved,
  editing,
  onEditingChange,
  onChange,
}: {
  value: string;
  /** the description as saved: what Cancel goes back to */
  saved: string;
  editing: boolean;
  onEditingChange: (editing: boolean) => void;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const asText = editing || !value.trim() || value !== saved;
  // focus follows the user's own switch: into the text after Edit, back to Edit after Cancel
  const switching = useRef(false);
  useEffect(() => {
    if (!switching.current) return;
    switching.current = false;
    const textarea = field.current;
    if (textarea) {
      textarea.focus();
      textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    } else editButton.current?.focus();
  }, [asText]);
  const switchTo = (edit: boolean) => {
    switching.current = true;
    onEditingChange(edit);
  };

  if (!asText) {
    return (
      <div className="field">
        <div className="field-heading">
          <span className="field-label">Description</span>
          <button ref={editButton} type="button" className="button-link" onClick={() => switchTo(true)}>
            Edit<span className="visually-hidden"> description</span>
          </button>
        </div>
        <Markdown text={value} className="description-view" headingLevel={3} />
      </div>
    );
  }
  const lines = value.split('\n').length;
  return (
    <div className="field">
      <label htmlFor={`${id}-text`}>Description</label>
      <textarea
        ref={field}
        id={`${id}-text`}
        rows={Math.min(16, Math.max(4, lines + 1))}
        maxLength={10000}
        value={value}
        aria-describedby={`${id}-hint`}
        onFocus={() => onEditingChange(true)}
        onChange={(event) => {
          onChange(event.target.value);
          onEditingChange(true);
        }}
      />
      <div className="field-footer">
        <p className="field-hint" id={`${id}-hint`}>
          Markdown supported
        </p>
        {editing && saved.trim() && (
          <button
            type="button"
            className="button-link"
            onClick={() => {
              onChange(saved);
              switchTo(false);
            }}
          >
            Cancel<span className="visually-hidden"> editing the description</span>
          </button>
        )}
      </div>
    </div>
  );
}

/** Not a nested <form> (HTML forbids one): Enter in its field creates the label instead of saving the task. */
function NewLabel({ boardId, onCreated }: { boardId: string; onCreated: (labelId: string) => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [color, setColor] = useState(NEW_LABEL_COLOR);
  const { createLabel, creating, error, clearError } = useCreateLabel();

  const create = async () => {
    if (!name.trim()) return;
    const label = await createLabel(boardId, name, color);
    if (label) {
      setName('');
      onCreated(label.id);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void create();
  };

  return (
    <div className="new-label">
      <div className="field">
        <label htmlFor={`${id}-name`}>New label</label>
        <input
          id={`${id}-name`}
          type="text"
          value={name}
          maxLength={50}
          onKeyDown={onKeyDown}
          onChange={(event) => {
            setName(event.target.value);
            if (error) clearError();
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-color`}>Label colour</label>
        <input id={`${id}-color`} type="color" value={color} onChange={(event) => setColor(event.target.value)} />
      </div>
      <button type="button" className="button-secondary" onClick={() => void create()} disabled={creating}>
        Create label
      </button>
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
