import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../gql';
import { nowIso } from './optimistic';
import { useFailure } from './useFailure';

export const EditCommentMutation = graphql(`
  mutation EditComment($input: EditCommentInput!) {
    editComment(input: $input) {
      id
      ...CommentItem_comment
    }
  }
`);

/** The comment as the list shows it, before the edit: what the optimistic version starts from. */
export interface EditedComment {
  id: string;
  createdAt: string;
  author: { id: string; name: string };
}

/**
 * The author edits their comment: the new text shows at once (marked edited) and the old one comes
 * back if the server refuses. The comment's live event then writes what the cache already has.
 */
export function useEditComment() {
  const [mutate, { loading }] = useMutation(EditCommentMutation);
  const { failure, attempt, clear } = useFailure();

  const editComment = useCallback(
    async (comment: EditedComment, body: string): Promise<boolean> => {
      const result = await attempt(
        () =>
          mutate({
            variables: { input: { id: comment.id, body: body.trim() } },
            optimisticResponse: {
              editComment: {
                __typename: 'Comment',
                id: comment.id,
                body: body.trim(),
                createdAt: comment.createdAt,
                updatedAt: nowIso(),
                author: { __typename: 'User', id: comment.author.id, name: comment.author.name },
              },
            },
          }),
        { fallback: 'The comment could not be saved.' },
      );
      return result !== undefined;
    },
    [attempt, mutate],
  );

  return { editComment, saving: loading, error: failure?.message ?? null, clearError: clear };
}
