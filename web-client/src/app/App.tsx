// The app's root: the routes over the session history, mounted afresh for every session (see below).
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState, type ComponentType } from 'react';
import { UndoProvider } from '../components/Undo';
import { Router, type AppHistory } from '../routing';

export function App({ history, routes: Routes }: { history: AppHistory; routes: ComponentType }) {
  const client = useApolloClient();
  // Signing in or out empties the cache (clearStore), so nothing of the previous session can show.
  // clearStore also ends every mounted query's subscription to the cache; remounting the tree lets
  // them subscribe again, to the new session's data.
  const [session, setSession] = useState(0);
  useEffect(() => client.onClearStore(async () => setSession((n) => n + 1)), [client]);
  // Undo's pending deletes outlive pages and sessions' remounts (components/Undo.tsx)
  return (
    <UndoProvider>
      <Router key={session} history={history}>
        <Routes />
      </Router>
    </UndoProvider>
  );
}
