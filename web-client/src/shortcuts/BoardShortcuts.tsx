// What the board's shortcuts do (the keys are in shortcuts.ts): "n" a new task, "/" filter, "Enter"
// or "o" open the focused card's task, "m" move it ("Move to…", a short dialog of the columns), "a"
// assign it to me or unassign me. Each says what it did (a live region), and a refused change says
// why (an alert), as the board's own controls do.
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useLocation, useNavigate } from '../routing';
import type { ColumnInfo } from '../apollo/boardColumns';
import { useViewer } from '../auth/viewer';
import { TaskCard_taskFragment } from '../board/TaskCard';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/QueryState';
import { isOptimisticId } from '../mutations/optimistic';
import { useMoveTask } from '../mutations/useMoveTask';
import { useUpdateTask } from '../mutations/useUpdateTask';
import { focusedCard } from './shortcuts';
import { useShortcuts } from './useShortcuts';

const ASSIGN_CONFLICT =
  'This task was changed by someone else just now, so its assignee was not changed. The card now shows the latest version; press "a" again to change it.';

interface CardTask {
  id: string;
  title: string;
  columnId: string;
}

/** Where focus goes back to after a card moved (its old element is gone): its title link, or the card. */
function cardFocusTarget(taskId: string): HTMLElement | null {
  const card = document.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(taskId)}"]`);
  return card?.querySelector<HTMLElement>('a[href]') ?? card;
}

/** Enter on a link or a button does what they do (the title opens the task anyway; a handle starts a drag). */
const isControl = (element: Element | null) =>
  element !== null && element.closest('a[href], button, summary, [role="button"], [role="link"]') !== null;

export function BoardShortcuts({ boardId, columns }: { boardId: string; columns: readonly ColumnInfo[] }) {
  const client = useApolloClient();
  const navigate = useNavigate();
  // the board's filters (?q=…, board/filters) stay while the task is open, as with the card's link
  const { search } = useLocation();
  const me = useViewer().data?.me;
  const assign = useUpdateTask();
  const move = useMoveTask();
  const [moving, setMoving] = useState<CardTask | null>(null);
  const [announcement, setAnnouncement] = useState('');

  /** The focused card's task as its card shows it; none for a card still being created (no id yet). */
  const focusedTask = () => {
    const id = focusedCard()?.dataset.taskId;
    if (!id || isOptimisticId(id)) return null;
    return client.cache.readFragment({
      fragment: TaskCard_taskFragment,
      id: client.cache.identify({ __typename: 'Task', id }),
    });
  };

  const clearErrors = () => {
    assign.clearError();
    move.clearError();
  };

  useShortcuts({
    'new-task': () => {
      // the column holding focus (a card, its menu), else the first
      const column =
        document.activeElement?.closest('[data-column-id]') ?? document.querySelector('main [data-column-id]');
      // found by its label, the part of the column least likely to change
      const field = [...(column?.querySelectorAll('input') ?? [])].find(
        (input) => input.labels?.[0]?.textContent === 'New task title',
      );
      if (!field) return false;
      field.focus();
    },
    search: () => {
      // the filter bar's text field (board/filters), marked for this
      const field = document.querySelector<HTMLInputElement>('main [data-shortcut="filter"]');
      if (!field) return false;
      field.focus();
      field.select();
    },
    open: (event) => {
      if (event.key === 'Enter' && isControl(document.activeElement)) return false;
      const task = focusedTask();
      if (!task) return false;
      navigate(`/boards/${boardId}/tasks/${task.id}${search}`);
    },
    move: () => {
      const task = focusedTask();
      if (!task) return false;
      clearErrors();
      setMoving({ id: task.id, title: task.title, columnId: task.columnId });
    },
    assign: () => {
      const task = focusedTask();
      if (!task || !me) return false;
      clearErrors();
      const mine = task.assignee?.id === me.id;
      setAnnouncement(mine ? `Unassigned you from "${task.title}".` : `Assigned "${task.title}" to you.`);
      void assign.updateTask(
        task.id,
        { assignee: mine ? null : { __typename: 'User', id: me.id, name: me.name } },
        { conflict: ASSIGN_CONFLICT },
      );
    },
  });

  const moveTo = (task: CardTask, column: ColumnInfo) => {
    setMoving(null);
    setAnnouncement(`Moved "${task.title}" to ${column.name}.`);
    // to the top, as a card's own buttons move it across columns: in view at once
    void move.moveTask({ boardId, id: task.id, from: task.columnId, to: column.id, index: 0 });
  };

  const error = assign.error ?? move.error;
  return (
    <>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {error && <ErrorMessage error={error} onDismiss={clearErrors} />}
      {moving && (
        <MoveToDialog
          task={moving}
          columns={columns}
          onMove={(column) => moveTo(moving, column)}
          onClose={() => setMoving(null)}
        />
      )}
    </>
  );
}

function MoveToDialog({
  task,
  columns,
  onMove,
  onClose,
}: {
  task: CardTask;
  columns: readonly ColumnInfo[];
  onMove: (column: ColumnInfo) => void;
  onClose: () => void;
}) {
  const at = columns.findIndex((column) => column.id === task.columnId);
  // the likeliest choice first: the next column (work moves on), else the one before
  const likeliest = columns[at + 1] ?? columns[at - 1];
  const first = useRef<HTMLButtonElement>(null);
  const listId = useId();
  useEffect(() => {
    // after the dialog has taken focus itself (its effect runs after this one)
    queueMicrotask(() => first.current?.focus());
  }, []);

  return (
    <Dialog title={`Move "${task.title}"`} size="small" onClose={onClose} returnFocus={() => cardFocusTarget(task.id)}>
      <div className="move-to">
        <p id={`${listId}-label`}>To the top of the column:</p>
        <ul role="list" className="move-to-list" aria-labelledby={`${listId}-label`}>
          {columns.map((column) => {
            const here = column.id === task.columnId;
            return (
              <li key={column.id}>
                <button
                  ref={column === likeliest ? first : undefined}
                  type="button"
                  className="button-secondary"
                  disabled={here}
                  onClick={() => onMove(column)}
                >
                  {column.name}
                  {here && <span className="move-to-here"> (where it is)</span>}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </Dialog>
  );
}
