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
import { useLayoutEffect } from 'react';
import { installCspSafeStyles } from './csp-safe-styles';
import { EXAMPLE_TABS } from './examples';
import { playgroundFetcher } from './fetcher';

export default function Playground() {
  // A layout effect runs before any passive effect, so before GraphiQL starts loading Monaco.
  useLayoutEffect(() => installCspSafeStyles(), []);
  return (
    <div className="playground">
      <GraphiQL
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
