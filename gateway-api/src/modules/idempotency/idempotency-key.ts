// What an idempotency key is and how its row is filled: the key's form, how long it is remembered, and
// the hash of the request it was first used for. No dependency but node:crypto, so that the benchmark's
// raw-SQL floor (through `gateway-api/database`) stores exactly the rows the API stores.
import { createHash } from 'node:crypto';

/** 16 to 64 of [A-Za-z0-9_-], chosen by the client. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** How long a key is remembered; after that the same key creates again. Documented in the inputs. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
export const IDEMPOTENCY_KEY_TTL_MS = IDEMPOTENCY_KEY_TTL_HOURS * 3600_000;

export const KEY_REUSED_MESSAGE = 'was already used for a different request; use a new key for a new action';

/** Stable JSON (sorted keys) of plain data: the same request always hashes the same. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** sha256 (hex) of the operation and its normalised input: what IdempotencyKey.requestHash holds. */
export const requestHash = (operation: string, payload: unknown) =>
  createHash('sha256')
    .update(`${operation}\n${canonical(payload)}`)
    .digest('hex');
