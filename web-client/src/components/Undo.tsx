// Deletes that can be undone for a few seconds: the item leaves the screen at once and a toast says
// so with Undo; the delete itself is sent only when the toast runs out.
//
// Why delay the write rather than send it and undo by creating the item again: a re-created task or
// comment would be another one (new id, new position, its comments, history and everyone's open
// dialogs on it gone), and an undo whose re-create fails half-way loses data. Delayed, Undo sends
// nothing at all and the data is never touched; the cost is that others see the item for those
// seconds. Whatever happens, the delete is sent whole or not at all:
// - the toast runs out (its time stops while it is hovered or has focus): sent;
// - the user moves around the app: the toasts stay (this provider is above the routes);
// - sign out: sent first, while the session still exists (`flushAll`);
// - the page is closed, reloaded or left (pagehide): sent at once with fetch's keepalive, which the
//   browser completes after the page is gone; a page the browser discards without pagehide sends
//   nothing, and the item stays.
// A delete that is refused puts the item back, and the toast says why.
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useToastHost } from './Dialog';

/** How long Undo is offered, in ms (while the toast is neither hovered nor focused); tests shorten it. */
export const undoTiming = { ms: 6000 };

export interface UndoableDelete {
  /** what the toast says, e.g. "Task deleted" */
  message: string;
  /** Puts the item back on screen; nothing was sent. */
  undo: () => void;
  /**
   * Sends the delete; resolves to null when done, or to what to tell the user when it was refused
   * (the item then back on screen). `leaving`: the page is going away; the request must be on its
   * way before this returns (fetch with keepalive), as no later task will run.
   */
  send: (leaving: boolean) => Promise<string | null>;
  /** where focus goes after Undo, when the item is back */
  focusAfterUndo?: () => HTMLElement | null;
}

interface Toast {
  id: number;
  message: string;
  state: 'pending' | 'sending' | 'failed';
  error?: string;
}

interface UndoApi {
  schedule: (item: UndoableDelete) => void;
  /** Sends every pending delete now and waits for them (before signing out). */
  flushAll: () => Promise<void>;
}

const UndoContext = createContext<UndoApi | null>(null);

export function useUndo(): UndoApi {
  const api = use(UndoContext);
  if (!api) throw new Error('useUndo needs an <UndoProvider> around it');
  return api;
}

interface Timer {
  item: UndoableDelete;
  remaining: number;
  startedAt: number;
  handle: ReturnType<typeof setTimeout> | null;
  /** paused by hover and by focus, each on its own */
  holds: Set<'hover' | 'focus'>;
}

let ids = 0;

export function UndoProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const timers = useRef(new Map<number, Timer>());

  const patch = useCallback(
    (id: number, change: Partial<Toast> | null) =>
      setToasts((current) =>
        change === null
          ? current.filter((t) => t.id !== id)
          : current.map((t) => (t.id === id ? { ...t, ...change } : t)),
      ),
    [],
  );

  const send = useCallback(
    (id: number, leaving: boolean): Promise<void> => {
      const timer = timers.current.get(id);
      if (!timer) return Promise.resolve();
      timers.current.delete(id);
      if (timer.handle) clearTimeout(timer.handle);
      patch(id, { state: 'sending' });
      return timer.item.send(leaving).then(
        (error) => patch(id, error === null ? null : { state: 'failed', error }),
        () => patch(id, { state: 'failed', error: 'The delete could not be sent; it was not done.' }),
      );
    },
    [patch],
  );

  const start = useCallback(
    (id: number) => {
      const timer = timers.current.get(id);
      if (!timer || timer.handle || timer.holds.size > 0) return;
      timer.startedAt = Date.now();
      timer.handle = setTimeout(() => void send(id, false), timer.remaining);
    },
    [send],
  );

  const hold = useCallback(
    (id: number, why: 'hover' | 'focus', on: boolean) => {
      const timer = timers.current.get(id);
      if (!timer) return;
      if (on) {
        timer.holds.add(why);
        if (timer.handle) {
          clearTimeout(timer.handle);
          timer.handle = null;
          timer.remaining = Math.max(0, timer.remaining - (Date.now() - timer.startedAt));
        }
      } else {
        timer.holds.delete(why);
        start(id);
      }
    },
    [start],
  );

  const undo = useCallback(
    (id: number) => {
      const timer = timers.current.get(id);
      if (!timer) return;
      timers.current.delete(id);
      if (timer.handle) clearTimeout(timer.handle);
      timer.item.undo();
      patch(id, null);
      // once the item is drawn again
      setTimeout(() => timer.item.focusAfterUndo?.()?.focus(), 0);
    },
    [patch],
  );

  const api = useMemo<UndoApi>(
    () => ({
      schedule(item) {
        const id = ++ids;
        timers.current.set(id, { item, remaining: undoTiming.ms, startedAt: 0, handle: null, holds: new Set() });
        setToasts((current) => [...current, { id, message: item.message, state: 'pending' }]);
        start(id);
      },
      flushAll: async () => {
        await Promise.all([...timers.current.keys()].map((id) => send(id, false)));
      },
    }),
    [send, start],
  );

  useEffect(() => {
    const onPageHide = () => {
      for (const id of [...timers.current.keys()]) void send(id, true);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [send]);

  return (
    <UndoContext value={api}>
      {children}
      <Toasts toasts={toasts} onUndo={undo} onHold={hold} onDismiss={(id) => patch(id, null)} />
    </UndoContext>
  );
}

/**
 * The toasts, bottom of the screen. Inside the top dialog while one is open (a modal dialog keeps
 * Tab and screen readers inside it), otherwise on the page. Never focused by themselves.
 */
function Toasts({
  toasts,
  onUndo,
  onHold,
  onDismiss,
}: {
  toasts: Toast[];
  onUndo: (id: number) => void;
  onHold: (id: number, why: 'hover' | 'focus', on: boolean) => void;
  onDismiss: (id: number) => void;
}) {
  const host = useToastHost();
  const list = (shown: Toast[]) => (
    <div className="toasts">
      {/* a live region without a role of its own: the page's other statuses stay the only ones found by role */}
      <div className="toast-list" aria-live="polite">
        {shown
          .filter((toast) => toast.state !== 'failed')
          .map((toast) => (
            <div
              key={toast.id}
              role="status"
              className="toast"
              onMouseEnter={() => onHold(toast.id, 'hover', true)}
              onMouseLeave={() => onHold(toast.id, 'hover', false)}
              onFocus={() => onHold(toast.id, 'focus', true)}
              onBlur={(event) => {
                if (!event.currentTarget.contains(event.relatedTarget)) onHold(toast.id, 'focus', false);
              }}
            >
              <span>{toast.message}</span>
              {toast.state === 'pending' && (
                <button type="button" className="button-link toast-action" onClick={() => onUndo(toast.id)}>
                  Undo
                </button>
              )}
            </div>
          ))}
      </div>
      {shown
        .filter((toast) => toast.state === 'failed')
        .map((toast) => (
          <div key={toast.id} className="toast toast-error" role="alert">
            <span>{toast.error}</span>
            <button type="button" className="button-link toast-action" onClick={() => onDismiss(toast.id)}>
              Dismiss
            </button>
          </div>
        ))}
    </div>
  );
  // Both places keep their (empty) live region while the other shows the toasts: a toast added to
  // a region already there is announced, one that comes with a new region may not be.
  return (
    <>
      {list(host ? [] : toasts)}
      {host && createPortal(list(toasts), host)}
    </>
  );
}
