// The three columns of a board and the ways to move tasks between and within them: drag and drop
// (pointer or keyboard, through @dnd-kit) and the cards' move buttons. Both end in useMoveTask.
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  pointerWithin,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type Active,
  type Over,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useCallback, useState } from 'react';
import { ErrorMessage } from '../components/QueryState';
import type { TaskStatus } from '../gql/graphql';
import { useMoveTask } from '../mutations/useMoveTask';
import { Column, type FocusRequest, type MoveRequest } from './Column';
import { STATUS_LABELS, STATUSES } from './statuses';

const titleOf = (item: Active | Over): string => String(item.data.current?.title ?? 'task');

/**
 * With a pointer, the card or column under it (the card first: the smallest around the pointer);
 * from the keyboard, which has no pointer, the nearest by corners, as dnd-kit advises for several
 * sortable lists.
 */
const collisionDetection: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  return underPointer.length > 0 ? underPointer : closestCorners(args);
};

interface SortableData {
  sortable?: { containerId: string; index: number; items: string[] };
  /** on a column: its status and how many cards it shows */
  status?: TaskStatus;
  count?: number;
}

const isStatus = (value: unknown): value is TaskStatus => STATUSES.some((status) => status === value);

/** Where a drop lands: the column, and the index there counted without the dragged task. */
function dropTarget(over: Over): { status: TaskStatus; index: number } | undefined {
  const data = over.data.current as SortableData | undefined;
  if (data?.sortable && isStatus(data.sortable.containerId)) {
    return { status: data.sortable.containerId, index: data.sortable.index };
  }
  // the column itself (its empty space below the cards): after its last card
  if (isStatus(data?.status)) return { status: data.status, index: data.count ?? 0 };
  return undefined;
}

function describe(over: Over | null): string {
  if (!over) return 'no column';
  const target = dropTarget(over);
  if (!target) return 'no column';
  return `position ${target.index + 1} in ${STATUS_LABELS[target.status]}`;
}

const announcements: Announcements = {
  onDragStart: ({ active }) => `Picked up "${titleOf(active)}".`,
  onDragOver: ({ active, over }) => `"${titleOf(active)}" is over ${describe(over)}.`,
  onDragEnd: ({ active, over }) =>
    over ? `"${titleOf(active)}" was dropped at ${describe(over)}.` : `"${titleOf(active)}" was dropped.`,
  onDragCancel: ({ active }) => `Moving "${titleOf(active)}" was cancelled.`,
};

const screenReaderInstructions = {
  draggable:
    'To pick up a task, press Space. While dragging, the arrow keys move it within its column and to the neighbouring columns. Press Space again to drop it, or Escape to cancel.',
};

export function BoardColumns({ boardId }: { boardId: string }) {
  const { moveTask, error, clearError } = useMoveTask();
  const [dragged, setDragged] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest>();
  const [announcement, setAnnouncement] = useState('');
  const sensors = useSensors(
    // a click (on the title, a button) is not a drag: only moving the pointer a little starts one
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onFocused = useCallback(() => setFocusRequest(undefined), []);

  const onButtonMove = ({ id, from, to, index, direction }: MoveRequest) => {
    // the card is re-rendered in its new place: put focus back on the button that moved it, there
    setFocusRequest({ id, control: direction, status: to, index });
    setAnnouncement(
      from === to ? `Moved to position ${index + 1} in ${STATUS_LABELS[to]}.` : `Moved to ${STATUS_LABELS[to]}.`,
    );
    void moveTask({ boardId, id, from, to, index });
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    clearError();
    setDragged(titleOf(active));
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragged(null);
    const from = (active.data.current as SortableData | undefined)?.sortable;
    const target = over && dropTarget(over);
    if (!from || !isStatus(from.containerId) || !target) return;
    if (from.containerId === target.status && from.index === target.index) return;
    void moveTask({ boardId, id: String(active.id), from: from.containerId, to: target.status, index: target.index });
  };

  return (
    <div className="board-columns-wrap">
      {error && <ErrorMessage error={error} onDismiss={clearError} />}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        accessibility={{ announcements, screenReaderInstructions }}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragged(null)}
      >
        <div className="board-columns">
          {STATUSES.map((status) => (
            <Column
              key={status}
              boardId={boardId}
              status={status}
              onMove={onButtonMove}
              focusRequest={focusRequest}
              onFocused={onFocused}
            />
          ))}
        </div>
        <DragOverlay>{dragged && <div className="task-card drag-overlay">{dragged}</div>}</DragOverlay>
      </DndContext>
    </div>
  );
}
