// A question before something that cannot be undone: what will happen, Cancel, and the action named
// by what it does ("Remove member", not "OK"). While the action runs its button says so; a failure is
// shown here, and the dialog stays for another try or Cancel.
import type { ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ErrorMessage } from './QueryState';

export function ConfirmDialog({
  title,
  confirmLabel,
  cancelLabel = 'Cancel',
  busyLabel,
  busy = false,
  error,
  onConfirm,
  onCancel,
  returnFocus,
  children,
}: {
  title: string;
  confirmLabel: string;
  /** the safe answer: Cancel unless it says better what it does ("Keep editing") */
  cancelLabel?: string;
  /** what the button says while the action runs */
  busyLabel?: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  returnFocus?: () => HTMLElement | null;
  /** what will happen, in a sentence or two */
  children: ReactNode;
}) {
  return (
    <Dialog title={title} onClose={onCancel} returnFocus={returnFocus} size="small">
      <div className="confirm">
        {children}
        {error && <ErrorMessage error={error} />}
        <div className="confirm-actions">
          <button type="button" className="button-secondary" onClick={onCancel}>
            {cancelLabel}
          </button>
          <button type="button" className="button-danger" onClick={onConfirm} disabled={busy} aria-busy={busy}>
            {busy && busyLabel ? busyLabel : confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
