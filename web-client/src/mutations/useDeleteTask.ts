import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { updateColumnTasks, withoutTask } from '../apollo/columnTasks';
import { isConflict } from '../apollo/errors';
import { graphql } from '../gql';
import { readTaskVersion, refreshTask } from './taskSnapshot';
import { queueTaskWrite } from './taskWrites';
import { useFailure } from './useFailure';

export const DeleteTaskMutation = graphql(`
  mutation DeleteTask($id: ID!, $expectedVersion: Int!) {
    deleteTask(id: $id, expectedVersion: $expectedVersion)
  }
`);

const DELETE_CONFLICT =
  'This task was changed by someone else, so it was not deleted. The latest version is now shown; delete it again if you still want to.';

/** Deletes a task: its card leaves its column at once and comes back if the server refuses. */
export function useDeleteTask() {
  const [mutate, { loading, client }] = useMutation(DeleteTaskMutation);
  const { failure, attempt, clear } = useFailure();

  const deleteTask = useCallback(
    ({ boardId, id }: { boardId: string; id: string }): Promise<boolean> =>
      queueTaskWrite(client, id, async () => {
        // read when sent: after the user's own earlier writes to this task have come back
        const task = readTaskVersion(client.cache, id);
        if (!task) return false;
        const result = await attempt(
          () =>
            mutate({
              variables: { id, expectedVersion: task.version },
              optimisticResponse: { deleteTask: id },
              update(cache) {
                updateColumnTasks(cache, boardId, task.columnId, (tasks) => withoutTask(tasks, id));
              },
            }),
          { fallback: 'The task could not be deleted.', conflict: DELETE_CONFLICT },
          (error) => {
            if (isConflict(error)) void refreshTask(client, id);
          },
        );
        if (result === undefined) return false;
        // Later, once the views showing the task (its dialog) have closed: evicting it while they
        // are open would make them fetch it again, and find it gone.
        setTimeout(() => {
          client.cache.evict({ id: client.cache.identify({ __typename: 'Task', id }) });
          client.cache.gc();
        }, 0);
        return true;
      }),
    [attempt, client, mutate],
  );

  return { deleteTask, deleting: loading, error: failure?.message ?? null, clearError: clear };
}
