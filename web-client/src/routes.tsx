// The app's routes. The first download holds only the app's frame (layout, header, the account check,
// the error and not-found pages); each page's code is downloaded when its route is first matched
// (routing/pages.tsx, lazyPage): the sign-in and sign-up forms, the boards list, a board (with drag and
// drop, its columns, panels and mutations), the task dialog. On a first load that download starts
// as the route matches, while the account is asked for (DownloadAtOnce), and the frame shows with the
// page's own loading placeholder meanwhile (its <Suspense> fallback). A page whose code cannot be downloaded (a
// chunk removed by a deployment since the tab was opened, the network gone) shows RouteError inside
// the frame, with a way to reload. The playground is loaded only when visited too: GraphiQL and its
// editor are most of the app's weight, and it says so while they download.
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { AppLayout } from './app/AppLayout';
import { NotFound, RouteError } from './app/RouteError';
import { RequireViewer } from './auth/RequireViewer';
import { Loading } from './components/QueryState';
import { BoardSkeleton, BoardTilesSkeleton } from './components/Skeleton';
import { lazyPage, Route, RouteErrorBoundary, Switch, type LazyPage } from './routing';

const Playground = lazy(() => import('./playground/Playground'));

/** Each page's module, by the route that shows it. */
const pages = {
  signIn: () => import('./auth/SignInPage'),
  signUp: () => import('./auth/SignUpPage'),
  boards: () => import('./board-list/BoardsPage'),
  board: () => import('./board/BoardPage'),
  task: () => import('./task/TaskDialog'),
};
export type PageModules = typeof pages;

/** What the boards list shows until its code and the account are in. */
const BOARDS_PLACEHOLDER = (
  <div className="page boards-page">
    <h1>Your boards</h1>
    <BoardTilesSkeleton label="Loading your boards…" />
  </div>
);

/** What BoardPage itself shows while the board loads: nothing moves when it takes over. */
const BOARD_PLACEHOLDER = (
  <div className="page">
    <BoardSkeleton label="Loading board…" />
  </div>
);

/** A board, or a task's dialog over it: one route, so that opening a task leaves the board as it is. */
const BOARD = /^\/boards\/(?<boardId>[^/]+)(?:\/tasks\/(?<taskId>[^/]+))?\/?$/i;

export interface AppRoutes {
  (): ReactNode;
  /** the pages, each downloaded on demand (or ahead: preload) */
  pages: Record<keyof PageModules, LazyPage<{ children?: ReactNode }>>;
}

/** The routes, with the pages' modules as a parameter: a test makes one fail to download, or wait. */
export function createRoutes(page: PageModules = pages): AppRoutes {
  const loaded = {
    signIn: lazyPage(page.signIn, (module) => module.SignInPage),
    signUp: lazyPage(page.signUp, (module) => module.SignUpPage),
    boards: lazyPage(page.boards, (module) => module.BoardsPage),
    board: lazyPage(page.board, (module) => module.BoardPage),
    task: lazyPage(page.task, (module) => module.TaskDialog),
  };
  const { signIn: SignInPage, signUp: SignUpPage, boards: BoardsPage, board: BoardPage, task: TaskDialog } = loaded;

  function Routes() {
    return (
      // the frame itself failed
      <RouteErrorBoundary fallback={(error) => <RouteError error={error} />}>
        <AppLayout>
          {/* a page failed (its code could not be downloaded, or it threw): the frame stays */}
          <RouteErrorBoundary fallback={(error) => <RouteError error={error} inFrame />}>
            <Switch>
              <Route path="/signin">
                <Suspense fallback={<Loading />}>
                  <SignInPage />
                </Suspense>
              </Route>
              <Route path="/signup">
                <Suspense fallback={<Loading />}>
                  <SignUpPage />
                </Suspense>
              </Route>
              <Route path="/playground">
                <Suspense fallback={<Loading label="Loading the playground…" />}>
                  <Playground />
                </Suspense>
              </Route>
              <Route path="/">
                <DownloadAtOnce page={BoardsPage} />
                <RequireViewer placeholder={BOARDS_PLACEHOLDER}>
                  <Suspense fallback={BOARDS_PLACEHOLDER}>
                    <BoardsPage />
                  </Suspense>
                </RequireViewer>
              </Route>
              <Route path={BOARD}>
                <DownloadAtOnce page={BoardPage} />
                <Route path="/boards/:boardId/tasks/:taskId">
                  <DownloadAtOnce page={TaskDialog} />
                </Route>
                <RequireViewer placeholder={BOARD_PLACEHOLDER}>
                  <Suspense fallback={BOARD_PLACEHOLDER}>
                    <BoardPage>
                      <Route path="/boards/:boardId/tasks/:taskId">
                        {/* the board stays as it is while the dialog's code downloads */}
                        <Suspense fallback={null}>
                          <TaskDialog />
                        </Suspense>
                      </Route>
                    </BoardPage>
                  </Suspense>
                </RequireViewer>
              </Route>
              <Route>
                <NotFound />
              </Route>
            </Switch>
          </RouteErrorBoundary>
        </AppLayout>
      </RouteErrorBoundary>
    );
  }
  return Object.assign(Routes, { pages: loaded });
}

/**
 * Starts the download of a page's code as soon as its route matches, while RequireViewer still asks
 * who is signed in: the account check and the page's code then travel together, instead of the code
 * waiting for the answer (the board page's first paint waited one round trip more for it).
 */
function DownloadAtOnce({ page }: { page: Pick<LazyPage, 'preload'> }) {
  useEffect(() => {
    // a failed download is the page's to show, once it renders (lazyPage keeps the failure)
    void page.preload().catch(() => undefined);
  }, [page]);
  return null;
}

export const Routes = createRoutes();

/** How long after its own code is in the first page has the network to itself (its queries). */
const PREFETCH_AFTER_MS = 2_000;
let prefetching = false;

/**
 * A while after the first page's code is in, when the browser is idle, the pages a signed-in user goes
 * to next are downloaded ahead (the boards list, a board, the task dialog), so that following a link
 * does not wait for their code. Nothing is downloaded twice: the routes render the same modules.
 * Rendered by main.tsx after the app: the first page's download has started by the time this runs.
 */
export function PrefetchPages() {
  useEffect(() => {
    if (prefetching) return;
    prefetching = true;
    const all = Object.values(Routes.pages);
    const load = () => {
      for (const page of [Routes.pages.boards, Routes.pages.board, Routes.pages.task])
        void page.preload().catch(() => undefined);
    };
    const later = () =>
      setTimeout(() => {
        if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 5_000 });
        else load();
      }, PREFETCH_AFTER_MS);
    // the first page's download, if it has one, settled (a failure is the page's to show)
    void Promise.allSettled(all.flatMap((page) => page.download ?? [])).then(later);
  }, []);
  return null;
}
