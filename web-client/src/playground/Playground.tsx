// The GraphiQL playground (/playground): the API explored with the signed-in user's own session,
// starting from the app's own operations. Loaded lazily: Monaco and GraphiQL are most of its weight.
import './editor-workers';
// Not graphiql/style.css: that bundle inlines its fonts as data: URLs (blocked by font-src 'self')
// and repeats Monaco's CSS, which Monaco's own modules already bring in.
import '@graphiql/react/style.css';
import '@graphiql/plugin-doc-explorer/style.css';
import '@graphiql/plugin-history/style.css';
import 'graphiql/graphiql.css';
import './playground.css';
import { GraphiQL } from 'graphiql';
import { useLayoutEffect, useSyncExternalStore } from 'react';
import { installCspSafeStyles } from './csp-safe-styles';
import { EXAMPLE_TABS } from './examples';
import { playgroundFetcher } from './fetcher';

const DARK = '(prefers-color-scheme: dark)';

/** The app's theme as shown now: the one picked in the header (data-theme on <html>, app/theme.ts), else the system's. */
function shownTheme(): 'light' | 'dark' {
  const picked = document.documentElement.dataset.theme;
  if (picked === 'light' || picked === 'dark') return picked;
  return window.matchMedia(DARK).matches ? 'dark' : 'light';
}

function onThemeChange(notify: () => void): () => void {
  const system = window.matchMedia(DARK);
  system.addEventListener('change', notify);
  const picked = new MutationObserver(notify);
  picked.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => {
    system.removeEventListener('change', notify);
    picked.disconnect();
  };
}

export default function Playground() {
  // A layout effect runs before any passive effect, so before GraphiQL starts loading Monaco.
  useLayoutEffect(() => installCspSafeStyles(), []);
  // GraphiQL and its editors follow the app's theme as it changes (picked in the header, or the
  // system's): left to themselves they read the system's once, and stayed light in a dark app. Forced,
  // GraphiQL's own theme setting is hidden: the header's is the one.
  const theme = useSyncExternalStore(onThemeChange, shownTheme);
  return (
    <div className="playground">
      <GraphiQL
        forcedTheme={theme}
        fetcher={playgroundFetcher}
        defaultTabs={EXAMPLE_TABS}
        defaultEditorToolsVisibility="variables"
        // Headers typed here may carry credentials: keep them out of localStorage.
        shouldPersistHeaders={false}
        showPersistHeadersSettings={false}
      >
        {/* Instead of GraphiQL's own logo: a link to GitHub, in a colour below WCAG AA contrast. */}
        <GraphiQL.Logo>
          <h1 className="playground-title">GraphQL playground</h1>
        </GraphiQL.Logo>
      </GraphiQL>
    </div>
  );
}
