import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { updateTaskComments, withoutComment } from '../apollo/taskComments';
import { graphql } from '../gql';
import { useFailure } from './useFailure';

export const DeleteCommentMutation = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id)
  }
`);

/** Deletes a comment: it leaves the list at once and comes back if the server refuses. */
export function useDeleteComment() {
  const [mutate, { client }] = useMutation(DeleteCommentMutation);
  const { failure, attempt, clear } = useFailure();

  const deleteComment = useCallback(
    async (taskId: string, id: string): Promise<boolean> => {
      const result = await attempt(
        () =>
          mutate({
            variables: { id },
            optimisticResponse: { deleteComment: id },
            update(cache) {
              updateTaskComments(cache, taskId, (comments) => withoutComment(comments, id), -1);
            },
          }),
        { fallback: 'The comment could not be deleted.' },
      );
      if (result === undefined) return false;
      client.cache.evict({ id: client.cache.identify({ __typename: 'Comment', id }) });
      client.cache.gc();
      return true;
    },
    [attempt, client, mutate],
  );

  return { deleteComment, error: failure?.message ?? null, clearError: clear };
}
