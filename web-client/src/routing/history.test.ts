// The session history and its guard (history.ts): moves in memory, over happy-dom's window.history,
// and over a session whose popstate comes later (as in browsers), where a held back or forward is put
// back with history.go and goes again only when the user says so.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createBrowserHistory,
  createHistory,
  createMemoryHistory,
  type AppHistory,
  type Session,
  type ShouldBlock,
} from './history';

const where = (history: AppHistory) => history.location.pathname + history.location.search;
const leavingTheTask: ShouldBlock = ({ from, to }) => from.pathname !== to.pathname;

describe('a memory history', () => {
  it('pushes, replaces, and goes back and forward, with each entry’s state', () => {
    const history = createMemoryHistory('/boards/1?q=brief');
    expect(history.location).toEqual({ pathname: '/boards/1', search: '?q=brief', state: null });
    expect(history.action).toBe('POP');

    history.navigate('/', { state: { notice: 'gone' } });
    expect(history.location).toEqual({ pathname: '/', search: '', state: { notice: 'gone' } });
    expect(history.action).toBe('PUSH');
    history.navigate('/boards/2?label=l1', { replace: true });
    expect(where(history)).toBe('/boards/2?label=l1');
    expect(history.action).toBe('REPLACE');

    history.go(-1);
    expect(where(history)).toBe('/boards/1?q=brief');
    expect(history.action).toBe('POP');
    history.go(1);
    expect(history.location).toEqual({ pathname: '/boards/2', search: '?label=l1', state: null });
    // nothing past either end
    history.go(1);
    expect(where(history)).toBe('/boards/2?label=l1');

    // a push drops the entries ahead
    history.go(-1);
    history.navigate('/signin');
    history.go(1);
    expect(where(history)).toBe('/signin');
    history.go(-1);
    expect(where(history)).toBe('/boards/1?q=brief');
  });

  it('tells its subscribers of each move, and keeps the same location object while nothing moves', () => {
    const history = createMemoryHistory('/');
    const listener = vi.fn();
    const stop = history.subscribe(listener);
    const before = history.location;
    history.go(-1);
    expect(history.location).toBe(before);
    history.navigate('/boards/1');
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
    history.navigate('/');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('resolves a relative path against the current one', () => {
    const history = createMemoryHistory('/boards/1/tasks/2');
    history.navigate('?q=x');
    expect(where(history)).toBe('/boards/1/tasks/2?q=x');
  });
});

describe('the guard', () => {
  it('holds a push or a replace until the user proceeds; reset stays', () => {
    const history = createMemoryHistory('/boards/1/tasks/2');
    const shouldBlock = vi.fn(leavingTheTask);
    history.block(shouldBlock);

    history.navigate('/boards/1', { state: { from: 'x' } });
    expect(shouldBlock).toHaveBeenCalledWith({
      from: { pathname: '/boards/1/tasks/2', search: '', state: null },
      to: { pathname: '/boards/1', search: '', state: { from: 'x' } },
      action: 'PUSH',
    });
    expect(where(history)).toBe('/boards/1/tasks/2');
    expect(history.blocked).toMatchObject({ to: { pathname: '/boards/1' }, action: 'PUSH' });
    history.blocked!.reset();
    expect(history.blocked).toBeNull();
    expect(where(history)).toBe('/boards/1/tasks/2');

    history.navigate('/', { replace: true });
    expect(history.blocked).toMatchObject({ action: 'REPLACE' });
    history.blocked!.proceed();
    expect(history.blocked).toBeNull();
    expect(history.location).toEqual({ pathname: '/', search: '', state: null });
    expect(history.action).toBe('REPLACE');
    // asked once, not again for the navigation it let through
    expect(shouldBlock).toHaveBeenCalledTimes(2);
  });

  it('lets through what it does not block (the same path, another query)', () => {
    const history = createMemoryHistory('/boards/1');
    history.block(leavingTheTask);
    history.navigate('/boards/1?q=x');
    expect(where(history)).toBe('/boards/1?q=x');
    expect(history.blocked).toBeNull();
  });

  it('holds back and forward: the app stays where it is; proceeding goes, resetting asks again next time', () => {
    const history = createMemoryHistory('/');
    history.navigate('/boards/1');
    history.navigate('/boards/1/tasks/2');
    history.go(-2);
    history.go(2);
    const unblock = history.block(leavingTheTask);
    const listener = vi.fn();
    history.subscribe(listener);

    history.go(-1);
    expect(where(history)).toBe('/boards/1/tasks/2');
    expect(history.blocked).toMatchObject({ to: { pathname: '/boards/1' }, action: 'POP' });
    history.blocked!.reset();
    expect(where(history)).toBe('/boards/1/tasks/2');

    history.go(-2);
    expect(history.blocked).toMatchObject({ to: { pathname: '/' } });
    history.blocked!.proceed();
    expect(where(history)).toBe('/');
    expect(history.action).toBe('POP');

    // forward is held as back is
    unblock();
    history.go(2);
    history.block(leavingTheTask);
    history.go(-1);
    expect(history.blocked).toMatchObject({ to: { pathname: '/boards/1' } });
    history.blocked!.proceed();
    expect(where(history)).toBe('/boards/1');
    history.go(1);
    expect(history.blocked).toMatchObject({ to: { pathname: '/boards/1/tasks/2' } });
    expect(listener).toHaveBeenCalled();
  });

  it('removed, drops the navigation it held and holds no more', () => {
    const history = createMemoryHistory('/boards/1/tasks/2');
    const unblock = history.block(leavingTheTask);
    history.navigate('/');
    expect(history.blocked).not.toBeNull();
    unblock();
    expect(history.blocked).toBeNull();
    history.navigate('/');
    expect(where(history)).toBe('/');
  });
});

describe('over the browser’s history (happy-dom)', () => {
  const histories: AppHistory[] = [];
  const browserHistory = () => {
    const history = createBrowserHistory();
    histories.push(history);
    return history;
  };
  afterEach(() => histories.splice(0).forEach((history) => history.dispose()));

  it('keeps each entry’s index and state in history.state, and finds them again after a reload', () => {
    window.history.replaceState(null, '', '/boards/1');
    const history = browserHistory();
    expect(window.history.state).toEqual({ idx: 0, usr: null });

    history.navigate('/boards/1/tasks/2?q=x', { state: { from: '/' } });
    expect(window.location.pathname + window.location.search).toBe('/boards/1/tasks/2?q=x');
    expect(window.history.state).toEqual({ idx: 1, usr: { from: '/' } });

    // a reload: a new history over the same entries
    histories.pop()!.dispose();
    const reloaded = browserHistory();
    expect(reloaded.location).toEqual({ pathname: '/boards/1/tasks/2', search: '?q=x', state: { from: '/' } });
    expect(window.history.state).toEqual({ idx: 1, usr: { from: '/' } });
  });

  it('puts a held Back back with history.go, then goes back when the user proceeds', async () => {
    window.history.replaceState(null, '', '/boards/1');
    const history = browserHistory();
    history.navigate('/boards/1/tasks/2');
    history.block(leavingTheTask);
    const go = vi.spyOn(window.history, 'go');

    window.history.back();
    await vi.waitFor(() => expect(history.blocked).not.toBeNull());
    // the browser is back on the task, and the app never left it
    await vi.waitFor(() => expect(window.location.pathname).toBe('/boards/1/tasks/2'));
    expect(go).toHaveBeenCalledWith(1);
    expect(where(history)).toBe('/boards/1/tasks/2');

    history.blocked!.proceed();
    await vi.waitFor(() => expect(where(history)).toBe('/boards/1'));
    expect(window.location.pathname).toBe('/boards/1');
    expect(window.history.state).toEqual({ idx: 0, usr: null });
    go.mockRestore();
  });
});

/**
 * A session as a browser's: go() returns at once and its popstate comes when the test delivers it,
 * so what the user does in between (proceeding before the browser is back) can be tested.
 */
function laterSession(url: string) {
  const entries: { url: string; state: unknown }[] = [{ url, state: null }];
  let current = 0;
  let onPop = () => {};
  const pending: number[] = [];
  const session: Session = {
    read: () => entries[current]!,
    write: (state, replace, next = entries[current]!.url) => {
      if (!replace) entries.splice(++current);
      entries[current] = { url: next, state };
    },
    go: (delta) => void pending.push(delta),
    onPop: (listener) => {
      onPop = listener;
      return () => {};
    },
  };
  return {
    session,
    /** a link to a fragment of the page: an entry the browser makes, without the app's state */
    followFragment(hash: string) {
      entries.splice(++current);
      entries[current] = { url: entries[current - 1]!.url + hash, state: null };
      onPop();
    },
    /** the browser moves for the oldest go() not yet done, and fires popstate */
    deliver() {
      current += pending.shift()!;
      onPop();
    },
    get pending() {
      return [...pending];
    },
  };
}

describe('with popstate later than go(), as in browsers', () => {
  it('a user who proceeds before the browser is back goes once it is', () => {
    const browser = laterSession('/boards/1');
    const history = createHistory(browser.session);
    history.navigate('/boards/1/tasks/2');
    history.block(leavingTheTask);

    history.go(-1);
    browser.deliver(); // the browser went back: held, and put back
    expect(history.blocked).not.toBeNull();
    expect(browser.pending).toEqual([1]);

    history.blocked!.proceed();
    expect(browser.pending).toEqual([1]); // not before the revert is done
    browser.deliver(); // back on the task: not a navigation
    expect(where(history)).toBe('/boards/1/tasks/2');
    expect(browser.pending).toEqual([-1]);
    browser.deliver(); // and back again, let through
    expect(where(history)).toBe('/boards/1');
    expect(history.blocked).toBeNull();
  });

  it('a user who keeps editing stays, and the next Back is asked about again', () => {
    const browser = laterSession('/boards/1');
    const history = createHistory(browser.session);
    history.navigate('/boards/1/tasks/2');
    history.block(leavingTheTask);

    history.go(-1);
    browser.deliver();
    browser.deliver();
    history.blocked!.reset();
    expect(where(history)).toBe('/boards/1/tasks/2');
    expect(browser.pending).toEqual([]);

    history.go(-1);
    browser.deliver();
    expect(history.blocked).toMatchObject({ to: { pathname: '/boards/1' }, action: 'POP' });
  });

  it('a link to a fragment (the skip link, #main) is an entry of its own; back from it is not a navigation', () => {
    const browser = laterSession('/boards/1');
    const history = createHistory(browser.session);
    const unblock = history.block(leavingTheTask);
    const before = history.location;
    browser.followFragment('#main');
    expect(history.location).toBe(before);
    expect(browser.session.read().state).toEqual({ idx: 1, usr: null });

    history.go(-1);
    browser.deliver();
    expect(history.location).toBe(before);
    expect(history.blocked).toBeNull();
    // and its index is right: a push from here is entry 1 again
    unblock();
    history.navigate('/boards/2');
    expect(browser.session.read().state).toEqual({ idx: 1, usr: null });
  });
});
