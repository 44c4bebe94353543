// Accounts and sessions: sign-up, sign-in (with throttling), sign-out, and resolving a session
// cookie to a viewer.
import type { Config } from '../../config/config.js';
import { deleteExpired } from '../../db/expired.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Sql } from '../../db/sql.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Viewer } from './viewer.js';
import { AppError, badInput, ErrorCode } from '../../lib/errors.js';
import { PUBLIC_USER_SELECT } from '../user/user.select.js';
import { hashPassword, verifyPassword } from './password.js';
import { hashSessionToken, newSessionToken, SESSION_TTL_MS } from './session-token.js';
import { lockUntil, UnknownAccountAttempts } from './sign-in-throttle.js';
import { isUniqueViolation } from '../../db/errors.js';
import { normaliseEmail } from '../user/email.js';

const INVALID_CREDENTIALS = 'Invalid email or password.';

export interface NewSession {
  token: string;
  expiresAt: Date;
  user: { id: number; name: string; email: string };
}

export class AuthService {
  private readonly unknownAccounts = new UnknownAccountAttempts();
  /** verified against when the email is unknown, so both cases cost the same time */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: Sql,
    private readonly config: Pick<Config, 'sessionSecret'>,
  ) {
    this.dummyHash = hashPassword('not-a-real-password-only-for-timing');
  }

  async signUp(input: { email: string; name: string; password: string }): Promise<NewSession> {
    const email = normaliseEmail(input.email);
    const name = input.name.trim();
    if (!name) throw badInput({ name: ['must not be blank'] });
    const passwordHash = await hashPassword(input.password);
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    try {
      // The account and its first session in one statement (one transaction): a failure between the
      // two would leave an account its owner was told had not been made ("email already registered"
      // on the retry).
      const user = await this.prisma.user.create({
        data: {
          email,
          name,
          passwordHash,
          sessions: { create: { tokenHash: hashSessionToken(token, this.config.sessionSecret), expiresAt } },
        },
        select: PUBLIC_USER_SELECT,
      });
      return { token, expiresAt, user };
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw badInput({ email: ['is already registered; sign in instead'] });
      }
      throw error;
    }
  }

  async signIn(input: { email: string; password: string }): Promise<NewSession> {
    const email = normaliseEmail(input.email);
    const now = Date.now();
    const user = await this.prisma.user.findUnique({ where: { email } });
    if (!user) {
      const { lockedUntil } = this.unknownAccounts.get(email);
      if (lockedUntil && lockedUntil.getTime() > now) throw rateLimited(lockedUntil, now);
      // Counted before the await below, as for real accounts, so that parallel attempts each count.
      this.unknownAccounts.fail(email, now);
      await verifyPassword(await this.dummyHash, input.password);
      throw new AppError(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS);
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > now) throw rateLimited(user.lockedUntil, now);
    const lockedUntil = await this.countAttempt(user.id, now);
    if (lockedUntil) throw rateLimited(lockedUntil, now);
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS);
    }
    await this.prisma.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
    return this.createSession({ id: user.id, name: user.name, email: user.email });
  }

  /**
   * Counts a sign-in attempt as a failure, with the lock that failure brings, BEFORE its password
   * is checked; a success then clears both. Counting only after the check (tens of milliseconds of
   * argon2) let any number of simultaneous attempts through the lock check. Returns the end of the
   * lock instead when the account is locked. The row lock serialises parallel attempts.
   */
  private countAttempt(userId: number, now: number): Promise<Date | null> {
    return this.prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ failedSignIns: number; lockedUntil: Date | null }[]>`
        SELECT failedSignIns, lockedUntil FROM User WHERE id = ${userId} FOR UPDATE`;
      if (!row) throw new AppError(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS);
      if (row.lockedUntil && row.lockedUntil.getTime() > now) return row.lockedUntil;
      const failedSignIns = Number(row.failedSignIns) + 1;
      await tx.user.update({
        where: { id: userId },
        data: { failedSignIns, lockedUntil: lockUntil(failedSignIns, now) },
      });
      return null;
    });
  }

  async signOut(viewer: Viewer): Promise<void> {
    await this.prisma.session.deleteMany({ where: { id: viewer.sessionId } });
  }

  /** Deletes expired sessions (in batches of `batchSize`); returns how many. */
  purgeExpiredSessions(batchSize?: number): Promise<number> {
    return deleteExpired(this.sql, 'Session', { batchSize });
  }

  /** The viewer a session cookie stands for, or null when it is unknown or expired. One query. */
  async viewerFromToken(token: string | undefined): Promise<Viewer | null> {
    if (!token || token.length > 100) return null;
    const [session] = await this.sql<{ id: number; userId: number; expiresAt: Date }>(
      Prisma.sql`SELECT id, userId, expiresAt FROM Session
        WHERE tokenHash = ${hashSessionToken(token, this.config.sessionSecret)}`,
    );
    if (!session || session.expiresAt.getTime() <= Date.now()) return null;
    return { userId: session.userId, sessionId: session.id };
  }

  /** Of these sessions, the ones still valid (not signed out, not expired): one query for them all. */
  async liveSessions(sessionIds: number[]): Promise<Set<number>> {
    if (!sessionIds.length) return new Set();
    const rows = await this.prisma.session.findMany({
      where: { id: { in: sessionIds }, expiresAt: { gt: new Date() } },
      select: { id: true },
    });
    return new Set(rows.map((row) => row.id));
  }

  private async createSession(user: NewSession['user']): Promise<NewSession> {
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await this.prisma.session.create({
      data: { tokenHash: hashSessionToken(token, this.config.sessionSecret), userId: user.id, expiresAt },
    });
    return { token, expiresAt, user };
  }
}

function rateLimited(until: Date, now: number) {
  const retryAfterSeconds = Math.ceil((until.getTime() - now) / 1000);
  return new AppError(
    ErrorCode.RATE_LIMITED,
    `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`,
    {
      retryAfterSeconds,
    },
  );
}
