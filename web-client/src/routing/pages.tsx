// What a route needs around its page: the page's code downloaded when it is first shown (with the
// page's own placeholder meanwhile, routes.tsx), and what to show instead when rendering it fails.
import { Component, lazy, useState, type ComponentType, type ReactNode } from 'react';
import { useLocation } from './router';

export interface LazyPage<P extends object = object> {
  (props: P): ReactNode;
  /** Starts the download (once): for a page the user is likely to open next. */
  preload(): Promise<unknown>;
  /** the download, once started */
  readonly download: Promise<unknown> | undefined;
}

/**
 * A page whose code is downloaded when first rendered or preloaded, inside a <Suspense> that shows its
 * placeholder. Once the code is in, a page rendered anew renders at once: React.lazy alone would
 * suspend once more, and show the placeholder for a frame, even for a page preloaded long before.
 * A failed download is thrown to the error boundary above, and stays failed: reloading is the remedy.
 */
export function lazyPage<M, P extends object = object>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType<P>,
): LazyPage<P> {
  let download: Promise<ComponentType<P>> | undefined;
  let Loaded: ComponentType<P> | undefined;
  const preload = () =>
    (download ??= load().then((module) => {
      Loaded = pick(module);
      return Loaded;
    }));
  const Lazy = lazy(async () => ({ default: await preload() }));
  function Page(props: P) {
    // a page that had to wait keeps rendering through React.lazy: another component type would remount it
    const [waited] = useState(() => !Loaded);
    return waited || !Loaded ? <Lazy {...props} /> : <Loaded {...props} />;
  }
  return Object.defineProperties(Page, {
    preload: { value: preload },
    download: { get: () => download },
  }) as LazyPage<P>;
}

interface ErrorBoundaryProps {
  fallback: (error: unknown) => ReactNode;
  /** a change of it (another page) renders the children again */
  resetKey: string;
  children: ReactNode;
}

interface ErrorBoundaryState {
  failed: { error: unknown } | null;
  /** the resetKey of the last render (where the failure was, once failed) */
  key: string;
}

class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { failed: { error } };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: ErrorBoundaryState): Partial<ErrorBoundaryState> {
    if (!state.failed) return { key: props.resetKey };
    // failed at another key: try again here
    return props.resetKey === state.key ? {} : { failed: null, key: props.resetKey };
  }

  override render() {
    const { failed } = this.state;
    return failed ? this.props.fallback(failed.error) : this.props.children;
  }
}

/**
 * Shows `fallback` instead of `children` when rendering them throws (a page's code that could not be
 * downloaded among others), until the user goes to another path.
 */
export function RouteErrorBoundary({
  fallback,
  children,
}: {
  fallback: (error: unknown) => ReactNode;
  children: ReactNode;
}) {
  const { pathname } = useLocation();
  return (
    <ErrorBoundary resetKey={pathname} fallback={fallback}>
      {children}
    </ErrorBoundary>
  );
}
