// Listens on the whole page for the shortcuts (shortcuts.ts) that `handlers` answer, by the table's
// rules: not while typing, not with Ctrl, ⌘ or Alt, not during a keyboard drag, not over a dialog
// (over the shortcuts' own dialog, only "?" again). A handler returns false when the key is not for
// it after all: the key then does what it would have done.
import { useEffect, useEffectEvent } from 'react';
import {
  isDragging,
  isOffLimits,
  openDialogs,
  shortcutFor,
  startsSequence,
  type PendingKey,
  type ShortcutId,
} from './shortcuts';

export type ShortcutHandlers = Partial<Record<ShortcutId, (event: KeyboardEvent) => boolean | void>>;

export function useShortcuts(handlers: ShortcutHandlers, enabled = true): void {
  // the latest handlers, without listening anew on every render
  const handle = useEffectEvent((id: ShortcutId, event: KeyboardEvent): boolean => {
    const handler = handlers[id];
    return handler !== undefined && handler(event) !== false;
  });

  useEffect(() => {
    if (!enabled) return;
    let pending: PendingKey | null = null;
    const onKeyDown = (event: KeyboardEvent) => {
      const before = pending;
      pending = null;
      if (event.repeat || isOffLimits(event) || isDragging()) return;
      const dialogs = openDialogs();
      if (dialogs.other) return;
      const shortcut = shortcutFor(event, before);
      if (!shortcut) {
        if (startsSequence(event.key)) pending = { key: event.key, timeStamp: event.timeStamp };
        return;
      }
      if (dialogs.shortcuts && shortcut.id !== 'help') return;
      if (handle(shortcut.id, event)) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
