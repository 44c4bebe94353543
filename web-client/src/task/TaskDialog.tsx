// /boards/:boardId/tasks/:taskId: the task's details, editable, and its comments, in a dialog over
// the board. Closing it (Close, Escape, the backdrop) goes back to the board.
import { useQuery } from '@apollo/client/react';
import { useCallback } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Dialog } from '../components/Dialog';
import { QueryState } from '../components/QueryState';
import { graphql } from '../gql';
import { Comments } from './Comments';
import { TaskForm } from './TaskForm';

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
  // cached data shows at once, and the task is refreshed: edits start from its latest version
  const query = useQuery(TaskDialogQuery, { variables: { taskId, boardId }, fetchPolicy: 'cache-and-network' });
  const close = useCallback(() => void navigate(`/boards/${boardId}`), [boardId, navigate]);
  const cardLink = useCallback(
    () => document.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(taskId)}"] a`),
    [taskId],
  );

  return (
    <Dialog title="Edit task" onClose={close} returnFocus={cardLink}>
      <QueryState
        query={query}
        loadingLabel="Loading task…"
        errorFallback="The task could not be loaded."
        isEmpty={(data) => data.task === null}
        empty="This task no longer exists."
      >
        {(data) =>
          data.task && (
            <>
              <TaskForm key={taskId} task={data.task} board={data.board} onDeleted={close} />
              <Comments taskId={taskId} />
            </>
          )
        }
      </QueryState>
    </Dialog>
  );
}
