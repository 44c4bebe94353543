import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { updateTaskComments, withComment } from '../apollo/taskComments';
import { ViewerQuery } from '../apollo/viewer';
import { graphql } from '../gql';
import { nowIso, optimisticId } from './optimistic';
import { useIdempotencyKey } from './idempotency';
import { useFailure } from './useFailure';

export const AddCommentMutation = graphql(`
  mutation AddComment($input: AddCommentInput!) {
    addComment(input: $input) {
      id
      ...CommentItem_comment
    }
  }
`);

/** Comments on a task; the comment shows at once (as the viewer's) and goes away if the server refuses. */
export function useAddComment() {
  const [mutate, { loading, client }] = useMutation(AddCommentMutation);
  const { failure, attempt, clear } = useFailure();
  const { keyFor, settle } = useIdempotencyKey();

  const addComment = useCallback(
    async (taskId: string, body: string): Promise<boolean> => {
      const me = client.cache.readQuery({ query: ViewerQuery })?.me;
      const now = nowIso();
      const idempotencyKey = keyFor({ taskId, body });
      const result = await attempt(
        () =>
          mutate({
            variables: { input: { taskId, body, idempotencyKey } },
            optimisticResponse: me
              ? {
                  addComment: {
                    __typename: 'Comment',
                    id: optimisticId(),
                    body: body.trim(),
                    createdAt: now,
                    updatedAt: now,
                    author: { __typename: 'User', id: me.id, name: me.name },
                  },
                }
              : undefined,
            update(cache, { data }) {
              if (data) updateTaskComments(cache, taskId, (comments) => withComment(comments, data.addComment), 1);
            },
          }),
        { fallback: 'The comment could not be added.' },
        settle,
      );
      if (result) settle();
      return result !== undefined;
    },
    [attempt, client, keyFor, mutate, settle],
  );

  return { addComment, adding: loading, error: failure?.message ?? null, clearError: clear };
}
