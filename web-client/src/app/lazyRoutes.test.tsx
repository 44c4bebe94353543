// Pages whose code is downloaded when their route is first matched (routes.tsx): the frame and the
// page's loading placeholder meanwhile, the page once it is in, and a clear error with a way to reload
// when the download fails (a chunk a deployment removed, the network gone), inside the frame.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BoardPageQuery } from '../board/BoardPage';
import { createRoutes, type PageModules } from '../routes';
import { mockData, renderApp, Traffic } from '../test/apollo';
import { BOARD_PAGE_VARS, boardPage } from '../test/fixtures';

const pages: PageModules = {
  signIn: () => import('../auth/SignInPage'),
  signUp: () => import('../auth/SignUpPage'),
  boards: () => import('../board-list/BoardsPage'),
  board: () => import('../board/BoardPage'),
  task: () => import('../task/TaskDialog'),
};

/** A download that finishes when the test says so. */
function gated<T>(load: () => Promise<T>) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { load: () => gate.then(load), open };
}

// what Chromium says when a module script cannot be fetched
const chunkGone = () =>
  Promise.reject(new TypeError('Failed to fetch dynamically imported module: http://localhost/assets/BoardPage-x1.js'));

const header = () => screen.getByRole('banner');

afterEach(() => vi.restoreAllMocks());

describe('pages loaded on demand', () => {
  it('show the frame and the page’s own placeholder while the page’s code downloads, then the page', async () => {
    const board = gated(pages.board);
    renderApp('/boards/1', [mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage())], {
      routes: createRoutes({ ...pages, board: board.load }),
    });
    expect(within(header()).getByRole('link', { name: 'Taskboard' })).toBeTruthy();
    expect(within(header()).getByRole('link', { name: 'Boards' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Loading board…');

    board.open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Launch plan' })).toBeTruthy();
  });

  it('start downloading a page’s code while the account is still asked for, not after', async () => {
    const board = vi.fn(pages.board);
    const task = vi.fn(pages.task);
    const traffic = new Traffic({ hold: ['Viewer'] });
    renderApp('/boards/1/tasks/5', [mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage())], {
      routes: createRoutes({ ...pages, board, task }),
      traffic,
      askViewer: true,
    });
    await waitFor(() => expect(traffic.held).toBe(1));
    // the account is not known yet, and the board's and the dialog's code are already on their way
    await waitFor(() => expect([board.mock.calls.length, task.mock.calls.length]).toEqual([1, 1]));
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    traffic.release();
    expect(await screen.findByRole('heading', { level: 1, name: 'Launch plan' })).toBeTruthy();
    expect(board).toHaveBeenCalledTimes(1);
  });

  it('a page whose code cannot be downloaded says so inside the frame and offers to reload', async () => {
    const reload = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload });
    const { user } = renderApp('/boards/1', [], { routes: createRoutes({ ...pages, board: chunkGone }) });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/could not be loaded: Taskboard may have been updated/);
    expect(screen.getByRole('heading', { level: 1, name: 'Something went wrong' })).toBeTruthy();
    // the frame stays: its header and the way back to the boards
    expect(within(header()).getByRole('link', { name: 'Boards' })).toBeTruthy();
    expect(screen.getAllByRole('main')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Reload the page' }));
    expect(reload).toHaveBeenCalledOnce();
  });

  it('a page that failed otherwise asks for a reload too', async () => {
    renderApp('/signin', [], {
      viewer: null,
      routes: createRoutes({ ...pages, signIn: () => Promise.reject(new Error('boom')) }),
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be shown/);
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to your boards' })).toBeTruthy();
  });
});
