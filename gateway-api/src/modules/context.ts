// What every resolver receives: who is asking, the per-request loaders, the services, and a way
// to set the session cookie on the response.
import type { Viewer } from './auth/viewer.js';
import type { Loaders } from './loaders.js';
import type { Services } from './services.js';

export interface SessionCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface Context {
  requestId: string;
  /**
   * the signed-in user, or null for anonymous requests. Set from `sessionToken` by the viewer
   * plugin (graphql/apollo.ts) once the request has passed validation, so that a rejected request
   * costs no session query; every resolver sees it set.
   */
  viewer: Viewer | null;
  /** the session cookie's value, if the request carried one */
  sessionToken: string | undefined;
  services: Services;
  loaders: Loaders;
  sessionCookie: SessionCookie;
}

/** For resolvers guarded by @Authorized(): the viewer is known to be there. */
export function viewerOf(context: Context): Viewer {
  if (!context.viewer) throw new Error('viewerOf() called in a resolver without @Authorized()');
  return context.viewer;
}
