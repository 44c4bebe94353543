// What a route shows when rendering it failed unexpectedly, or its code could not be downloaded
// (a lazily loaded page after a deployment), instead of React Router's developer screen.
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main id="main" className="page">
      <h1>{notFound ? 'Page not found' : 'Something went wrong'}</h1>
      <div role="alert">
        <p>
          {notFound
            ? 'There is nothing at this address.'
            : 'This page could not be shown. Reloading it usually helps; if it does not, please try again later.'}
        </p>
      </div>
      <p>
        <Link to="/">Go to your boards</Link>
      </p>
    </main>
  );
}

export function NotFound() {
  return (
    <div className="page">
      <title>Page not found · Taskboard</title>
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <Link to="/">Go to your boards</Link>
      </p>
    </div>
  );
}
