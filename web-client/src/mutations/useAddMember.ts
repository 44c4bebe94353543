import { isReference, type Reference } from '@apollo/client/utilities';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../gql';
import { useIdempotencyKey } from './idempotency';
import { useFailure } from './useFailure';

export const AddMemberMutation = graphql(`
  mutation AddMember($input: AddMemberInput!) {
    addMember(input: $input) {
      role
      joinedAt
      user {
        id
        name
        email
      }
    }
  }
`);

/**
 * The owner adds an existing account to the board by email. Not optimistic: who the email belongs
 * to (their name, whether they exist) is only known once the server answers, so the form waits.
 */
export function useAddMember() {
  const [mutate, { loading }] = useMutation(AddMemberMutation);
  const { failure, attempt, clear } = useFailure();
  const { keyFor, settle } = useIdempotencyKey();

  const addMember = useCallback(
    async (boardId: string, email: string) => {
      const idempotencyKey = keyFor({ boardId, email: email.trim() });
      const result = await attempt(
        () =>
          mutate({
            variables: { input: { boardId, email: email.trim(), idempotencyKey } },
            update(cache, { data }) {
              if (!data) return;
              const member = data.addMember;
              cache.modify<{ members: { user: Reference }[] }>({
                id: cache.identify({ __typename: 'Board', id: boardId }),
                fields: {
                  members: (members, { toReference, readField }) => {
                    const user = toReference(member.user);
                    if (!user || members.some((m) => !isReference(m) && readField('id', m.user) === member.user.id)) {
                      return members;
                    }
                    return [...members, { __typename: 'Member', role: member.role, joinedAt: member.joinedAt, user }];
                  },
                },
              });
            },
          }),
        { fallback: 'The member could not be added.' },
        settle,
      );
      if (result) settle();
      return result?.data?.addMember;
    },
    [attempt, keyFor, mutate, settle],
  );

  return {
    addMember,
    adding: loading,
    error: failure?.message ?? null,
    fieldErrors: failure?.fields ?? {},
    clearError: clear,
  };
}
