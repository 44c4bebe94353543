// The app's root: the router, mounted afresh for every session (see below).
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState, type ComponentProps } from 'react';
import { flushSync } from 'react-dom';
import { RouterProvider } from 'react-router';
import { UndoProvider } from '../components/Undo';

/** A navigation that asks for it is rendered at once, not in a transition (the board's filters do). */
const renderAtOnce = (update: () => unknown): undefined => {
  flushSync(update);
  return undefined;
};

export function App({ router }: { router: ComponentProps<typeof RouterProvider>['router'] }) {
  const client = useApolloClient();
  // Signing in or out empties the cache (clearStore), so nothing of the previous session can show.
  // clearStore also ends every mounted query's subscription to the cache; remounting the tree lets
  // them subscribe again, to the new session's data.
  const [session, setSession] = useState(0);
  useEffect(() => client.onClearStore(async () => setSession((n) => n + 1)), [client]);
  // Undo's pending deletes outlive pages and sessions' remounts (components/Undo.tsx)
  return (
    <UndoProvider>
      <RouterProvider key={session} router={router} flushSync={renderAtOnce} />
    </UndoProvider>
  );
}
