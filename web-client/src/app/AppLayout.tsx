// Every page's frame: the header (app name, navigation, who is signed in, sign out), <main>, and for
// signed-in users a footer with the keyboard shortcuts ("?") and the developers' GraphQL playground.
import type { ReactNode } from 'react';
import { useViewer } from '../auth/viewer';
import { Avatar } from '../components/Avatar';
import { ErrorMessage } from '../components/QueryState';
import { useUndo } from '../components/Undo';
import { useSignOut } from '../mutations/useSignOut';
import { Link, useLocation, useNavigate } from '../routing';
import { ShortcutsHint, useShortcutsHelp } from '../shortcuts/ShortcutsDialog';
import { ThemePicker } from './ThemePicker';

/** `children`: the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  const me = viewer.data?.me;
  // while the server cannot say who is signed in (it is down), the way back to the boards stays
  const unknown = viewer.data === undefined && Boolean(viewer.error);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { signOut, signingOut, error, clearError } = useSignOut();

  const { flushAll } = useUndo();
  const shortcuts = useShortcutsHelp(Boolean(me));

  const onSignOut = async () => {
    // deletes still offering Undo are sent while the session that made them exists
    await flushAll();
    if (await signOut()) navigate('/signin', { replace: true });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          Taskboard
        </Link>
        <nav aria-label="Main" className="main-nav">
          {(me || unknown) && (
            // a board is a part of "Boards" too; the page is the list itself only at /
            <Link
              to="/"
              className={pathname === '/' || pathname.startsWith('/boards/') ? 'active' : ''}
              aria-current={pathname === '/' ? 'page' : undefined}
            >
              Boards
            </Link>
          )}
        </nav>
        {me && (
          <div className="viewer">
            <span className="viewer-who">
              <Avatar user={me} size="small" decorative />
              <span className="viewer-name">{me.name}</span>
            </span>
            <button type="button" className="button-secondary" onClick={() => void onSignOut()} disabled={signingOut}>
              Sign out
            </button>
          </div>
        )}
        {/* last: where it is before the account is known, so that it does not jump when the viewer appears */}
        <ThemePicker />
      </header>
      {error && (
        <div className="app-alert">
          <ErrorMessage error={error} onDismiss={clearError} />
        </div>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      {me && (
        // a tool for developers, not a place in the product: out of the main navigation
        <footer className="app-footer">
          <ShortcutsHint onOpen={shortcuts.open} />
          <span>
            For developers: <Link to="/playground">GraphQL playground</Link>
          </span>
        </footer>
      )}
      {shortcuts.dialog}
    </>
  );
}
