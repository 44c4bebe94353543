// Per-account throttling of failed sign-ins: after MAX_FAILURES failures in a row the account is
// locked for LOCK_BASE_MS, doubling with every further failure up to LOCK_MAX_MS. Unknown emails
// are throttled the same way (in memory), so the answers reveal nothing about which accounts exist.
// An attempt counts as a failure from before its password is checked, so simultaneous attempts
// cannot all slip past the lock; attempts refused while locked do not count.
export const MAX_FAILURES = 5;
export const LOCK_BASE_MS = 30_000;
export const LOCK_MAX_MS = 60 * 60_000;

export function lockUntil(failures: number, now: number): Date | null {
  if (failures < MAX_FAILURES) return null;
  return new Date(now + Math.min(LOCK_MAX_MS, LOCK_BASE_MS * 2 ** (failures - MAX_FAILURES)));
}

interface Attempts {
  failures: number;
  lockedUntil: Date | null;
}

/** Failures for emails that have no account, bounded so it cannot grow without limit. */
export class UnknownAccountAttempts {
  private readonly entries = new Map<string, Attempts>();
  constructor(private readonly capacity = 10_000) {}

  get(email: string): Attempts {
    return this.entries.get(email) ?? { failures: 0, lockedUntil: null };
  }

  fail(email: string, now: number): Attempts {
    const failures = this.get(email).failures + 1;
    const next = { failures, lockedUntil: lockUntil(failures, now) };
    this.entries.delete(email);
    this.entries.set(email, next);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return next;
  }
}
