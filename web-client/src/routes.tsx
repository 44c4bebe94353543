// The app's routes. The first download holds only the app's frame (layout, header, the account check,
// the error and not-found pages); each page's code is downloaded when its route is first matched
// (React Router's `lazy`): the sign-in and sign-up forms, the boards list, a board (with drag and drop,
// its columns, panels and mutations), the task dialog. On a first load the router starts that
// download at once, while the account is asked for, and shows the frame with the page's own loading
// placeholder meanwhile (`hydrateFallbackElement`). A page whose code cannot be downloaded (a chunk
// removed by a deployment since the tab was opened, the network gone) shows RouteError inside the
// frame, with a way to reload. The playground is loaded only when visited too: GraphiQL and its
// editor are most of the app's weight, and it says so while they download.
import { lazy, Suspense } from 'react';
import type { DataRouter, RouteObject } from 'react-router';
import { AppLayout } from './app/AppLayout';
import { NotFound, RouteError } from './app/RouteError';
import { RequireViewer } from './auth/RequireViewer';
import { Loading } from './components/QueryState';
import { BoardSkeleton, BoardTilesSkeleton } from './components/Skeleton';

const Playground = lazy(() => import('./playground/Playground'));

/** Each page's module, by the route that shows it (also what prefetchPages loads ahead). */
const pages = {
  signIn: () => import('./auth/SignInPage'),
  signUp: () => import('./auth/SignUpPage'),
  boards: () => import('./board-list/BoardsPage'),
  board: () => import('./board/BoardPage'),
  task: () => import('./task/TaskDialog'),
};
export type PageModules = typeof pages;

/** The routes, with the pages' modules as a parameter: a test makes one fail to download, or wait. */
export function createRoutes(page: PageModules = pages): RouteObject[] {
  return [
    {
      element: <AppLayout />,
      // the frame itself failed
      errorElement: <RouteError />,
      children: [
        {
          // a page failed (its code could not be downloaded, or it threw): the frame stays
          errorElement: <RouteError inFrame />,
          children: [
            {
              path: 'signin',
              lazy: async () => ({ Component: (await page.signIn()).SignInPage }),
              hydrateFallbackElement: <Loading />,
            },
            {
              path: 'signup',
              lazy: async () => ({ Component: (await page.signUp()).SignUpPage }),
              hydrateFallbackElement: <Loading />,
            },
            {
              path: 'playground',
              element: (
                <Suspense fallback={<Loading label="Loading the playground…" />}>
                  <Playground />
                </Suspense>
              ),
            },
            {
              element: <RequireViewer />,
              children: [
                {
                  index: true,
                  lazy: async () => ({ Component: (await page.boards()).BoardsPage }),
                  hydrateFallbackElement: (
                    <div className="page boards-page">
                      <h1>Your boards</h1>
                      <BoardTilesSkeleton label="Loading your boards…" />
                    </div>
                  ),
                },
                {
                  path: 'boards/:boardId',
                  lazy: async () => ({ Component: (await page.board()).BoardPage }),
                  // what BoardPage itself shows while the board loads: nothing moves when it takes over
                  hydrateFallbackElement: (
                    <div className="page">
                      <BoardSkeleton label="Loading board…" />
                    </div>
                  ),
                  children: [
                    { path: 'tasks/:taskId', lazy: async () => ({ Component: (await page.task()).TaskDialog }) },
                  ],
                },
              ],
            },
            { path: '*', element: <NotFound /> },
          ],
        },
      ],
    },
  ];
}

export const routes = createRoutes();

/** How long after its own code is in the first page has the network to itself (its queries). */
const PREFETCH_AFTER_MS = 2_000;

/**
 * A while after the first page's code is in, when the browser is idle, the pages a signed-in user goes
 * to next are downloaded ahead (the boards list, a board, the task dialog), so that following a link
 * does not wait for their code. Nothing is downloaded twice: the router's `lazy` gets the same modules.
 */
export function prefetchPages(router: Pick<DataRouter, 'state' | 'subscribe'>) {
  const load = () => {
    for (const page of [pages.boards, pages.board, pages.task]) void page().catch(() => undefined);
  };
  const later = () =>
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 5_000 });
      else load();
    }, PREFETCH_AFTER_MS);
  if (router.state.initialized) return void later();
  // the router is initialised once the first page's code is in
  const stop = router.subscribe((state) => {
    if (!state.initialized) return;
    stop();
    later();
  });
}
