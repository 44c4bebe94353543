// What a route shows when rendering it failed unexpectedly, or its code could not be downloaded
// (a lazily loaded page after a deployment), instead of a blank page (routes.tsx catches both).
// Reloading is the remedy for both: it fetches the current version of the app.
import { Link } from '../routing';

/**
 * A page's code (a lazily loaded chunk) could not be downloaded: each browser words it its own way
 * (Chromium, Firefox, Safari), and Vite's loader says it of a page's stylesheet.
 */
export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(error.message)
  );
}

/** `inFrame`: shown inside the app's layout (a page failed), rather than in place of it. */
export function RouteError({ error, inFrame = false }: { error: unknown; inFrame?: boolean }) {
  const Container = inFrame ? 'div' : 'main';
  return (
    <Container id={inFrame ? undefined : 'main'} className="page">
      <title>Something went wrong · Taskboard</title>
      <h1>Something went wrong</h1>
      <div role="alert">
        <p>
          {isChunkLoadError(error)
            ? 'This page could not be loaded: Taskboard may have been updated since you opened it, or the connection was lost. Reload the page to get the current version.'
            : 'This page could not be shown. Reloading it usually helps; if it does not, please try again later.'}
        </p>
      </div>
      <p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </p>
      <p>
        <Link to="/">Go to your boards</Link>
      </p>
    </Container>
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
