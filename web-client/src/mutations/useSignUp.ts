import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { ViewerQuery } from '../apollo/viewer';
import { graphql } from '../gql';
import { useFailure } from './useFailure';

export const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      user {
        id
        name
        email
      }
    }
  }
`);

/** Creates an account and signs in to it; per-field problems come back in fieldErrors. */
export function useSignUp() {
  const [mutate, { loading, client }] = useMutation(SignUpMutation);
  const { failure, attempt, clear } = useFailure();

  const signUp = useCallback(
    async (input: { name: string; email: string; password: string }): Promise<boolean> => {
      const result = await attempt(
        () => mutate({ variables: { input: { ...input, name: input.name.trim(), email: input.email.trim() } } }),
        { fallback: 'The account could not be created. Please try again.' },
      );
      const user = result?.data?.signUp.user;
      if (!user) return false;
      await client.clearStore();
      client.cache.writeQuery({ query: ViewerQuery, data: { me: user } });
      return true;
    },
    [attempt, client, mutate],
  );

  return {
    signUp,
    signingUp: loading,
    error: failure?.message ?? null,
    fieldErrors: failure?.fields ?? {},
    clearError: clear,
  };
}
