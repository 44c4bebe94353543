// Accounts and sessions: sign-up, sign-in (with throttling), sign-out, and resolving a session
// cookie to a viewer.
import type { Config } from '../../config/config.js';
import type { PrismaClient } from '../../db/prisma.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Viewer } from '../../graphql/context.js';
import { AppError, badInput, ErrorCode } from '../../graphql/errors.js';
import { PUBLIC_USER_SELECT } from '../user/user.type.js';
import { hashPassword, verifyPassword } from './password.js';
import { hashSessionToken, newSessionToken, SESSION_TTL_MS } from './session-token.js';
import { lockUntil, UnknownAccountAttempts } from './sign-in-throttle.js';

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
    private readonly config: Pick<Config, 'sessionSecret'>,
  ) {
    this.dummyHash = hashPassword('not-a-real-password-only-for-timing');
  }

  static normaliseEmail(email: string): string {
    return email.trim().toLowerCase();
  }

  async signUp(input: { email: string; name: string; password: string }): Promise<NewSession> {
    const email = AuthService.normaliseEmail(input.email);
    const name = input.name.trim();
    if (!name) throw badInput({ name: ['must not be blank'] });
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await this.prisma.user.create({ data: { email, name, passwordHash }, select: PUBLIC_USER_SELECT });
      return await this.createSession(user);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw badInput({ email: ['is already registered; sign in instead'] });
      }
      throw error;
    }
  }

  async signIn(input: { email: string; password: string }): Promise<NewSession> {
    const email = AuthService.normaliseEmail(input.email);
    const now = Date.now();
    const user = await this.prisma.user.findUnique({ where: { email } });
    const lockedUntil = user ? user.lockedUntil : this.unknownAccounts.get(email).lockedUntil;
    if (lockedUntil && lockedUntil.getTime() > now) throw rateLimited(lockedUntil, now);

    const ok = user
      ? await verifyPassword(user.passwordHash, input.password)
      : (await verifyPassword(await this.dummyHash, input.password), false);
    if (!user || !ok) {
      if (user) {
        // Counted in the database, atomically, so parallel attempts each count.
        const updated = await this.prisma.user.update({
          where: { id: user.id },
          data: { failedSignIns: { increment: 1 } },
          select: { failedSignIns: true },
        });
        const until = lockUntil(updated.failedSignIns, now);
        if (until) await this.prisma.user.update({ where: { id: user.id }, data: { lockedUntil: until } });
      } else {
        this.unknownAccounts.fail(email, now);
      }
      throw new AppError(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS);
    }
    if (user.failedSignIns > 0 || user.lockedUntil) {
      await this.prisma.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
    }
    return this.createSession({ id: user.id, name: user.name, email: user.email });
  }

  async signOut(viewer: Viewer): Promise<void> {
    await this.prisma.session.deleteMany({ where: { id: viewer.sessionId } });
  }

  /** The viewer a session cookie stands for, or null when it is unknown or expired. One query. */
  async viewerFromToken(token: string | undefined): Promise<Viewer | null> {
    if (!token || token.length > 100) return null;
    const session = await this.prisma.session.findUnique({
      where: { tokenHash: hashSessionToken(token, this.config.sessionSecret) },
      select: { id: true, userId: true, expiresAt: true },
    });
    if (!session || session.expiresAt.getTime() <= Date.now()) return null;
    return { userId: session.userId, sessionId: session.id };
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
