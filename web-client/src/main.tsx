// The browser entry point: one Apollo Client (and its live connection) for the app's lifetime, the
// session history and the routes, the styles.
import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo/client';
import { LiveConnectionContext } from './apollo/live';
import { App } from './app/App';
import { applyStoredTheme } from './app/theme';
import { PrefetchPages, Routes } from './routes';
import { createBrowserHistory } from './routing';
import './styles.css';

applyStoredTheme();
const { client, live } = createApolloClient();
const history = createBrowserHistory();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <LiveConnectionContext value={live}>
        <App history={history} routes={Routes} />
        <PrefetchPages />
      </LiveConnectionContext>
    </ApolloProvider>
  </StrictMode>,
);
