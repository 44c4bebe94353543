// The app's session history: where the user is (path, query, the state a navigation left), the ways
// to move (push, replace, back and forward), and a guard that holds a navigation until the user says
// whether to leave (the task dialog's unsaved edits). Over the browser's history for the app, in
// memory for tests; the rules are the same code.
//
// Back and forward cannot be cancelled: the browser has already moved when `popstate` fires. So each
// entry carries its index in history.state (`idx`), as React Router's history does: a held pop
// knows how far it went, puts the browser back with history.go(-delta), and goes again only if the
// user says so. That revert fires a popstate of its own, which is not a navigation.

export interface Location {
  readonly pathname: string;
  /** '' or '?…' */
  readonly search: string;
  /** what the navigation here left (navigate's `state`), or null */
  readonly state: unknown;
}

export type Action = 'POP' | 'PUSH' | 'REPLACE';

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

/** A navigation the guard held, until `proceed` lets it happen or `reset` stays. */
export interface Blocked {
  readonly to: Location;
  readonly action: Action;
  proceed(): void;
  reset(): void;
}

/** Whether to hold a navigation: asked of every navigation while the guard is set. */
export type ShouldBlock = (navigation: { from: Location; to: Location; action: Action }) => boolean;

export interface AppHistory {
  readonly location: Location;
  /** how the current location was reached */
  readonly action: Action;
  /** the navigation the guard holds, if any */
  readonly blocked: Blocked | null;
  /** `to`: a path, with its query (`/boards/1?q=x`) */
  navigate(to: string, options?: NavigateOptions): void;
  /** back (-1) or forward (1), as the browser's buttons */
  go(delta: number): void;
  /** called on every change of `location` or `blocked` */
  subscribe(listener: () => void): () => void;
  /** Sets the guard (one at a time); returns how to remove it. */
  block(shouldBlock: ShouldBlock): () => void;
  /** Stops following the browser (the app's history lives as long as the page). */
  dispose(): void;
}

/** What an entry keeps in history.state: its index, and the app's state. */
interface EntryState {
  idx: number;
  usr: unknown;
}

/** Where the history is kept: the browser's, or an array. */
export interface Session {
  /** the current entry's URL (path, query, hash) and state */
  read(): { url: string; state: unknown };
  /** pushes or replaces an entry; no `url`: the current one, unchanged */
  write(state: EntryState, replace: boolean, url?: string): void;
  /** moves `delta` entries; each move ends with a call to the listener given to onPop */
  go(delta: number): void;
  /** returns how to stop */
  onPop(listener: () => void): () => void;
}

const isEntryState = (state: unknown): state is EntryState =>
  typeof state === 'object' && state !== null && typeof (state as { idx?: unknown }).idx === 'number';

const BASE = 'http://app.invalid';

function parse(url: string, from = '/'): { pathname: string; search: string } {
  const { pathname, search } = new URL(url, BASE + from);
  return { pathname, search };
}

export function createHistory(session: Session): AppHistory {
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };

  const readEntry = (): { location: Location; idx: number | undefined } => {
    const { url, state } = session.read();
    const entry = isEntryState(state) ? state : undefined;
    return { location: { ...parse(url), state: entry?.usr ?? null }, idx: entry?.idx };
  };

  let { location, idx: index = -1 } = readEntry();
  // a first load: this entry is the first the app knows (a reload keeps the index it had)
  if (index < 0) {
    index = 0;
    session.write({ idx: 0, usr: location.state }, true);
  }
  let action: Action = 'POP';
  let blocked: Blocked | null = null;
  let shouldBlock: ShouldBlock | null = null;

  // a held pop being put back: its popstate is not a navigation; then what waits for it
  let reverting = false;
  let afterRevert: (() => void) | null = null;
  // a held navigation the user let through: not asked about again
  let letThrough = false;
  let letNextPopThrough = false;

  /** Holds the navigation if the guard says so; `redo` makes it happen if the user proceeds. */
  const hold = (to: Location, navigationAction: Action, redo: () => void): boolean => {
    if (!shouldBlock || letThrough || !shouldBlock({ from: location, to, action: navigationAction })) return false;
    const held: Blocked = {
      to,
      action: navigationAction,
      proceed: () => {
        if (blocked !== held) return;
        blocked = null;
        notify();
        redo();
      },
      reset: () => {
        if (blocked !== held) return;
        blocked = null;
        notify();
      },
    };
    blocked = held;
    notify();
    return true;
  };

  const navigate = (to: string, { replace = false, state = null }: NavigateOptions = {}) => {
    const next: Location = { ...parse(to, location.pathname), state };
    const navigationAction: Action = replace ? 'REPLACE' : 'PUSH';
    const held = hold(next, navigationAction, () => {
      letThrough = true;
      try {
        navigate(to, { replace, state });
      } finally {
        letThrough = false;
      }
    });
    if (held) return;
    index = replace ? index : index + 1;
    session.write({ idx: index, usr: state }, replace, next.pathname + next.search);
    location = next;
    action = navigationAction;
    notify();
  };

  const stop = session.onPop(() => {
    if (reverting) {
      // the browser is back where the app is: nothing changed for the app
      reverting = false;
      const then = afterRevert;
      afterRevert = null;
      then?.();
      return;
    }
    const { location: next, idx } = readEntry();
    const through = letNextPopThrough;
    letNextPopThrough = false;
    if (idx === undefined) {
      // an entry the app did not make (a link to #main): one step on from where the app was
      index += 1;
      session.write({ idx: index, usr: null }, true);
    } else {
      const delta = idx - index;
      const redo = () => {
        letNextPopThrough = true;
        session.go(delta);
      };
      // if the user lets it go before the browser is back (popstate is asynchronous), it goes after
      const proceed = () => {
        if (reverting) afterRevert = redo;
        else redo();
      };
      if (delta !== 0 && !through && hold(next, 'POP', proceed)) {
        reverting = true;
        session.go(-delta);
        return;
      }
      index = idx;
    }
    // the same path, query and state (a fragment, for one): the app's location stays the same object
    if (next.pathname === location.pathname && next.search === location.search && next.state === location.state) return;
    location = next;
    action = 'POP';
    notify();
  });

  return {
    get location() {
      return location;
    },
    get action() {
      return action;
    },
    get blocked() {
      return blocked;
    },
    navigate,
    go: (delta) => session.go(delta),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    block: (guard) => {
      shouldBlock = guard;
      return () => {
        if (shouldBlock !== guard) return;
        shouldBlock = null;
        if (blocked) {
          blocked = null;
          notify();
        }
      };
    },
    dispose: stop,
  };
}

/** The browser's history (window.history, popstate). */
export function createBrowserHistory(): AppHistory {
  return createHistory({
    read: () => ({
      url: window.location.pathname + window.location.search + window.location.hash,
      state: window.history.state as unknown,
    }),
    write: (state, replace, url) => {
      const write = replace ? 'replaceState' : 'pushState';
      if (url === undefined) window.history[write](state, '');
      else window.history[write](state, '', url);
    },
    go: (delta) => window.history.go(delta),
    onPop: (listener) => {
      window.addEventListener('popstate', listener);
      return () => window.removeEventListener('popstate', listener);
    },
  });
}

/**
 * A history in memory, starting at `url`, for tests. As in a browser, back and forward move along the
 * entries and a push drops those ahead; unlike a browser, a move is done when go() returns.
 */
export function createMemoryHistory(url = '/'): AppHistory {
  const entries: { url: string; state: unknown }[] = [{ url, state: null }];
  let current = 0;
  let popListener = () => {};
  return createHistory({
    read: () => entries[current]!,
    write: (state, replace, next = entries[current]!.url) => {
      if (!replace) entries.splice(++current);
      entries[current] = { url: next, state };
    },
    go: (delta) => {
      const target = Math.min(Math.max(current + delta, 0), entries.length - 1);
      if (target === current) return;
      current = target;
      popListener();
    },
    onPop: (listener) => {
      popListener = listener;
      return () => (popListener = () => {});
    },
  });
}
