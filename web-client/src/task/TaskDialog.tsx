// /boards/:boardId/tasks/:taskId: the task's details, editable, and its comments, in a dialog over
// the board. Closing it (Close, Escape, the backdrop) goes back to the board.
//
// Unsaved work is never dropped silently: with edits not saved or a comment not sent, leaving the
// dialog by any way (closing it, a link, Back, a live update that takes the user elsewhere) asks
// first, and reloading or closing the tab makes the browser ask. The app confirms before discarding
// rather than saving drafts by itself: a save is a write others see at once, and may clash.
import { useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useRef } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Dialog } from '../components/Dialog';
import { preloadMarkdown } from '../components/Markdown';
import { QueryState } from '../components/QueryState';
import { TaskDialogSkeleton } from '../components/Skeleton';
import { graphql } from '../gql';
import { useBlocker, useLocation, useNavigate, useParams, type ShouldBlock } from '../routing';
import { Comments } from './Comments';
import { TaskForm } from './TaskForm';
import { UnsavedChangesContext, useUnsavedChangesRegistry } from './unsavedChanges';

export const TaskDialogQuery = graphql(`
  query TaskDialog($taskId: ID!, $boardId: ID!) {
    task(id: $taskId) {
      id
      ...TaskForm_task
    }
    board(id: $boardId) {
      id
      ...TaskForm_board
    }
  }
`);

export function TaskDialog() {
  const { boardId = '', taskId = '' } = useParams();
  const navigate = useNavigate();
  // the board's filters (?q=…, board/filters) are the board's: closing goes back to them
  const { search } = useLocation();
  // cached data shows at once, and the task is refreshed: edits start from its latest version
  const query = useQuery(TaskDialogQuery, { variables: { taskId, boardId }, fetchPolicy: 'cache-and-network' });
  const { unsaved, report } = useUnsavedChangesRegistry();
  // the user deleted the task: their edits go with it, nothing to ask
  const discarding = useRef(false);
  const shouldBlock = useCallback<ShouldBlock>(
    ({ from, to }) => unsaved && !discarding.current && from.pathname !== to.pathname,
    [unsaved],
  );
  // Closing is a navigation to the board, so this one question covers every way out of the dialog
  // (routing/history.ts holds links, navigate() and the browser's back and forward alike).
  const blocked = useBlocker(shouldBlock);
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved]);

  // the description and comments are Markdown: its renderer loads while the task does
  useEffect(preloadMarkdown, []);

  const close = useCallback(() => navigate(`/boards/${boardId}${search}`), [boardId, navigate, search]);
  const onDeleted = useCallback(() => {
    discarding.current = true;
    close();
  }, [close]);
  const cardLink = useCallback(
    () => document.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(taskId)}"] a`),
    [taskId],
  );

  return (
    <Dialog title="Edit task" onClose={close} returnFocus={cardLink}>
      {blocked && (
        <ConfirmDialog
          title="Discard your changes?"
          cancelLabel="Keep editing"
          confirmLabel="Discard"
          onCancel={() => blocked.reset()}
          onConfirm={() => blocked.proceed()}
        >
          <p>What you changed or wrote in this task has not been saved.</p>
        </ConfirmDialog>
      )}
      <UnsavedChangesContext value={report}>
        <QueryState
          query={query}
          loadingLabel="Loading task…"
          skeleton={TaskDialogSkeleton}
          errorFallback="The task could not be loaded."
          isEmpty={(data) => data.task === null}
          empty="This task no longer exists."
        >
          {(data) =>
            data.task && (
              <>
                <TaskForm key={taskId} task={data.task} board={data.board} onDeleted={onDeleted} />
                <Comments taskId={taskId} />
              </>
            )
          }
        </QueryState>
      </UnsavedChangesContext>
    </Dialog>
  );
}
