// Session tokens: 32 random bytes in the cookie; the database keeps only an HMAC of them, so a
// leaked table cannot be replayed as cookies.
import { createHmac, randomBytes } from 'node:crypto';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

/** `__Host-` forces Secure, Path=/ and no Domain: only over HTTPS, in production. */
export function sessionCookieName(production: boolean): string {
  return production ? '__Host-taskboard_session' : 'taskboard_session';
}
