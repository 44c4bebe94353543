// The routes that need an account: a signed-out visitor is sent to /signin, and comes back after.
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorMessage, Loading } from '../components/QueryState';
import { useViewer } from './viewer';

export function RequireViewer() {
  const query = useViewer();
  const location = useLocation();
  if (query.data === undefined) {
    if (query.error) {
      return (
        <ErrorMessage
          error={query.error}
          fallback="Your account could not be loaded."
          onRetry={() => void query.refetch().catch(() => undefined)}
        />
      );
    }
    return <Loading label="Loading your account…" />;
  }
  if (!query.data.me) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}
