// A task's comments, oldest first, page by page; members add comments, and edit and delete their own.
// Comments are Markdown, shown rendered.
import { useLoadMore } from '../components/useLoadMore';
import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { TaskCommentsQuery } from '../apollo/taskComments';
import { useViewer } from '../auth/viewer';
import { Avatar } from '../components/Avatar';
import { Markdown } from '../components/Markdown';
import { ErrorMessage, QueryState } from '../components/QueryState';
import { CommentsSkeleton } from '../components/Skeleton';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { isOptimisticId } from '../mutations/optimistic';
import { useAddComment } from '../mutations/useAddComment';
import { useDeleteComment } from '../mutations/useDeleteComment';
import { useEditComment } from '../mutations/useEditComment';
import { formatDateTime } from './dates';
import { useUnsavedChanges } from './unsavedChanges';

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
  const { deleteComment } = useDeleteComment();
  const { loadMore, loadingMore, loadMoreError } = useLoadMore((after) => query.fetchMore({ variables: { after } }));

  const total = query.data?.task?.comments.totalCount;
  return (
    <section className="comments" aria-labelledby={headingId}>
      <h3 id={headingId}>Comments{total ? ` (${total})` : ''}</h3>
      <QueryState
        query={query}
        loadingLabel="Loading comments…"
        skeleton={CommentsSkeleton}
        errorFallback="The comments could not be loaded."
        isEmpty={(data) => !data.task || data.task.comments.edges.length === 0}
        empty="No comments yet"
        emptyHint="Start the conversation: write one below."
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
                    onDelete={(id) => deleteComment(taskId, id)}
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
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);
  const { editComment, error, clearError } = useEditComment();
  useUnsavedChanges(editing && draft.trim() !== comment.body);

  // back to "Edit comment" when the editor closes (not when the comment first shows)
  const opened = useRef(false);
  useEffect(() => {
    if (editing) opened.current = true;
    else if (opened.current) editButton.current?.focus();
  }, [editing]);

  const save = async (body: string) => {
    setEditing(false);
    // shown at once; if the server refuses, the editor comes back with what was typed and why
    if (!(await editComment(comment, body))) setEditing(true);
  };

  return (
    <li className={pending ? 'comment is-pending' : 'comment'} data-comment-id={comment.id}>
      <p className="comment-meta">
        <Avatar user={comment.author} size="small" decorative />{' '}
        <span className="comment-author">{comment.author.name}</span>{' '}
        <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
        {comment.updatedAt !== comment.createdAt && <span className="muted"> (edited)</span>}
      </p>
      {editing ? (
        <CommentEditor
          draft={draft}
          error={error}
          unchanged={(body) => body === comment.body}
          onChange={(value) => {
            setDraft(value);
            if (error) clearError();
          }}
          onSave={(body) => void save(body)}
          onCancel={() => {
            clearError();
            setEditing(false);
          }}
        />
      ) : (
        <Markdown text={comment.body} className="comment-body" headingLevel={4} />
      )}
      {comment.author.id === viewerId && !pending && !editing && (
        <div className="comment-actions">
          <button
            ref={editButton}
            type="button"
            className="button-link"
            onClick={() => {
              clearError();
              setDraft(comment.body);
              setEditing(true);
            }}
          >
            Edit comment
          </button>
          <button type="button" className="button-link" onClick={() => onDelete(comment.id)}>
            Delete comment
          </button>
        </div>
      )}
    </li>
  );
}

/** In place of the comment's text: Save comment (or Ctrl+Enter) saves, Cancel (or Escape) leaves it as it was. */
function CommentEditor({
  draft,
  error,
  unchanged,
  onChange,
  onSave,
  onCancel,
}: {
  draft: string;
  error: string | null;
  unchanged: (body: string) => boolean;
  onChange: (value: string) => void;
  onSave: (body: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    const textarea = field.current;
    if (!textarea) return;
    textarea.focus();
    // the caret at the end, where one goes on writing
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }, []);

  const save = () => {
    const body = draft.trim();
    if (!body) {
      setProblem('The comment cannot be empty.');
      field.current?.focus();
      return;
    }
    if (unchanged(body)) onCancel();
    else onSave(body);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // anywhere in the editor; handled here, so the task dialog around it stays open
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save();
    }
  };

  const shown = problem || error;
  return (
    <div className="comment-editor" role="group" aria-label="Edit comment" onKeyDown={onKeyDown}>
      <label htmlFor={id} className="visually-hidden">
        Edit your comment
      </label>
      <textarea
        ref={field}
        id={id}
        rows={3}
        maxLength={5000}
        value={draft}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? `${id}-error ${id}-hint` : `${id}-hint`}
        onChange={(event) => {
          setProblem('');
          onChange(event.target.value);
        }}
      />
      <p className="field-hint" id={`${id}-hint`}>
        Markdown supported
      </p>
      {shown && (
        <div id={`${id}-error`}>
          <ErrorMessage error={shown} />
        </div>
      )}
      <div className="comment-editor-actions">
        <button type="button" onClick={save}>
          Save comment
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function AddComment({ taskId }: { taskId: string }) {
  const id = useId();
  const [body, setBody] = useState('');
  const { addComment, error, clearError } = useAddComment();
  useUnsavedChanges(body.trim() !== '');

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
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          setBody(event.target.value);
          if (error) clearError();
        }}
      />
      <p className="field-hint" id={`${id}-hint`}>
        Markdown supported
      </p>
      {error && <ErrorMessage error={error} />}
      <button type="submit">Comment</button>
    </form>
  );
}
