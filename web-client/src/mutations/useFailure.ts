// The error state every mutation hook keeps: the user-facing message of its last failure, plus the
// error itself for hooks that read details (per-field messages).
import { useCallback, useState } from 'react';
import { fieldErrors, userMessage } from '../apollo/errors';

export interface Failure {
  message: string;
  fields: Record<string, string>;
  error: unknown;
}

export function useFailure() {
  const [failure, setFailure] = useState<Failure | null>(null);

  /**
   * Runs a mutation; on failure records the message (`conflict` for CONFLICT, else the server's own
   * words or `fallback`) and resolves to undefined instead of throwing.
   */
  const attempt = useCallback(
    async <T>(
      run: () => Promise<T>,
      messages: { fallback: string; conflict?: string },
      onError?: (error: unknown) => void,
    ): Promise<T | undefined> => {
      setFailure(null);
      try {
        return await run();
      } catch (error) {
        setFailure({
          message: userMessage(error, messages.fallback, messages.conflict),
          fields: fieldErrors(error),
          error,
        });
        onError?.(error);
        return undefined;
      }
    },
    [],
  );

  const clear = useCallback(() => setFailure(null), []);
  return { failure, attempt, clear };
}
