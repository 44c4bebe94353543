// Accounts and sessions over HTTP: sign-up, sign-in, sign-out, the session cookie, what the
// database keeps, and the throttling of failed sign-ins.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Password from '../../src/modules/auth/password.js';
import { hashSessionToken } from '../../src/modules/auth/session-token.js';
import {
  LOCK_BASE_MS,
  LOCK_MAX_MS,
  lockUntil,
  MAX_FAILURES,
  UnknownAccountAttempts,
} from '../../src/modules/auth/sign-in-throttle.js';
import { startApi, type GraphQLClient, type GraphQLResponse, type TestApi } from '../support/api.js';

// Counts the argon2 work the server does, to prove that over-long passwords are refused before any.
const argon2Calls = vi.hoisted(() => ({ hash: 0, verify: 0 }));
vi.mock('../../src/modules/auth/password.js', async (importOriginal) => {
  const real = await importOriginal<typeof Password>();
  return {
    ...real,
    hashPassword: (password: string) => {
      argon2Calls.hash++;
      return real.hashPassword(password);
    },
    verifyPassword: (hash: string, password: string) => {
      argon2Calls.verify++;
      return real.verifyPassword(hash, password);
    },
  };
});

// api.sql holds only the statements requests ran (the testkit leaves out the driver's housekeeping)
const requestSql = (api: TestApi) => api.sql;

const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { user { id email name } } }';
const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { user { id } } }';
const SIGN_OUT = 'mutation { signOut }';
const ME = '{ me { id name } }';
const PASSWORD = 'correct horse battery';
const INVALID_CREDENTIALS = 'Invalid email or password.';

let api: TestApi;
let accounts = 0;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());
beforeEach(() => {
  argon2Calls.hash = 0;
  argon2Calls.verify = 0;
});

/** a fresh, unused email address */
const newEmail = () => `auth.${++accounts}.${Date.now().toString(36)}@example.com`;

async function signUp(client = api.client(), email = newEmail()) {
  const response = await client.request<{ signUp: { user: { id: string } } }>(SIGN_UP, {
    input: { email, name: 'Ada', password: PASSWORD },
  });
  expect(response.body.errors).toBeUndefined();
  return { client, email, id: Number(response.body.data!.signUp.user.id), response };
}

const signIn = (client: GraphQLClient, email: string, password: string) =>
  client.request<{ signIn: { user: { id: string } } }>(SIGN_IN, { input: { email, password } });

const me = async (client: GraphQLClient) => (await client.data<{ me: { id: string } | null }>(ME)).me;

/** the one Set-Cookie header for the session cookie, split into name, value and attributes */
function sessionCookie(response: GraphQLResponse) {
  const headers = response.headers.getSetCookie().filter((header) => header.includes('taskboard_session='));
  expect(headers).toHaveLength(1);
  const [pair, ...attributes] = headers[0]!.split(/;\s*/);
  const [name, value] = pair!.split('=') as [string, string];
  const attribute = (key: string) =>
    attributes.find((a) => a.toLowerCase().split('=')[0] === key.toLowerCase())?.split('=')[1] ?? null;
  return { name, value, attributes: attributes.map((a) => a.split('=')[0]!.toLowerCase()).sort(), attribute };
}

const tokenOf = (client: GraphQLClient) => client.cookie!.split('=')[1]!;

const throttleState = (email: string) =>
  api.app.prisma.user.findUniqueOrThrow({ where: { email }, select: { failedSignIns: true, lockedUntil: true } });

/** pretends the current lock has run out */
const expireLock = (email: string) =>
  api.app.prisma.user.update({ where: { email }, data: { lockedUntil: new Date(Date.now() - 1000) } });

describe('sign-up, sign-in, sign-out', () => {
  it('signs up into a session that me() and guarded fields recognise', async () => {
    const client = api.client();
    expect(await me(client)).toBeNull();
    const { id } = await signUp(client);
    expect(await me(client)).toEqual({ id: String(id), name: 'Ada' });
    expect((await client.request('{ boards { totalCount } }')).body.data).toEqual({ boards: { totalCount: 0 } });
  });

  it('hashes passwords with argon2id, 19 MiB, 2 passes, 1 lane', async () => {
    const { email } = await signUp();
    const { passwordHash } = await api.app.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(passwordHash).not.toContain(PASSWORD);
  });

  it('refuses passwords shorter than 8 or longer than 128 characters before hashing anything', async () => {
    const attempt = (password: string, email = newEmail()) =>
      api.client().request(SIGN_UP, { input: { email, name: 'Ada', password } });
    for (const password of ['1234567', 'x'.repeat(129), 'x'.repeat(10_000)]) {
      api.sql.length = 0;
      const { body } = await attempt(password);
      expect(body.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', fields: { password: ['must be 8 to 128 characters'] } },
      });
      expect(requestSql(api)).toEqual([]);
    }
    expect(argon2Calls.hash).toBe(0);
    for (const password of ['12345678', 'x'.repeat(128)]) expect((await attempt(password)).body.errors).toBeUndefined();
    expect(argon2Calls.hash).toBe(2);

    // Sign-in refuses them too, without verifying and without counting a failure.
    const { email } = await signUp();
    api.sql.length = 0;
    argon2Calls.verify = 0;
    const { body } = await signIn(api.client(), email, 'x'.repeat(10_000));
    expect(body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: { password: ['must be at most 128 characters'] } },
    });
    expect(argon2Calls.verify).toBe(0);
    expect(requestSql(api)).toEqual([]);
    expect((await throttleState(email)).failedSignIns).toBe(0);
  });

  it('sets an httpOnly, SameSite=Lax, Path=/ cookie, not Secure outside production', async () => {
    const { response } = await signUp();
    const cookie = sessionCookie(response);
    expect(cookie.name).toBe('taskboard_session');
    expect(cookie.value).toMatch(/^[\w-]{43}$/);
    expect(cookie.attributes).toEqual(['expires', 'httponly', 'path', 'samesite']);
    expect(cookie.attribute('Path')).toBe('/');
    expect(cookie.attribute('SameSite')).toBe('Lax');
    const days = (Date.parse(cookie.attribute('Expires')!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThanOrEqual(30);
  });

  it('stores only a keyed hash of the session token', async () => {
    const { client, id } = await signUp();
    const token = tokenOf(client);
    const rows = await api.app.prisma.session.findMany({ where: { userId: id } });
    expect(rows).toHaveLength(1);
    const [session] = rows;
    expect(session!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(session!.tokenHash).toBe(hashSessionToken(token, api.config.sessionSecret));
    for (const value of Object.values(session!)) expect(String(value)).not.toContain(token);
  });

  it('starts a new session with a new token on every sign-in', async () => {
    const { client, email, id } = await signUp();
    const tokens = new Set([tokenOf(client)]);
    // ... including for a client that already holds a session, so a planted cookie is never promoted.
    for (const signer of [client, api.client(), api.client()]) {
      const response = await signIn(signer, email, PASSWORD);
      expect(response.body.data?.signIn.user.id).toBe(String(id));
      tokens.add(sessionCookie(response).value);
      expect(await me(signer)).toMatchObject({ id: String(id) });
    }
    expect(tokens.size).toBe(4);
    expect(await api.app.prisma.session.count({ where: { userId: id } })).toBe(4);
  });

  it('signs out: deletes the session server-side and clears the cookie', async () => {
    const { client, id } = await signUp();
    const stolen = client.cookie;
    const other = api.client();
    await signIn(other, (await api.app.prisma.user.findUniqueOrThrow({ where: { id } })).email, PASSWORD);

    const response = await client.request<{ signOut: boolean }>(SIGN_OUT);
    expect(response.body).toEqual({ data: { signOut: true } });
    const cleared = sessionCookie(response);
    expect(cleared.name).toBe('taskboard_session');
    expect(cleared.value).toBe('');
    expect(Date.parse(cleared.attribute('Expires')!)).toBe(0);
    expect(cleared.attributes).toContain('httponly');
    expect(cleared.attribute('Path')).toBe('/');
    expect(client.cookie).toBeUndefined();

    // Replaying the old cookie gets nothing: the session is gone, not just the cookie.
    const replay = api.client();
    replay.cookie = stolen;
    expect(await me(replay)).toBeNull();
    expect((await replay.error(SIGN_OUT)).extensions?.code).toBe('UNAUTHENTICATED');
    // Only that session ended.
    expect(await api.app.prisma.session.count({ where: { userId: id } })).toBe(1);
    expect(await me(other)).toMatchObject({ id: String(id) });
  });

  it('treats an expired session as anonymous', async () => {
    const { client } = await signUp();
    const tokenHash = hashSessionToken(tokenOf(client), api.config.sessionSecret);
    await api.app.prisma.session.update({ where: { tokenHash }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await me(client)).toBeNull();
    expect((await client.error('{ boards { totalCount } }')).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('purges expired sessions, in batches, and keeps the others', async () => {
    const expired = await Promise.all([signUp(), signUp(), signUp()]);
    const { client: current } = await signUp();
    const hashes = expired.map(({ client }) => hashSessionToken(tokenOf(client), api.config.sessionSecret));
    await api.app.prisma.session.updateMany({
      where: { tokenHash: { in: hashes } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    // earlier tests of this file may have left expired sessions too
    expect(await api.app.services.auth.purgeExpiredSessions(2)).toBeGreaterThanOrEqual(3);
    expect(await api.app.prisma.session.count({ where: { tokenHash: { in: hashes } } })).toBe(0);
    expect(await api.app.prisma.session.count({ where: { expiresAt: { lt: new Date() } } })).toBe(0);
    expect(await me(current)).not.toBeNull();
    expect(await api.app.services.auth.purgeExpiredSessions()).toBe(0);
  });

  it('ignores unknown and malformed session cookies', async () => {
    const client = api.client();
    for (const cookie of [
      'taskboard_session=nonsense',
      `taskboard_session=${'a'.repeat(5000)}`,
      'taskboard_session=',
    ]) {
      client.cookie = cookie;
      expect(await me(client)).toBeNull();
    }
  });
});

describe('sign-in failures', () => {
  it('give one generic UNAUTHENTICATED message whatever went wrong', async () => {
    const { email } = await signUp();
    const cases = [
      [email, 'wrong password'], // wrong password
      [newEmail(), PASSWORD], // unknown email
      [newEmail(), 'wrong password'], // both
      ['not an email', 'wrong password'],
      [email, ''],
    ] as const;
    for (const [address, password] of cases) {
      const { body, status } = await signIn(api.client(), address, password);
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors).toEqual([
        {
          message: INVALID_CREDENTIALS,
          locations: expect.any(Array) as unknown,
          path: ['signIn'],
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ]);
    }
  });

  it('lock an account after 5 failures, even against the right password, for exponentially longer', async () => {
    const { email } = await signUp();
    for (let i = 1; i <= MAX_FAILURES; i++) {
      // Differently written addresses are the same account.
      const address = i % 2 ? email.toUpperCase() : ` ${email} `;
      expect((await signIn(api.client(), address, 'wrong password')).body.errors?.[0]?.extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
      expect((await throttleState(email)).failedSignIns).toBe(i);
    }
    const locked = await throttleState(email);
    expect(locked.lockedUntil).not.toBeNull();

    argon2Calls.verify = 0;
    const rejected = (await signIn(api.client(), email, PASSWORD)).body;
    expect(rejected.data).toBeNull();
    const [error] = rejected.errors!;
    expect(error?.extensions?.code).toBe('RATE_LIMITED');
    const retryAfter = error?.extensions?.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOCK_BASE_MS / 1000);
    expect(error?.message).toBe(`Too many failed sign-in attempts. Try again in ${retryAfter} seconds.`);
    expect(argon2Calls.verify).toBe(0); // a locked account costs no hashing either
    // Attempts while locked neither count nor extend the lock.
    expect(await throttleState(email)).toEqual(locked);

    // Each failure after a lock runs out doubles the next lock.
    for (const [failures, seconds] of [
      [6, 60],
      [7, 120],
    ] as const) {
      await expireLock(email);
      expect((await signIn(api.client(), email, 'wrong password')).body.errors?.[0]?.extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
      expect((await throttleState(email)).failedSignIns).toBe(failures);
      const next = (await signIn(api.client(), email, PASSWORD)).body.errors?.[0];
      expect(next?.extensions?.code).toBe('RATE_LIMITED');
      expect(next?.extensions?.retryAfterSeconds).toBeGreaterThan(seconds / 2);
      expect(next?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(seconds);
    }

    // Once the lock has run out, the right password works and starts the count afresh.
    await expireLock(email);
    const client = api.client();
    expect((await signIn(client, email, PASSWORD)).body.errors).toBeUndefined();
    expect(await throttleState(email)).toEqual({ failedSignIns: 0, lockedUntil: null });
    expect(await me(client)).not.toBeNull();
  });

  it('are forgotten after a successful sign-in', async () => {
    const { email } = await signUp();
    for (let i = 0; i < MAX_FAILURES - 1; i++) await signIn(api.client(), email, 'wrong password');
    expect((await throttleState(email)).failedSignIns).toBe(MAX_FAILURES - 1);
    expect((await signIn(api.client(), email, PASSWORD)).body.errors).toBeUndefined();
    expect((await throttleState(email)).failedSignIns).toBe(0);
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      expect((await signIn(api.client(), email, 'wrong password')).body.errors?.[0]?.extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
    }
    expect((await signIn(api.client(), email, PASSWORD)).body.errors).toBeUndefined();
  });

  it('lock unknown emails the same way, so the answers do not reveal which accounts exist', async () => {
    const unknown = newEmail();
    const { email: known } = await signUp();
    const answers = async (email: string) => {
      const codes: unknown[] = [];
      for (let i = 0; i < MAX_FAILURES + 2; i++) {
        const [error] = (await signIn(api.client(), email, 'wrong password')).body.errors!;
        codes.push([error!.extensions?.code, error!.message.replace(/\d+ seconds/, 'N seconds')]);
      }
      return codes;
    };
    const unknownAnswers = await answers(unknown);
    expect(unknownAnswers).toEqual(await answers(known));
    expect(unknownAnswers.slice(MAX_FAILURES - 1)).toEqual([
      ['UNAUTHENTICATED', INVALID_CREDENTIALS],
      ['RATE_LIMITED', 'Too many failed sign-in attempts. Try again in N seconds.'],
      ['RATE_LIMITED', 'Too many failed sign-in attempts. Try again in N seconds.'],
    ]);
  });

  it('count every attempt sent in parallel: no more than 5 passwords are ever checked', async () => {
    const { email } = await signUp();
    const unknown = newEmail();
    for (const address of [email, unknown]) {
      argon2Calls.verify = 0;
      const responses = await Promise.all(
        Array.from({ length: 12 }, () => signIn(api.client(), address, 'wrong password')),
      );
      const codes = responses.map((r) => r.body.errors?.[0]?.extensions?.code);
      expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(MAX_FAILURES);
      expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(12 - MAX_FAILURES);
      expect(argon2Calls.verify).toBe(MAX_FAILURES);
    }
    expect(await throttleState(email)).toMatchObject({ failedSignIns: MAX_FAILURES, lockedUntil: expect.any(Date) });
  });

  it('allow one guess per request however many aliases it sends', async () => {
    // signIn returns a non-null type, so the first failure ends the (serially executed) mutation
    // and the aliases after it never run; the attempt that did run is counted.
    const { email } = await signUp();
    const aliases = Array.from(
      { length: 8 },
      (_, i) => `a${i}: signIn(input: { email: "${email}", password: "wrong ${i}" }) { user { id } }`,
    );
    argon2Calls.verify = 0;
    const { body } = await api.client().request(`mutation { ${aliases.join('\n')} }`);
    expect(body.data).toBeNull();
    expect(body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['a0'], 'UNAUTHENTICATED']]);
    expect(argon2Calls.verify).toBe(1);
    expect((await throttleState(email)).failedSignIns).toBe(1);

    // Four more single-guess requests reach the limit; then aliases meet the lock straight away.
    for (let i = 0; i < MAX_FAILURES - 1; i++) await signIn(api.client(), email, 'wrong password');
    const locked = (await api.client().request(`mutation { ${aliases.join('\n')} }`)).body;
    expect(locked.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['a0'], 'RATE_LIMITED']]);
    expect((await throttleState(email)).failedSignIns).toBe(MAX_FAILURES);
  });
});

describe('the throttle schedule', () => {
  it('locks from the 5th failure for 30 s, doubling up to an hour', () => {
    const now = 1_000_000;
    const lockSeconds = (failures: number) => {
      const until = lockUntil(failures, now);
      return until && (until.getTime() - now) / 1000;
    };
    expect([1, 2, 3, 4].map(lockSeconds)).toEqual([null, null, null, null]);
    expect([5, 6, 7, 8].map(lockSeconds)).toEqual([30, 60, 120, 240].map((s) => (s * LOCK_BASE_MS) / 30_000));
    expect(lockSeconds(11)).toBe(1920);
    expect(lockSeconds(12)).toBe(LOCK_MAX_MS / 1000); // 3840 s, capped at an hour
    expect(lockSeconds(1000)).toBe(LOCK_MAX_MS / 1000);
  });

  it('remembers a bounded number of unknown emails, forgetting the oldest', () => {
    const attempts = new UnknownAccountAttempts(2);
    attempts.fail('a@example.com', 0);
    attempts.fail('b@example.com', 0);
    attempts.fail('a@example.com', 0); // refreshes a
    attempts.fail('c@example.com', 0); // evicts b
    expect(attempts.get('a@example.com').failures).toBe(2);
    expect(attempts.get('b@example.com').failures).toBe(0);
    expect(attempts.get('c@example.com').failures).toBe(1);
  });
});

describe('in production', () => {
  let prod: TestApi;
  beforeAll(async () => {
    prod = await startApi({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
  });
  afterAll(async () => prod?.close());

  it('names the cookie __Host-taskboard_session and makes it Secure', async () => {
    const client = prod.client();
    const { response, id } = await signUp(client);
    const cookie = sessionCookie(response);
    expect(cookie.name).toBe('__Host-taskboard_session');
    expect(cookie.attributes).toEqual(['expires', 'httponly', 'path', 'samesite', 'secure']);
    expect(cookie.attribute('Path')).toBe('/');
    expect(cookie.attribute('SameSite')).toBe('Lax');
    expect(cookie.attribute('Domain')).toBeNull(); // __Host- forbids it
    expect(await me(client)).toMatchObject({ id: String(id) });

    // The development name means nothing here.
    const wrongName = prod.client();
    wrongName.cookie = `taskboard_session=${cookie.value}`;
    expect(await me(wrongName)).toBeNull();

    // Browsers only accept the clearing cookie for a __Host- name if it is Secure with Path=/ too.
    const cleared = sessionCookie(await client.request(SIGN_OUT));
    expect(cleared.name).toBe('__Host-taskboard_session');
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toEqual(expect.arrayContaining(['httponly', 'path', 'samesite', 'secure']));
    expect(cleared.attribute('Path')).toBe('/');
    expect(await me(client)).toBeNull();
  });
});
