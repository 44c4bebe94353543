// Whether a WebSocket handshake comes from a page of this very origin: the check that stands in for
// CSRF protection on /graphql's WebSockets, here (websocket.ts) and in Vite's dev server (vite.config.ts).
// No imports: the dev server's configuration loads it too.

/**
 * The Origin header's host (and port) against the Host the browser connected to (an ingress passes
 * Host on unchanged: Traefik's passHostHeader and ingress-nginx both do by default). No Origin: not
 * a browser (browsers send it with every WebSocket handshake), so no CSRF to fear: allowed.
 */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!host) return false;
  try {
    const page = new URL(origin);
    if (page.protocol !== 'http:' && page.protocol !== 'https:') return false;
    // Host carries no scheme: read it with the page's, so that default ports compare equal.
    const asked = new URL(`${page.protocol}//${host}`);
    return asked.host === page.host && asked.pathname === '/' && !asked.username;
  } catch {
    // "null" (a sandboxed frame, a file), or a Host that is no host at all
    return false;
  }
}
