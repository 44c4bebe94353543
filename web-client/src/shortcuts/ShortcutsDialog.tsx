// The "?" dialog listing the keyboard shortcuts (from the same table the key handler reads), the
// footer's button that opens it for people who do not know "?" yet, and the shortcuts that work on
// every page ("?" itself, "g" then "b").
import { useState } from 'react';
import { useNavigate } from '../routing';
import { Dialog } from '../components/Dialog';
import { SCOPE_TITLES, SHORTCUTS, SHORTCUTS_DIALOG_MARK, type Shortcut, type ShortcutScope } from './shortcuts';
import { useShortcuts } from './useShortcuts';

/** What screen readers say for keys that are punctuation (often not read at all). */
const KEY_NAMES: Record<string, string> = { '?': 'question mark', '/': 'slash' };

function Key({ name }: { name: string }) {
  const spoken = KEY_NAMES[name];
  return (
    <kbd>
      {spoken ? (
        <>
          <span aria-hidden="true">{name}</span>
          <span className="visually-hidden">{spoken}</span>
        </>
      ) : (
        name
      )}
    </kbd>
  );
}

function Keys({ shortcut }: { shortcut: Shortcut }) {
  const between = shortcut.sequence ? ' then ' : ' or ';
  return shortcut.keys.map((key, at) => (
    <span key={key}>
      {at > 0 && <span className="shortcut-between">{between}</span>}
      <Key name={key} />
    </span>
  ));
}

const SCOPES = Object.keys(SCOPE_TITLES) as ShortcutScope[];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" size="small" onClose={onClose}>
      <div className="shortcuts" {...{ [SHORTCUTS_DIALOG_MARK]: '' }}>
        {SCOPES.map((scope) => (
          <section key={scope} className="shortcuts-group">
            <h3>{SCOPE_TITLES[scope]}</h3>
            <dl>
              {SHORTCUTS.filter((shortcut) => shortcut.scope === scope).map((shortcut) => (
                <div key={shortcut.id} className="shortcut">
                  <dt>
                    <Keys shortcut={shortcut} />
                  </dt>
                  <dd>{shortcut.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <p className="field-hint">
          Tab to a card to focus it. Shortcuts wait while you type in a field, and never take Ctrl, ⌘ or Alt
          combinations.
        </p>
      </div>
    </Dialog>
  );
}

/** The footer's way to the shortcuts: a button that says which key opens them. */
export function ShortcutsHint({ onOpen }: { onOpen: () => void }) {
  return (
    <button type="button" className="button-link shortcuts-hint" onClick={onOpen}>
      Keyboard shortcuts: press <Key name="?" />
    </button>
  );
}

/**
 * "?" (the dialog) and "g" then "b" (the boards), listened for while `enabled` (someone is signed
 * in); `dialog` is to be rendered, `open` opens it.
 */
export function useShortcutsHelp(enabled: boolean) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  useShortcuts(
    {
      help: () => setOpen((current) => !current),
      boards: () => navigate('/'),
    },
    enabled,
  );
  return {
    open: () => setOpen(true),
    dialog: open && enabled ? <ShortcutsDialog onClose={() => setOpen(false)} /> : null,
  };
}
