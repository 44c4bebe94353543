// Idempotency keys for create mutations: one per user action, sent again unchanged on every retry of
// it, so that the API creates once however many times the request reaches it (see apollo/retry.ts
// for the automatic retries).
import { useCallback, useRef } from 'react';
import { errorCode } from '../apollo/errors';

/** 32 characters of [0-9a-f]: what the API accepts (16 to 64 of [A-Za-z0-9_-]). */
export const newIdempotencyKey = (): string => crypto.randomUUID().replaceAll('-', '');

/** The request may have been stored even though it failed: its key must not be given up. */
function outcomeUncertain(error: unknown): boolean {
  const code = errorCode(error);
  if (code) return code === 'OUTCOME_UNKNOWN' || code === 'DATABASE_UNAVAILABLE';
  // no GraphQL answer at all: the network or a gateway failed, the request may have got through
  return true;
}

/**
 * A hook's key for its current action. After the automatic retries have given up with an uncertain
 * outcome, the user submitting the same thing again is the same action: it keeps the key, so it cannot
 * create a second copy. A definite answer (created, or refused) ends the action.
 */
export function useIdempotencyKey() {
  const pending = useRef<{ request: string; key: string } | null>(null);

  const keyFor = useCallback((request: unknown): string => {
    const text = JSON.stringify(request);
    if (pending.current?.request !== text) pending.current = { request: text, key: newIdempotencyKey() };
    return pending.current.key;
  }, []);

  /** Called with the error when the mutation failed, without when it succeeded. */
  const settle = useCallback((error?: unknown) => {
    if (error === undefined || !outcomeUncertain(error)) pending.current = null;
  }, []);

  return { keyFor, settle };
}
