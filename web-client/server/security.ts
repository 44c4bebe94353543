// Security headers on every response (helmet), the Content-Security-Policy among them.
import type { IncomingMessage } from 'node:http';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** A Host header that can go into the policy as it is: a name or address, and a port. */
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The page's own host over ws: and wss: (live boards' WebSocket on /graphql). CSP Level 3 counts
 * them as 'self' already (Chromium does: 156 measured, see test/websocket-browser.test.ts); CSP Level 2
 * compares schemes strictly, so browsers that stop there (older Safari) would block the socket under
 * 'self' alone. Named from the request's Host, which is the page's (the ingress passes it on
 * unchanged); never a bare `ws:`/`wss:`, which would let a script talk to any host.
 */
export function sameHostWebSockets(request: IncomingMessage): string {
  const host = request.headers.host;
  return host && HOST.test(host) ? `ws://${host} wss://${host}` : "'self'";
}

/**
 * The page may load code, styles, fonts and data only from this origin (and open WebSockets only to
 * its host). Adjust here, and nowhere else. Never add 'unsafe-eval' or 'unsafe-inline' to
 * script-src: together with an XSS they give an attacker the session. The GraphiQL playground
 * (/playground) runs its editor's workers from blob: URLs, which worker-src allows.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // Drag and drop moves cards with style="transform: ..." attributes (not <style> elements).
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'", sameHostWebSockets],
  'worker-src': ["'self'", 'blob:'],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'object-src': ["'none'"],
} as const satisfies Record<string, readonly (string | ((request: IncomingMessage) => string))[]>;

/** The security headers a proxied API response must not override: this server owns them. */
export const SECURITY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
] as const;

export async function registerSecurityHeaders(app: FastifyInstance, options: { production: boolean }) {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(CONTENT_SECURITY_POLICY).map(([name, values]) => [name, [...values]]),
      ),
    },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
    // Over plain HTTP (a laptop, a test) HSTS would pin localhost to HTTPS in the browser for a year.
    strictTransportSecurity: options.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}
