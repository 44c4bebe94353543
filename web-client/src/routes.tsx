// The app's routes. The playground is loaded only when visited: GraphiQL and its editor are most of
// the app's weight, and no other page needs them.
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { AppLayout } from './app/AppLayout';
import { NotFound, RouteError } from './app/RouteError';
import { RequireViewer } from './auth/RequireViewer';
import { SignInPage } from './auth/SignInPage';
import { SignUpPage } from './auth/SignUpPage';
import { BoardPage } from './board/BoardPage';
import { BoardsPage } from './board-list/BoardsPage';
import { Loading } from './components/QueryState';
import { TaskDialog } from './task/TaskDialog';

const Playground = lazy(() => import('./playground/Playground'));

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { path: 'signin', element: <SignInPage /> },
      { path: 'signup', element: <SignUpPage /> },
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
          { index: true, element: <BoardsPage /> },
          {
            path: 'boards/:boardId',
            element: <BoardPage />,
            children: [{ path: 'tasks/:taskId', element: <TaskDialog /> }],
          },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];
