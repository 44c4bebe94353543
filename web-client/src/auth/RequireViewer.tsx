// The routes that need an account: a signed-out visitor is sent to /signin, and comes back after.
// When who is signed in cannot be known (the server is down), it says so in one line and asks again
// every few seconds, so that the app comes back by itself when the server does.
import { useEffect, type ReactNode } from 'react';
import { isServerDown, SERVER_DOWN_RETRYING_MESSAGE } from '../apollo/errors';
import { ErrorMessage, Loading } from '../components/QueryState';
import { Redirect, useLocation } from '../routing';
import { useViewer } from './viewer';

const RETRY_MS = 5_000;

/**
 * `children`: the page, shown to a signed-in user. `placeholder`: what shows while the account is
 * checked (a reload, a link opened): the page's own placeholder, the same as while its code downloads
 * (routes.tsx), rather than a spinner that the placeholder then replaces.
 */
export function RequireViewer({
  children,
  placeholder = <Loading label="Loading your account…" />,
}: {
  children: ReactNode;
  placeholder?: ReactNode;
}) {
  const query = useViewer();
  const location = useLocation();
  const failed = query.data === undefined && Boolean(query.error);
  const { refetch } = query;
  useEffect(() => {
    if (!failed) return;
    const timer = setInterval(() => void refetch().catch(() => undefined), RETRY_MS);
    return () => clearInterval(timer);
  }, [failed, refetch]);
  if (query.data === undefined) {
    if (query.error) {
      return (
        <ErrorMessage
          error={isServerDown(query.error) ? SERVER_DOWN_RETRYING_MESSAGE : query.error}
          fallback="Your account could not be loaded."
          onRetry={() => void query.refetch().catch(() => undefined)}
        />
      );
    }
    return placeholder;
  }
  if (!query.data.me) return <Redirect to="/signin" replace state={{ from: location.pathname + location.search }} />;
  return children;
}
