// The built client: hashed assets cached for good, index.html revalidated on every load, and the
// single-page app's routes (/boards/12, /playground, ...) answered with index.html.
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** A file whose name carries its content hash never changes: a new build gives a new name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Anything else may change with the next deploy: the browser revalidates (ETag) before using it. */
export const REVALIDATE = 'no-cache';

// Vite names what it emits to assets/ `<name>-<8-character hash>.<ext>` (source maps too).
const HASHED = /-[\w-]{8}\.[\w.]+$/;

/** Paths the app itself never uses as routes: a miss there is a real 404, never the app's page. */
const NOT_THE_APP = /^\/(assets|graphql|healthz|readyz)(\/|$)/;

export async function registerStaticFiles(app: FastifyInstance, staticDir: string) {
  const assetsDir = path.join(staticDir, 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root: staticDir,
    // "/" is the app's page, sent below with its own rules; a directory is never listed.
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    cacheControl: false,
    // .br/.gz siblings, when the build writes them, are sent to browsers that accept them.
    preCompressed: true,
    setHeaders: (reply, file) => {
      void reply.header('cache-control', file.startsWith(assetsDir) && HASHED.test(file) ? IMMUTABLE : REVALIDATE);
    },
  });

  const sendIndex = (reply: FastifyReply) => reply.code(200).sendFile('index.html');
  app.get('/', (_request, reply) => sendIndex(reply));

  app.setNotFoundHandler((request, reply) => {
    if (isAppNavigation(request)) return sendIndex(reply);
    // Not cacheable: during a rolling deploy a new page can ask an old replica for an asset it
    // does not have yet, and a cached 404 would outlive the deploy.
    return reply
      .code(404)
      .header('cache-control', 'no-store')
      .send({ statusCode: 404, error: 'Not Found', message: `${request.method} ${request.url} not found` });
  });
}

/**
 * A browser loading a page of the app, rather than a script, image or API call asking for
 * something that is missing. Browsers list text/html in Accept only for navigations; a bare
 * `*\/*` (fetch, curl) is not taken as one, so that a missing file is reported as missing.
 */
function isAppNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const pathname = request.url.split('?', 1)[0]!;
  if (NOT_THE_APP.test(pathname)) return false;
  return acceptsHtml(request.headers.accept);
}

function acceptsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (type !== 'text/html' && type !== 'application/xhtml+xml') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
