// A task's comments, oldest first, page by page; members add comments and delete their own.
import { useLoadMore } from '../components/useLoadMore';
import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { TaskCommentsQuery } from '../apollo/taskComments';
import { useViewer } from '../auth/viewer';
import { ErrorMessage, QueryState } from '../components/QueryState';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { isOptimisticId } from '../mutations/optimistic';
import { useAddComment } from '../mutations/useAddComment';
import { useDeleteComment } from '../mutations/useDeleteComment';
import { formatDateTime } from './dates';

export const CommentItem_commentFragment = graphql(`
  fragment CommentItem_comment on Comment {
    id
    body
    createdAt
    updatedAt
    author {
      id
      name
    }
  }
`);

export function Comments({ taskId }: { taskId: string }) {
  const headingId = useId();
  const query = useQuery(TaskCommentsQuery, { variables: { taskId } });
  const viewerId = useViewer().data?.me?.id;
  const { deleteComment, error: deleteError, clearError } = useDeleteComment();
  const { loadMore, loadingMore, loadMoreError } = useLoadMore((after) => query.fetchMore({ variables: { after } }));

  const total = query.data?.task?.comments.totalCount;
  return (
    <section className="comments" aria-labelledby={headingId}>
      <h3 id={headingId}>Comments{total ? ` (${total})` : ''}</h3>
      {deleteError && <ErrorMessage error={deleteError} onDismiss={clearError} />}
      <QueryState
        query={query}
        loadingLabel="Loading comments…"
        errorFallback="The comments could not be loaded."
        isEmpty={(data) => !data.task || data.task.comments.edges.length === 0}
        empty="No comments yet"
      >
        {(data) =>
          data.task && (
            <>
              <ul className="comment-list">
                {data.task.comments.edges.map((edge) => (
                  <CommentItem
                    key={edge.node.id}
                    comment={edge.node}
                    viewerId={viewerId}
                    onDelete={(id) => void deleteComment(taskId, id)}
                  />
                ))}
              </ul>
              {loadMoreError !== null && (
                <ErrorMessage error={loadMoreError} fallback="More comments could not be loaded." />
              )}
              {data.task.comments.pageInfo.hasNextPage && data.task.comments.pageInfo.endCursor && (
                <button
                  type="button"
                  className="button-secondary load-more"
                  disabled={loadingMore}
                  aria-busy={loadingMore}
                  onClick={() => void loadMore(data.task?.comments.pageInfo.endCursor ?? '')}
                >
                  Load more
                </button>
              )}
            </>
          )
        }
      </QueryState>
      <AddComment taskId={taskId} />
    </section>
  );
}

function CommentItem({
  comment: commentRef,
  viewerId,
  onDelete,
}: {
  comment: FragmentType<typeof CommentItem_commentFragment>;
  viewerId: string | undefined;
  onDelete: (id: string) => void;
}) {
  const comment = getFragmentData(CommentItem_commentFragment, commentRef);
  const pending = isOptimisticId(comment.id);
  return (
    <li className={pending ? 'comment is-pending' : 'comment'}>
      <p className="comment-meta">
        <span className="comment-author">{comment.author.name}</span>{' '}
        <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
        {comment.updatedAt !== comment.createdAt && <span className="muted"> (edited)</span>}
      </p>
      <p className="comment-body">{comment.body}</p>
      {comment.author.id === viewerId && !pending && (
        <button type="button" className="button-link" onClick={() => onDelete(comment.id)}>
          Delete comment
        </button>
      )}
    </li>
  );
}

function AddComment({ taskId }: { taskId: string }) {
  const id = useId();
  const [body, setBody] = useState('');
  const { addComment, error, clearError } = useAddComment();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    setBody('');
    // shown at once; if the server refuses, the text comes back for another try
    if (!(await addComment(taskId, text))) setBody((current) => current || text);
  };

  return (
    <form className="add-comment" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>Add a comment</label>
      <textarea
        id={id}
        rows={3}
        maxLength={5000}
        value={body}
        onChange={(event) => {
          setBody(event.target.value);
          if (error) clearError();
        }}
      />
      {error && <ErrorMessage error={error} />}
      <button type="submit">Comment</button>
    </form>
  );
}
