// The browser entry point: one Apollo Client (and its live connection) for the app's lifetime, the
// router, the styles.
import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { createApolloClient } from './apollo/client';
import { LiveConnectionContext } from './apollo/live';
import { App } from './app/App';
import { applyStoredTheme } from './app/theme';
import { prefetchPages, routes } from './routes';
import './styles.css';

applyStoredTheme();
const { client, live } = createApolloClient();
const router = createBrowserRouter(routes);
prefetchPages(router);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <LiveConnectionContext value={live}>
        <App router={router} />
      </LiveConnectionContext>
    </ApolloProvider>
  </StrictMode>,
);
