// Routing for the app, in one place: wouter matches paths and renders links; history.ts and
// router.tsx keep the session history (with the guard that asks before unsaved work is left);
// pages.tsx downloads pages on demand and catches what fails to render.
export { Link, Redirect, Route, Switch, useParams } from 'wouter';
export { createBrowserHistory, createMemoryHistory } from './history';
export type { Action, AppHistory, Blocked, Location, NavigateOptions, ShouldBlock } from './history';
export { lazyPage, RouteErrorBoundary, type LazyPage } from './pages';
export { Router, useBlocker, useHistory, useLocation, useNavigate, useSearchParams, type Navigate } from './router';
