// One task in a column: its title opens the task (Enter) and is the card's one stop for Tab; the card can be
// dragged (pointer anywhere on it; from the keyboard, Space on its title) or moved with its four buttons,
// which show on the card the pointer is over or that has focus, as a toolbar: one Tab stop after the
// title, ArrowLeft/ArrowRight between its buttons. Which card of a column Tab reaches, and the arrow
// keys between cards and columns, are BoardColumns' (cardFocus.ts). On a filtered board (`movable`
// false) it can be neither dragged nor moved: no grip, no toolbar, no drag instructions.
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useLocation } from '../routing';
import { Avatar } from '../components/Avatar';
import { LabelDot } from '../components/LabelDot';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { isOptimisticId } from '../mutations/optimistic';
import { formatDueDate, isOverdue } from '../task/dates';

export const TaskCard_taskFragment = graphql(`
  fragment TaskCard_task on Task {
    id
    title
    columnId
    version
    dueDate
    commentCount
    assignee {
      id
      name
    }
    labels {
      id
      name
      color
    }
  }
`);

export type Direction = 'up' | 'down' | 'left' | 'right';

const ARROWS: Record<Direction, string> = { up: '↑', down: '↓', left: '←', right: '→' };
const DIRECTIONS: Direction[] = ['up', 'down', 'left', 'right'];

export function TaskCard({
  task: taskRef,
  boardId,
  inLastColumn = false,
  canMove,
  onMove,
  focus,
  onFocused,
  tabbable,
  movable = true,
}: {
  task: FragmentType<typeof TaskCard_taskFragment>;
  boardId: string;
  /** the board's last column holds finished work: its tasks are not overdue */
  inLastColumn?: boolean;
  canMove: Record<Direction, boolean>;
  onMove: (direction: Direction) => void;
  /** the control to focus once rendered (after the card moved with a button), if any */
  focus?: Direction | 'link';
  onFocused: () => void;
  /** its title is its column's stop for Tab (the others are reached with the arrow keys) */
  tabbable: boolean;
  /** false on a filtered board, which shows only some cards: no drag, no move buttons */
  movable?: boolean;
}) {
  const task = getFragmentData(TaskCard_taskFragment, taskRef);
  // an optimistic task has no id the server knows: nothing can be done with it until it has one
  const pending = isOptimisticId(task.id);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: task.id,
    disabled: pending || !movable,
    data: { title: task.title },
  });
  const link = useRef<HTMLAnchorElement>(null);
  // the board's filters (board/filters) stay in the URL while the task is open, and after
  const { search } = useLocation();
  const buttons = useRef<Partial<Record<Direction, HTMLButtonElement | null>>>({});
  // focus is in the card: only then is its toolbar a stop for Tab, so that Tab leaves a column after
  // its focused card instead of going through every card's buttons
  const [focusWithin, setFocusWithin] = useState(false);
  // the toolbar's own stop: the button it last had focus on, while it can still be used
  const [toolbarAt, setToolbarAt] = useState<Direction>();
  const usable = DIRECTIONS.filter((direction) => !pending && canMove[direction]);
  const toolbarStop = toolbarAt && usable.includes(toolbarAt) ? toolbarAt : usable[0];

  useEffect(() => {
    if (!focus) return;
    const button = focus === 'link' ? undefined : buttons.current[focus];
    (button && !button.disabled ? button : link.current)?.focus();
    onFocused();
  }, [focus, onFocused]);

  const overdue = task.dueDate !== null && !inLastColumn && isOverdue(task.dueDate);

  const onToolbarKeyDown = (event: KeyboardEvent) => {
    const at = usable.findIndex((direction) => buttons.current[direction] === event.target);
    if (at < 0) return;
    const next =
      event.key === 'ArrowRight'
        ? usable[(at + 1) % usable.length]
        : event.key === 'ArrowLeft'
          ? usable[(at - 1 + usable.length) % usable.length]
          : event.key === 'Home'
            ? usable[0]
            : event.key === 'End'
              ? usable[usable.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    buttons.current[next]?.focus();
  };

  return (
    <li
      ref={setNodeRef}
      className={`task-card${isDragging ? ' is-dragging' : ''}${pending ? ' is-pending' : ''}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-task-id={task.id}
      {...listeners}
      onFocus={() => setFocusWithin(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocusWithin(false);
      }}
      // a click on the card itself (not its title or a button) selects it: its buttons show, also on a
      // touch screen, which has no hover, and the arrow keys go on from it
      onClick={(event) => {
        if (!(event.target as Element).closest('a, button')) link.current?.focus({ preventScroll: true });
      }}
    >
      <div className="task-card-top">
        {/* for the pointer, and on touch screens the place to drag from (it does not scroll the page) */}
        {movable && (
          <span className="drag-handle" aria-hidden="true">
            ⠿
          </span>
        )}
        {pending ? (
          <span className="task-card-title">
            {task.title} <span className="visually-hidden">(saving)</span>
          </span>
        ) : (
          // not draggable itself: a drag that starts on the title moves the card, not the link. Space on
          // it picks the card up (Enter still opens it: see the KeyboardSensor's codes in BoardColumns).
          <Link
            ref={(node) => {
              link.current = node;
              setActivatorNodeRef(node);
            }}
            className="task-card-title"
            to={`/boards/${boardId}/tasks/${task.id}${search}`}
            draggable={false}
            tabIndex={tabbable ? 0 : -1}
            // how to drag it, only where it can be dragged
            aria-describedby={movable ? attributes['aria-describedby'] : undefined}
          >
            {task.title}
          </Link>
        )}
      </div>
      {(task.labels.length > 0 || task.assignee || task.dueDate || task.commentCount > 0) && (
        <div className="task-card-meta">
          {/* spans, not a nested list: a card's list items are the column's tasks */}
          {task.labels.map((label) => (
            <span key={label.id} className="label-chip">
              <LabelDot color={label.color} />
              {label.name}
            </span>
          ))}
          {task.assignee && (
            <Avatar
              user={task.assignee}
              size="small"
              label={`Assigned to ${task.assignee.name}`}
              className="task-card-assignee"
            />
          )}
          {task.dueDate && (
            <span className={overdue ? 'task-card-due is-overdue' : 'task-card-due'}>
              Due {formatDueDate(task.dueDate)}
              {overdue && ' (overdue)'}
            </span>
          )}
          {task.commentCount > 0 && (
            <span className="task-card-comments">
              {task.commentCount} {task.commentCount === 1 ? 'comment' : 'comments'}
            </span>
          )}
        </div>
      )}
      {movable && (
        <div
          role="toolbar"
          aria-label={`Move "${task.title}"`}
          className="task-card-moves"
          onKeyDown={onToolbarKeyDown}
        >
          {DIRECTIONS.map((direction) => (
            <button
              key={direction}
              ref={(node) => {
                buttons.current[direction] = node;
              }}
              type="button"
              className="icon-button"
              aria-label={`Move "${task.title}" ${direction}`}
              title={`Move ${direction}`}
              disabled={pending || !canMove[direction]}
              tabIndex={focusWithin && direction === toolbarStop ? 0 : -1}
              onFocus={() => setToolbarAt(direction)}
              onClick={() => onMove(direction)}
            >
              <span aria-hidden="true">{ARROWS[direction]}</span>
            </button>
          ))}
        </div>
      )}
    </li>
  );
}
