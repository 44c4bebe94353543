// Pages downloaded on demand (lazyPage) and the boundary that shows what failed (RouteErrorBoundary),
// on their own: the app's routes are tested in app/lazyRoutes.test.tsx.
import { act, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from './history';
import { lazyPage, RouteErrorBoundary } from './pages';
import { Router, useLocation } from './router';

/** A download that finishes when the test says so. */
function gated<M>(module: M) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { load: vi.fn(() => gate.then(() => module)), open };
}

const page = (text: string) => ({ Page: () => <h1>{text}</h1> });

afterEach(() => vi.restoreAllMocks());

describe('lazyPage', () => {
  it('shows the placeholder while the code downloads, then the page; the code is downloaded once', async () => {
    const download = gated(page('Board'));
    const Board = lazyPage(download.load, (module) => module.Page);
    const view = render(
      <Suspense fallback={<p>Loading board…</p>}>
        <Board />
      </Suspense>,
    );
    expect(screen.getByText('Loading board…')).toBeTruthy();
    await act(async () => download.open());
    expect(await screen.findByRole('heading', { name: 'Board' })).toBeTruthy();
    view.unmount();

    // rendered again once the code is in: at once, without its placeholder
    render(
      <Suspense fallback={<p>Loading board…</p>}>
        <Board />
      </Suspense>,
    );
    expect(screen.getByRole('heading', { name: 'Board' })).toBeTruthy();
    expect(screen.queryByText('Loading board…')).toBeNull();
    expect(download.load).toHaveBeenCalledOnce();
  });

  it('preloaded ahead, renders at once the first time it is shown', async () => {
    const download = gated(page('Task'));
    const Task = lazyPage(download.load, (module) => module.Page);
    expect(Task.download).toBeUndefined();
    const preloaded = Task.preload();
    expect(Task.download).toBe(preloaded);
    download.open();
    await preloaded;
    render(
      <Suspense fallback={<p>Loading…</p>}>
        <Task />
      </Suspense>,
    );
    expect(screen.getByRole('heading', { name: 'Task' })).toBeTruthy();
    expect(download.load).toHaveBeenCalledOnce();
  });
});

describe('RouteErrorBoundary', () => {
  it('shows what failed instead of the page, until the user goes elsewhere', async () => {
    // React reports the error it caught on the console
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const Broken = lazyPage(
      () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
      () => () => null,
    );
    const history = createMemoryHistory('/boards/1');
    function Routes() {
      const { pathname } = useLocation();
      return (
        <RouteErrorBoundary fallback={(error) => <p role="alert">{(error as Error).message}</p>}>
          <Suspense fallback={<p>Loading…</p>}>{pathname === '/' ? <h1>Boards</h1> : <Broken />}</Suspense>
        </RouteErrorBoundary>
      );
    }
    render(
      <Router history={history}>
        <Routes />
      </Router>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Failed to fetch dynamically imported module');

    act(() => history.navigate('/'));
    expect(screen.getByRole('heading', { name: 'Boards' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
