// A task's comments as the cache holds them (Task.comments, relay-style pages): the query the
// comments list reads (task/Comments.tsx), and the list edits the comment mutations make to it.
import type { ApolloCache } from '@apollo/client';
import type { Unmasked } from '@apollo/client/masking';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../gql';

export const TaskCommentsQuery = graphql(`
  query TaskComments($taskId: ID!, $after: String) {
    task(id: $taskId) {
      id
      comments(first: 20, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
            ...CommentItem_comment
          }
        }
      }
    }
  }
`);

type Comments = NonNullable<Unmasked<ResultOf<typeof TaskCommentsQuery>>['task']>['comments'];
export type CommentNode = Comments['edges'][number]['node'];

/** Edits the loaded comments of a task and its comment count; nothing happens to what is not cached. */
export function updateTaskComments(
  cache: ApolloCache,
  taskId: string,
  update: (comments: Comments) => Comments,
  countChange: number,
): void {
  cache.updateQuery({ query: TaskCommentsQuery, variables: { taskId } }, (data) =>
    data?.task ? { ...data, task: { ...data.task, comments: update(data.task.comments) } } : undefined,
  );
  cache.modify<{ commentCount: number }>({
    id: cache.identify({ __typename: 'Task', id: taskId }),
    fields: { commentCount: (count) => Math.max(0, count + countChange) },
  });
}

export function withComment(comments: Comments, comment: CommentNode): Comments {
  const edges = comments.edges.filter((edge) => edge.node.id !== comment.id);
  return {
    ...comments,
    edges: [...edges, { __typename: 'CommentEdge', cursor: '', node: comment }],
    totalCount: comments.totalCount + (edges.length === comments.edges.length ? 1 : 0),
  };
}

export function withoutComment(comments: Comments, id: string): Comments {
  const edges = comments.edges.filter((edge) => edge.node.id !== id);
  return { ...comments, edges, totalCount: Math.max(0, comments.totalCount - (comments.edges.length - edges.length)) };
}
