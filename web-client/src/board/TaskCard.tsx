// One task in a column: its title opens the task; it can be dragged (pointer anywhere on the card, or
// keyboard from its handle) or moved with its four buttons.
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
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
}) {
  const task = getFragmentData(TaskCard_taskFragment, taskRef);
  // an optimistic task has no id the server knows: nothing can be done with it until it has one
  const pending = isOptimisticId(task.id);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: task.id,
    disabled: pending,
    data: { title: task.title },
    attributes: { roleDescription: 'draggable task' },
  });
  const link = useRef<HTMLAnchorElement>(null);
  const buttons = useRef<Partial<Record<Direction, HTMLButtonElement | null>>>({});

  useEffect(() => {
    if (!focus) return;
    const button = focus === 'link' ? undefined : buttons.current[focus];
    (button && !button.disabled ? button : link.current)?.focus();
    onFocused();
  }, [focus, onFocused]);

  const overdue = task.dueDate !== null && !inLastColumn && isOverdue(task.dueDate);

  return (
    <li
      ref={setNodeRef}
      className={`task-card${isDragging ? ' is-dragging' : ''}${pending ? ' is-pending' : ''}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-task-id={task.id}
      {...listeners}
    >
      <div className="task-card-top">
        <button
          ref={setActivatorNodeRef}
          type="button"
          className="drag-handle"
          aria-label={`Drag "${task.title}"`}
          {...attributes}
        >
          <span aria-hidden="true">⠿</span>
        </button>
        {pending ? (
          <span className="task-card-title">
            {task.title} <span className="visually-hidden">(saving)</span>
          </span>
        ) : (
          // not draggable itself: a drag that starts on the title moves the card, not the link
          <Link ref={link} className="task-card-title" to={`/boards/${boardId}/tasks/${task.id}`} draggable={false}>
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
      <div className="task-card-moves">
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
            onClick={() => onMove(direction)}
          >
            <span aria-hidden="true">{ARROWS[direction]}</span>
          </button>
        ))}
      </div>
    </li>
  );
}
