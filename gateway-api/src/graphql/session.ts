// How a GraphQL request carries its session, in one place: the cookie read from the request (or a
// WebSocket's upgrade request, subscriptions.ts) and set or cleared on the response, the viewer looked
// up once the request has passed every check, and @Authorized(). What a session is (tokens, expiry, sign-in) is modules/auth's.
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthChecker } from 'type-graphql';
import type { Config } from '../config/config.js';
import { unauthenticated } from '../lib/errors.js';
import { sessionCookieName } from '../modules/auth/session-token.js';
import type { Context, SessionCookie } from '../modules/context.js';

/** The session cookie's value on a request (an HTTP request, or a WebSocket's upgrade request). */
export function sessionTokenOf(request: FastifyRequest, isProduction: boolean): string | undefined {
  return request.cookies[sessionCookieName(isProduction)];
}

/** The session part of a request's context: its cookie's token, the viewer (still unknown), and the response's cookie. */
export function sessionOf(
  config: Pick<Config, 'isProduction'>,
): (request: FastifyRequest, reply: FastifyReply) => Pick<Context, 'viewer' | 'sessionToken' | 'sessionCookie'> {
  const name = sessionCookieName(config.isProduction);
  const options = { httpOnly: true, sameSite: 'lax', secure: config.isProduction, path: '/' } as const;
  return (request, reply) => {
    const sessionCookie: SessionCookie = {
      set: (token, expiresAt) => void reply.setCookie(name, token, { ...options, expires: expiresAt }),
      clear: () => void reply.clearCookie(name, options),
    };
    // The viewer is looked up by viewerPlugin, only once Apollo has validated the request.
    return { viewer: null, sessionToken: request.cookies[name], sessionCookie };
  };
}

/**
 * Turns the session cookie into `context.viewer`. Apollo Server creates the context before it parses
 * and validates the request; looking the session up here instead, once the operation has passed
 * every check (limits, GET-only-queries), means a rejected request runs no SQL at all. Resolvers
 * run after this hook, so they always see the viewer.
 */
export const viewerPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue }) {
        contextValue.viewer = await contextValue.services.auth.viewerFromToken(contextValue.sessionToken);
      },
    };
  },
};

/** @Authorized() only says "signed in"; what a viewer may do on a board is decided in the services. */
export const authChecker: AuthChecker<Context> = ({ context }) => {
  if (!context.viewer) throw unauthenticated();
  return true;
};
