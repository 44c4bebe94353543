// The app's history (history.ts) made available to React: wouter matches routes and renders links
// over it, and these hooks read where the user is and move them, as React Router's did.
import { createContext, use, useLayoutEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { Router as WouterRouter } from 'wouter';
import type { AppHistory, Blocked, Location, NavigateOptions, ShouldBlock } from './history';

const HistoryContext = createContext<AppHistory | null>(null);

export function Router({ history, children }: { history: AppHistory; children: ReactNode }) {
  // wouter's own location hooks read window.location: these read (and move) this history
  const hooks = useMemo(() => {
    const pathname = () => history.location.pathname;
    const search = () => history.location.search;
    // wouter's <Link> and <Redirect> navigate through this: a link to where the user already is
    // replaces the entry (as React Router's links did), so that Back does not stay on the same page
    const navigate = (to: string, options: NavigateOptions = {}) =>
      history.navigate(to, {
        ...options,
        replace: options.replace ?? to === history.location.pathname + history.location.search,
      });
    const useHistoryLocation = (): [string, typeof navigate] => [
      useSyncExternalStore(history.subscribe, pathname),
      navigate,
    ];
    const useHistorySearch = () => useSyncExternalStore(history.subscribe, search);
    return { hook: useHistoryLocation, searchHook: useHistorySearch };
  }, [history]);
  return (
    <HistoryContext value={history}>
      <WouterRouter {...hooks}>{children}</WouterRouter>
    </HistoryContext>
  );
}

export function useHistory(): AppHistory {
  const history = use(HistoryContext);
  if (!history) throw new Error('useHistory: no <Router> above this component');
  return history;
}

/** Where the user is: path, query and the state the navigation here left; re-renders on a change. */
export function useLocation(): Location {
  const history = useHistory();
  return useSyncExternalStore(history.subscribe, () => history.location);
}

export type Navigate = (to: string, options?: NavigateOptions) => void;

/** Goes to `to` (a path, with its query), a new entry unless `replace`. */
export function useNavigate(): Navigate {
  return useHistory().navigate;
}

/**
 * The query's parameters, and how to change them (same path, no state). `options.replace`: in place
 * of the current entry.
 */
export function useSearchParams(): [URLSearchParams, (next: URLSearchParams, options?: NavigateOptions) => void] {
  const history = useHistory();
  const { search } = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const setParams = (next: URLSearchParams, { replace = false }: NavigateOptions = {}) => {
    const query = next.toString();
    history.navigate(history.location.pathname + (query ? `?${query}` : ''), { replace });
  };
  return [params, setParams];
}

/**
 * While `shouldBlock` says so, navigations (links, navigate(), back and forward) are held: the
 * navigation held is returned, for the component to ask the user, then `proceed()` or `reset()`.
 * Keep `shouldBlock` stable (useCallback): it is set again whenever it changes, in a layout effect, so
 * that the navigation the browser handles next (a key, Back) meets the guard as just rendered.
 */
export function useBlocker(shouldBlock: ShouldBlock): Blocked | null {
  const history = useHistory();
  useLayoutEffect(() => history.block(shouldBlock), [history, shouldBlock]);
  return useSyncExternalStore(history.subscribe, () => history.blocked);
}
