import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { ViewerQuery } from '../apollo/viewer';
import { graphql } from '../gql';
import { useFailure } from './useFailure';

export const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      user {
        id
        name
        email
      }
    }
  }
`);

/** Starts a session (an httpOnly cookie) and makes its user the viewer. */
export function useSignIn() {
  const [mutate, { loading, client }] = useMutation(SignInMutation);
  const { failure, attempt, clear } = useFailure();

  const signIn = useCallback(
    async (email: string, password: string): Promise<boolean> => {
      const result = await attempt(() => mutate({ variables: { input: { email: email.trim(), password } } }), {
        fallback: 'Signing in failed. Please try again.',
      });
      const user = result?.data?.signIn.user;
      if (!user) return false;
      // nothing cached for whoever used this tab before may show through
      await client.clearStore();
      client.cache.writeQuery({ query: ViewerQuery, data: { me: user } });
      return true;
    },
    [attempt, client, mutate],
  );

  return { signIn, signingIn: loading, error: failure?.message ?? null, clearError: clear };
}
