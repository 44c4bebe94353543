import { useApolloClient } from '@apollo/client/react';
import { useCallback } from 'react';
import { updateTaskComments, withoutComment } from '../apollo/taskComments';
import { userMessage } from '../apollo/errors';
import { useUndo } from '../components/Undo';
import { graphql } from '../gql';
import { sendWhileLeaving } from './keepalive';

export const DeleteCommentMutation = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id)
  }
`);

const FALLBACK = 'The comment could not be deleted.';

let layers = 0;

/**
 * Deletes a comment, with a few seconds to undo it (components/Undo.tsx): it leaves the list at once
 * and the delete is sent when the toast runs out; if the server refuses, it comes back and the
 * toast says why.
 */
export function useDeleteComment() {
  const client = useApolloClient();
  const { schedule } = useUndo();

  const deleteComment = useCallback(
    (taskId: string, id: string): void => {
      const layer = `pending-delete-comment-${++layers}`;
      const hide = () => updateTaskComments(client.cache, taskId, (comments) => withoutComment(comments, id), -1);
      client.cache.recordOptimisticTransaction(hide, layer);

      const done = (deleted: boolean) => {
        if (deleted) {
          hide();
          client.cache.evict({ id: client.cache.identify({ __typename: 'Comment', id }) });
          client.cache.gc();
        }
        client.cache.removeOptimistic(layer);
      };

      schedule({
        message: 'Comment deleted',
        undo: () => client.cache.removeOptimistic(layer),
        focusAfterUndo: () =>
          document.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(id)}"] .comment-actions button`),
        send: async (leaving) => {
          if (leaving) {
            const result = await sendWhileLeaving(DeleteCommentMutation, { id });
            done(!result.errors?.length);
            return result.errors?.length ? (result.errors[0]?.message ?? FALLBACK) : null;
          }
          try {
            await client.mutate({ mutation: DeleteCommentMutation, variables: { id } });
            done(true);
            return null;
          } catch (error) {
            done(false);
            return userMessage(error, FALLBACK);
          }
        },
      });
    },
    [client, schedule],
  );

  return { deleteComment };
}
