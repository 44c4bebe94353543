// The board's columns, in order, and the ways to move tasks between and within them: drag and drop
// (pointer or keyboard, through @dnd-kit) and the cards' move buttons, both ending in useMoveTask. The
// owner also reorders the columns themselves (drag by a column's handle, pointer or keyboard, or its
// menu's "Move column left/right"), adds, edits and deletes them (ColumnDialogs.tsx). From the keyboard,
// each column's cards are one stop for Tab, and the arrow keys go between cards and columns (cardFocus.ts)
// unless a card is being dragged, when they move it.
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  pointerWithin,
  PointerSensor,
  useSensor,
  useSensors,
  type Active,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type Over,
} from '@dnd-kit/core';
import { horizontalListSortingStrategy, SortableContext, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useCallback, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { ColumnInfo } from '../apollo/boardColumns';
import { ErrorMessage } from '../components/QueryState';
import { useMediaQuery } from '../components/useMediaQuery';
import { useMoveColumn } from '../mutations/useColumns';
import { useMoveTask } from '../mutations/useMoveTask';
import { cardToFocus } from './cardFocus';
import {
  Column,
  COLUMN_DRAG_HELP_ID,
  columnSortableId,
  type ColumnData,
  type FocusRequest,
  type MoveRequest,
} from './Column';
import { ColumnFormDialog, DeleteColumnDialog } from './ColumnDialogs';
import type { ColumnAction } from './ColumnMenu';
import type { FilteredColumns } from './filters/useFilteredTasks';

const COLUMNS_CONTAINER = 'board-columns';
/** A phone's width, where the columns are a row to swipe through (as in styles.css) */
const PHONE = '(max-width: 47.999rem)';

/**
 * Space picks a card up from its title, and drops it; Enter drops it too, but does not pick up: on a
 * title it opens the task.
 */
const KEYBOARD_CODES = { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] };

interface SortableData {
  sortable?: { containerId: string; index: number; items: string[] };
  /** a card's title */
  title?: string;
}
type ItemData = (SortableData & Partial<ColumnData>) | undefined;

const dataOf = (item: Active | Over): ItemData => item.data.current as ItemData;
const isColumn = (item: Active | Over | null | undefined): boolean => !!item && dataOf(item)?.type === 'column';
const titleOf = (item: Active | Over): string => String(dataOf(item)?.title ?? 'task');
const columnNameOf = (item: Active | Over): string => String(dataOf(item)?.name ?? 'column');

/**
 * A column being dragged lands among the columns only: the one whose top-left corner is nearest its
 * own. Not the nearest centre: columns are as tall as their cards, and a tall column's centre is
 * nearer a tall column two places away than a short neighbour's (a keyboard step would skip it).
 */
const columnCollision: CollisionDetection = ({ collisionRect, droppableRects, droppableContainers }) =>
  droppableContainers
    .filter((c) => c.data.current?.type === 'column')
    .flatMap((container) => {
      const rect = droppableRects.get(container.id);
      if (!rect) return [];
      const value = Math.hypot(rect.left - collisionRect.left, rect.top - collisionRect.top);
      return [{ id: container.id, data: { droppableContainer: container, value } }];
    })
    .sort((a, b) => a.data.value - b.data.value);

/**
 * A task: with a pointer, the card or column under it (the card first: the smallest around the
 * pointer); from the keyboard, which has no pointer, the nearest by corners, as dnd-kit advises for
 * several sortable lists.
 */
const collisionDetection: CollisionDetection = (args) => {
  if (isColumn(args.active)) return columnCollision(args);
  const underPointer = pointerWithin(args);
  return underPointer.length > 0 ? underPointer : closestCorners(args);
};

/** From the keyboard, a dragged column steps from column to column, not into the cards. */
const coordinateGetter: KeyboardCoordinateGetter = (event, args) => {
  const { context } = args;
  if (!isColumn(context.active)) return sortableKeyboardCoordinates(event, args);
  const all = context.droppableContainers;
  const columnsOnly = {
    get: (id: Parameters<typeof all.get>[0]) => all.get(id),
    getEnabled: () => all.getEnabled().filter((c) => c.data.current?.type === 'column'),
  } as unknown as typeof all;
  return sortableKeyboardCoordinates(event, { ...args, context: { ...context, droppableContainers: columnsOnly } });
};

/** Where a task dropped on `over` lands: the column, and the index there counted without the task. */
function taskDropTarget(over: Over): { columnId: string; index: number } | undefined {
  const data = dataOf(over);
  if (data?.type === 'column' && data.columnId) return { columnId: data.columnId, index: data.count ?? 0 };
  // a card: its column's sortable list is named by the column's id
  if (data?.sortable && data.sortable.containerId !== COLUMNS_CONTAINER) {
    return { columnId: data.sortable.containerId, index: data.sortable.index };
  }
  return undefined;
}

export function BoardColumns({
  boardId,
  columns,
  isOwner,
  filtered,
}: {
  boardId: string;
  columns: readonly ColumnInfo[];
  isOwner: boolean;
  /** the board is filtered (board/filters): each column's matching cards */
  filtered?: FilteredColumns;
}) {
  const { moveTask, error, clearError } = useMoveTask();
  const moveCol = useMoveColumn();
  const [dragged, setDragged] = useState<{ kind: 'task' | 'column'; label: string } | null>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest>();
  const [menuFocus, setMenuFocus] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // each column's card that Tab reaches: the one last focused there
  const [currentTasks, setCurrentTasks] = useState<Record<string, string>>({});
  // a drag is under way: the arrow keys are dnd-kit's (set as it starts, before the next key press)
  const dragging = useRef(false);
  // "Add column": on a phone after the last column, where a swipe through them ends; on a wider screen
  // above them, so that it takes no column's width
  const onPhone = useMediaQuery(PHONE);
  const [dialog, setDialog] = useState<
    { kind: 'add'; after?: string } | { kind: 'edit' | 'delete'; column: ColumnInfo } | null
  >(null);
  const sensors = useSensors(
    // a click (on the title, a button) is not a drag: only moving the pointer a little starts one
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter, keyboardCodes: KEYBOARD_CODES }),
  );
  const onFocused = useCallback(() => setFocusRequest(undefined), []);
  const onCurrentTask = useCallback(
    (columnId: string, taskId: string) => setCurrentTasks((current) => ({ ...current, [columnId]: taskId })),
    [],
  );
  /** whether the card or column being dragged has left its place yet (see onDragOver's announcement) */
  const movedYet = useRef(false);
  const nameOf = (columnId: string) => columns.find((c) => c.id === columnId)?.name ?? 'another column';
  const columnIndexOf = (item: Active | Over) => columns.findIndex((c) => c.id === dataOf(item)?.columnId);

  const describe = (active: Active, over: Over | null): string => {
    if (isColumn(active)) {
      const at = over ? columnIndexOf(over) : -1;
      return at < 0 ? 'no place' : `position ${at + 1} of ${columns.length}`;
    }
    const target = over && taskDropTarget(over);
    return target ? `position ${target.index + 1} in ${nameOf(target.columnId)}` : 'no column';
  };

  /** where a card is picked up from: its place in its column */
  const startOf = (active: Active): string => {
    const from = dataOf(active)?.sortable;
    return from ? ` at position ${from.index + 1} in ${nameOf(from.containerId)}` : '';
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      movedYet.current = false;
      return isColumn(active)
        ? `Picked up column "${columnNameOf(active)}" at position ${columnIndexOf(active) + 1} of ${columns.length}.`
        : `Picked up "${titleOf(active)}"${startOf(active)}.`;
    },
    onDragOver: ({ active, over }) => {
      // it starts over its own place, which its pick-up has just said: not again, over it (dnd-kit's live
      // region keeps only the last thing said)
      if (over?.id === active.id && !movedYet.current) return undefined;
      movedYet.current = true;
      return isColumn(active)
        ? `Column "${columnNameOf(active)}" is over ${describe(active, over)}.`
        : `"${titleOf(active)}" is over ${describe(active, over)}.`;
    },
    onDragEnd: ({ active, over }) => {
      const what = isColumn(active) ? `Column "${columnNameOf(active)}"` : `"${titleOf(active)}"`;
      return over ? `${what} was dropped at ${describe(active, over)}.` : `${what} was dropped.`;
    },
    onDragCancel: ({ active }) =>
      isColumn(active)
        ? `Moving column "${columnNameOf(active)}" was cancelled.`
        : `Moving "${titleOf(active)}" was cancelled.`,
  };

  const screenReaderInstructions = {
    draggable:
      'Enter opens the task; the arrow keys go to the other tasks and columns. To move it, press Space to pick it up: then the arrow keys move it within its column and to the neighbouring columns; press Space again to drop it, or Escape to cancel.',
  };

  const onButtonMove = ({ id, from, to, index, direction }: MoveRequest) => {
    // the card is re-rendered in its new place: put focus back on the button that moved it, there
    setFocusRequest({ id, control: direction, columnId: to, index });
    setAnnouncement(from === to ? `Moved to position ${index + 1} in ${nameOf(to)}.` : `Moved to ${nameOf(to)}.`);
    void moveTask({ boardId, id, from, to, index });
  };

  const moveColumnTo = (column: ColumnInfo, index: number) => {
    clearError();
    void moveCol.moveColumn({ boardId, columns, id: column.id, index });
  };

  const onAction = (action: ColumnAction, column: ColumnInfo) => {
    const at = columns.findIndex((c) => c.id === column.id);
    if (action === 'move-left' || action === 'move-right') {
      const index = action === 'move-left' ? at - 1 : at + 1;
      if (index < 0 || index >= columns.length) return;
      setAnnouncement(`Moved column "${column.name}" to position ${index + 1} of ${columns.length}.`);
      // the menu closes; focus stays with the column, on its menu button, in its new place
      setMenuFocus(null);
      queueMicrotask(() => setMenuFocus(column.id));
      moveColumnTo(column, index);
    } else if (action === 'add-after') setDialog({ kind: 'add', after: column.id });
    else setDialog({ kind: action, column });
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    dragging.current = true;
    clearError();
    moveCol.clearError();
    setDragged(
      isColumn(active) ? { kind: 'column', label: columnNameOf(active) } : { kind: 'task', label: titleOf(active) },
    );
  };

  const onDragEnd = ({ active, over, activatorEvent }: DragEndEvent) => {
    dragging.current = false;
    setDragged(null);
    if (!over) return;
    if (isColumn(active)) {
      const column = columns.find((c) => c.id === dataOf(active)?.columnId);
      const to = columnIndexOf(over);
      if (column && to >= 0 && columns[to]?.id !== column.id) moveColumnTo(column, to);
      return;
    }
    const from = dataOf(active)?.sortable;
    const target = taskDropTarget(over);
    if (!from || from.containerId === COLUMNS_CONTAINER || !target) return;
    if (from.containerId === target.columnId && from.index === target.index) return;
    const id = String(active.id);
    // dropped from the keyboard: focus stays with the card, whose title is rendered anew in its new place
    // (dnd-kit gives focus back to the title it picked the card up from, which a move to another column
    // has replaced)
    if (activatorEvent instanceof KeyboardEvent) {
      setFocusRequest({ id, control: 'link', columnId: target.columnId, index: target.index });
    }
    void moveTask({ boardId, id, from: from.containerId, to: target.columnId, index: target.index });
  };

  // Before dnd-kit's own listener (on the document): while a card is being dragged, its keys are left to it.
  const onCardKeyDown = (event: ReactKeyboardEvent<HTMLElement>) => {
    if (dragging.current || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.shiftKey || !(event.target instanceof Element)) return;
    const target = cardToFocus(event.currentTarget, event.target, event.key);
    if (!target) return;
    event.preventDefault();
    target.focus();
  };

  const addColumn = isOwner && (
    <div className="board-columns-actions">
      <button type="button" className="button-secondary" onClick={() => setDialog({ kind: 'add' })}>
        Add column
      </button>
    </div>
  );

  const menuButtonOf = (columnId: string) => () =>
    document.querySelector<HTMLElement>(`[data-column-id="${CSS.escape(columnId)}"] .column-menu-button`);
  const closeDialog = () => setDialog(null);
  const moveError = error ?? moveCol.error;

  return (
    <div className="board-columns-wrap">
      {moveError && (
        <ErrorMessage
          error={moveError}
          onDismiss={() => {
            clearError();
            moveCol.clearError();
          }}
        />
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {isOwner && (
        <p id={COLUMN_DRAG_HELP_ID} hidden>
          To pick up the column, press Space. While dragging, the arrow keys move it among the columns. Press Space
          again to drop it, or Escape to cancel.
        </p>
      )}
      {!onPhone && addColumn}
      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        accessibility={{ announcements, screenReaderInstructions }}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          dragging.current = false;
          setDragged(null);
        }}
      >
        <SortableContext
          id={COLUMNS_CONTAINER}
          items={columns.map((c) => columnSortableId(c.id))}
          strategy={horizontalListSortingStrategy}
        >
          <div
            className="board-columns"
            style={{ ['--column-count' as string]: columns.length }}
            onKeyDown={onCardKeyDown}
          >
            {columns.map((column, index) => (
              <Column
                key={column.id}
                boardId={boardId}
                column={column}
                index={index}
                columns={columns}
                isOwner={isOwner}
                onMove={onButtonMove}
                focusRequest={focusRequest}
                onFocused={onFocused}
                onAction={onAction}
                focusMenu={menuFocus === column.id}
                currentTaskId={currentTasks[column.id]}
                onCurrentTask={onCurrentTask}
                filtered={filtered?.(column.id)}
              />
            ))}
            {onPhone && addColumn}
          </div>
        </SortableContext>
        <DragOverlay>
          {dragged && (
            <div className={dragged.kind === 'column' ? 'column-drag-overlay drag-overlay' : 'task-card drag-overlay'}>
              {dragged.label}
            </div>
          )}
        </DragOverlay>
      </DndContext>
      {dialog?.kind === 'add' && (
        <ColumnFormDialog
          boardId={boardId}
          columns={columns}
          after={dialog.after}
          onClose={closeDialog}
          onSaved={setAnnouncement}
          returnFocus={dialog.after ? menuButtonOf(dialog.after) : undefined}
        />
      )}
      {dialog?.kind === 'edit' && (
        <ColumnFormDialog
          boardId={boardId}
          columns={columns}
          column={dialog.column}
          onClose={closeDialog}
          onSaved={setAnnouncement}
          returnFocus={menuButtonOf(dialog.column.id)}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteColumnDialog
          boardId={boardId}
          column={dialog.column}
          columns={columns}
          onClose={closeDialog}
          onDeleted={setAnnouncement}
          returnFocus={() => document.querySelector<HTMLElement>('.board-columns-actions button')}
        />
      )}
    </div>
  );
}
