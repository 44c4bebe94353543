// The four states every data view shows (loading, error, empty, success), rendered the same way
// everywhere, with the roles assistive technology and the end-to-end tests rely on.
import type { ComponentType, ReactNode } from 'react';
import { userMessage } from '../apollo/errors';

/** role="status": announced politely; the label starts with "Loading". */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p role="status" className="state state-loading">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** role="alert": a failure the user should know about at once, with a way to retry when there is one. */
export function ErrorMessage({
  error,
  fallback = 'Something went wrong.',
  onRetry,
  onDismiss,
}: {
  error: unknown;
  fallback?: string;
  onRetry?: () => void;
  onDismiss?: () => void;
}) {
  const message = typeof error === 'string' ? error : userMessage(error, fallback);
  return (
    <div role="alert" className="state state-error">
      <p>{message}</p>
      {(onRetry || onDismiss) && (
        <div className="state-actions">
          {onRetry && (
            <button type="button" className="button-secondary" onClick={onRetry}>
              Try again
            </button>
          )}
          {onDismiss && (
            <button type="button" className="button-link" onClick={onDismiss}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** Nothing to show: what is missing (`children`), and with a `hint`, what to do about it. */
export function Empty({ children, hint }: { children: ReactNode; hint?: ReactNode }) {
  if (!hint) return <p className="state state-empty">{children}</p>;
  return (
    <div className="state state-empty has-hint">
      <p className="state-empty-title">{children}</p>
      <p className="state-empty-hint">{hint}</p>
    </div>
  );
}

interface QueryLike<T> {
  data: T | undefined;
  loading: boolean;
  error?: unknown;
  refetch?: () => unknown;
}

/**
 * Renders a query's state: its data once there is some (even while it refreshes), otherwise the
 * error, otherwise the loading status (a `skeleton` in the view's shape, or a spinner), which says
 * `loadingLabel`; `isEmpty` picks out the empty state, `emptyHint` says what to do next.
 */
export function QueryState<T>({
  query,
  loadingLabel,
  skeleton: Skeleton,
  errorFallback,
  isEmpty,
  empty,
  emptyHint,
  children,
}: {
  query: QueryLike<T>;
  loadingLabel: string;
  skeleton?: ComponentType<{ label: string }>;
  errorFallback: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  emptyHint?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { data, error, refetch } = query;
  if (data === undefined) {
    if (error) {
      // the query keeps its own error state; a failed retry must not become an unhandled rejection
      const retry = refetch && (() => void Promise.resolve(refetch()).catch(() => undefined));
      return <ErrorMessage error={error} fallback={errorFallback} onRetry={retry} />;
    }
    return Skeleton ? <Skeleton label={loadingLabel} /> : <Loading label={loadingLabel} />;
  }
  if (isEmpty?.(data)) return <Empty hint={emptyHint}>{empty}</Empty>;
  return <>{children(data)}</>;
}
