// The app's keyboard shortcuts, in one table: what the key handler (useShortcuts) answers to and what
// the "?" dialog (ShortcutsDialog) lists, so that the two cannot disagree. Single keys, as on GitHub
// and Linear; never arrow keys (those move focus between cards) and never with Ctrl, ⌘ or Alt (the
// browser's and the system's shortcuts stay theirs).

export type ShortcutId = 'help' | 'boards' | 'new-task' | 'search' | 'open' | 'move' | 'assign';

/** Where a shortcut works: on every page, on a board, or on the card that has focus. */
export type ShortcutScope = 'anywhere' | 'board' | 'card';

export interface Shortcut {
  id: ShortcutId;
  /** KeyboardEvent.key values: any one of them, or with `sequence`, each in turn ("g" then "b") */
  keys: readonly string[];
  sequence?: boolean;
  description: string;
  scope: ShortcutScope;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'help', keys: ['?'], description: 'Show or hide the keyboard shortcuts', scope: 'anywhere' },
  { id: 'boards', keys: ['g', 'b'], sequence: true, description: 'Go to your boards', scope: 'anywhere' },
  {
    id: 'new-task',
    keys: ['n'],
    description: 'New task (in the focused card’s column, or the first column)',
    scope: 'board',
  },
  { id: 'search', keys: ['/'], description: 'Filter the board’s tasks', scope: 'board' },
  { id: 'open', keys: ['Enter', 'o'], description: 'Open the task', scope: 'card' },
  { id: 'move', keys: ['m'], description: 'Move the task to another column', scope: 'card' },
  { id: 'assign', keys: ['a'], description: 'Assign the task to me, or unassign me', scope: 'card' },
];

export const SCOPE_TITLES: Record<ShortcutScope, string> = {
  anywhere: 'Anywhere',
  board: 'On a board',
  card: 'On the focused card',
};

/** A sequence's second key counts this long after its first (ms). */
const SEQUENCE_MS = 1500;

/** The key before this one, when it may start a sequence ("g"). */
export interface PendingKey {
  key: string;
  timeStamp: number;
}

/** The shortcut `event` asks for, `pending` being the key pressed just before it (if any). */
export function shortcutFor(event: Pick<KeyboardEvent, 'key' | 'timeStamp'>, pending: PendingKey | null) {
  const follows = (first: string | undefined) =>
    pending !== null && pending.key === first && event.timeStamp - pending.timeStamp <= SEQUENCE_MS;
  return SHORTCUTS.find((shortcut) =>
    shortcut.sequence ? event.key === shortcut.keys[1] && follows(shortcut.keys[0]) : shortcut.keys.includes(event.key),
  );
}

/** Whether `key` is the first of a sequence, to be remembered for the next key. */
export const startsSequence = (key: string): boolean =>
  SHORTCUTS.some((shortcut) => shortcut.sequence && shortcut.keys[0] === key);

/** Focus is in a place where keys are text: a field, a list to choose from, an editor. */
export function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

/** A key press that is not ours whatever the key: typed text, a modified key, one already handled. */
export function isOffLimits(event: KeyboardEvent): boolean {
  return (
    event.defaultPrevented ||
    event.isComposing ||
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    isTypingIn(event.target)
  );
}

/** Marks the shortcuts dialog among the open dialogs. */
export const SHORTCUTS_DIALOG_MARK = 'data-shortcuts-dialog';

/** The open modal dialogs, as the shortcuts see them: theirs, and any other (a task, a question). */
export function openDialogs(): { shortcuts: boolean; other: boolean } {
  const dialogs = [...document.querySelectorAll('[role="dialog"][aria-modal="true"], [role="alertdialog"]')];
  const ours = (dialog: Element) => dialog.querySelector(`[${SHORTCUTS_DIALOG_MARK}]`) !== null;
  return { shortcuts: dialogs.some(ours), other: dialogs.some((dialog) => !ours(dialog)) };
}

/**
 * A card or a column is being dragged: keys are the drag's. dnd-kit marks a column's handle pressed; a
 * card is picked up from its title link (which cannot be "pressed"), and shows as being dragged.
 */
export const isDragging = (): boolean =>
  document.querySelector('[aria-roledescription][aria-pressed="true"], .task-card.is-dragging') !== null;

/** The card that has focus, or holds the element that has it. */
export function focusedCard(): HTMLElement | null {
  return document.activeElement?.closest<HTMLElement>('[data-task-id]') ?? null;
}
