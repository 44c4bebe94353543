// The owner's actions on a column, behind one button in its header: a disclosure (a button that shows
// a short list of buttons), which Escape or a click elsewhere closes, giving focus back to its button.
import { useEffect, useId, useRef, useState, type Ref } from 'react';
import type { ColumnInfo } from '../apollo/boardColumns';

export type ColumnAction = 'edit' | 'add-after' | 'move-left' | 'move-right' | 'delete';

export function ColumnMenu({
  ref,
  column,
  canMoveLeft,
  canMoveRight,
  canDelete,
  onAction,
}: {
  ref?: Ref<HTMLButtonElement>;
  column: ColumnInfo;
  canMoveLeft: boolean;
  canMoveRight: boolean;
  /** false for the board's only column */
  canDelete: boolean;
  onAction: (action: ColumnAction) => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement | null>(null);

  // In a row of columns that scrolls sideways (and snaps, on a phone), the column may be partly out of
  // view, and its menu with it: the whole column comes into view.
  useEffect(() => {
    if (open) wrapper.current?.closest('[data-column-id]')?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const choose = (action: ColumnAction) => {
    setOpen(false);
    onAction(action);
  };

  return (
    <div className="column-menu" ref={wrapper}>
      <button
        ref={(node) => {
          button.current = node;
          if (typeof ref === 'function') ref(node);
          else if (ref) ref.current = node;
        }}
        type="button"
        className="icon-button column-menu-button"
        aria-label={`Column actions for "${column.name}"`}
        title="Column actions"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((current) => !current)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <ul id={id} className="column-menu-list" role="list" aria-label={`Actions for "${column.name}"`}>
          <li>
            <button type="button" onClick={() => choose('edit')}>
              Rename or set WIP limit…
            </button>
          </li>
          <li>
            <button type="button" onClick={() => choose('add-after')}>
              Add a column after it…
            </button>
          </li>
          <li>
            <button type="button" onClick={() => choose('move-left')} disabled={!canMoveLeft}>
              Move column left
            </button>
          </li>
          <li>
            <button type="button" onClick={() => choose('move-right')} disabled={!canMoveRight}>
              Move column right
            </button>
          </li>
          <li>
            <button type="button" className="danger" onClick={() => choose('delete')} disabled={!canDelete}>
              Delete column…
            </button>
            {!canDelete && <p className="field-hint">A board keeps at least one column.</p>}
          </li>
        </ul>
      )}
    </div>
  );
}
