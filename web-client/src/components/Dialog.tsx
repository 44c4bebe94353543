// A modal dialog: focus moves in when it opens (to the dialog, or to its field marked
// `data-autofocus`: a form of one purpose, as "Add a column"), stays inside while it is open (Tab wraps), Escape
// and the backdrop close it, and focus returns to where it was (or to `returnFocus`) afterwards.
// Dialogs may open over one another (a question over the task dialog): only the top one answers keys.
// Each holds a place for the app's toasts (components/Toasts.tsx), so that they stay reachable by
// Tab and by screen readers while a modal dialog hides the rest of the page.
import { useEffect, useEffectEvent, useId, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/** The open dialogs' toast places, the top dialog's last. */
let toastHosts: HTMLElement[] = [];
const hostListeners = new Set<() => void>();
const openDialogs: HTMLElement[] = [];

function setToastHosts(next: HTMLElement[]) {
  toastHosts = next;
  for (const listener of hostListeners) listener();
}

/** Where toasts go: inside the top dialog while one is open, otherwise null (the page's own place). */
export function useToastHost(): HTMLElement | null {
  return useSyncExternalStore(
    (listener) => {
      hostListeners.add(listener);
      return () => void hostListeners.delete(listener);
    },
    () => toastHosts[toastHosts.length - 1] ?? null,
  );
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog({
  title,
  onClose,
  returnFocus,
  size = 'large',
  children,
}: {
  title: string;
  onClose: () => void;
  /** where focus goes on close when the element that had it is gone */
  returnFocus?: () => HTMLElement | null;
  /** small: a question and its answers (a confirmation), not a form to work in */
  size?: 'large' | 'small';
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const toasts = useRef<HTMLDivElement>(null);
  const titleId = useId();
  // the latest props, for the effects below that run once per opening
  const focusOnClose = useEffectEvent(() => returnFocus?.());
  const close = useEffectEvent(() => onClose());

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    const host = toasts.current;
    (dialog?.querySelector<HTMLElement>('[data-autofocus]') ?? dialog)?.focus();
    if (dialog) openDialogs.push(dialog);
    if (host) setToastHosts([...toastHosts, host]);
    return () => {
      if (dialog) openDialogs.splice(openDialogs.lastIndexOf(dialog), 1);
      if (host) setToastHosts(toastHosts.filter((h) => h !== host));
      queueMicrotask(() => {
        // still there: not a real close (StrictMode runs effects twice in development)
        if (dialog?.isConnected) return;
        const target = opener && opener !== document.body && opener.isConnected ? opener : focusOnClose();
        target?.focus();
      });
    };
  }, []);

  // On the document, not the dialog: when the focused control goes away (a deleted comment's
  // button), focus falls to <body>, and Escape and Tab must still work.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const dialog = ref.current;
      if (!dialog || event.defaultPrevented || openDialogs[openDialogs.length - 1] !== dialog) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
        return;
      }
      if (event.key !== 'Tab') return;
      const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      const active = document.activeElement;
      if (!dialog.contains(active)) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      } else if (event.shiftKey && (active === first || active === dialog)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return createPortal(
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={size === 'small' ? 'dialog dialog-small' : 'dialog'}
      >
        <div className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="button-secondary" onClick={onClose}>
            Close
          </button>
        </div>
        <div className="dialog-body">{children}</div>
        <div ref={toasts} className="dialog-toasts" />
      </div>
    </div>,
    document.body,
  );
}
