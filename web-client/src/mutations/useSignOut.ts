import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { ViewerQuery } from '../apollo/viewer';
import { graphql } from '../gql';
import { useFailure } from './useFailure';

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);

/** Ends the session and forgets everything cached for it. */
export function useSignOut() {
  const [mutate, { loading, client }] = useMutation(SignOutMutation);
  const { failure, attempt, clear } = useFailure();

  const signOut = useCallback(async (): Promise<boolean> => {
    const result = await attempt(() => mutate(), { fallback: 'Signing out failed. Please try again.' });
    if (result === undefined) return false;
    await client.clearStore();
    client.cache.writeQuery({ query: ViewerQuery, data: { me: null } });
    return true;
  }, [attempt, client, mutate]);

  return { signOut, signingOut: loading, error: failure?.message ?? null, clearError: clear };
}
