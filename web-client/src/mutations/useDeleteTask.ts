import { useApolloClient } from '@apollo/client/react';
import { useCallback } from 'react';
import { updateColumnTasks, withoutTask } from '../apollo/columnTasks';
import { isConflict, userMessage } from '../apollo/errors';
import { useUndo } from '../components/Undo';
import { graphql } from '../gql';
import { sendWhileLeaving } from './keepalive';
import { readTaskVersion, refreshTask } from './taskSnapshot';
import { queueTaskWrite } from './taskWrites';

export const DeleteTaskMutation = graphql(`
  mutation DeleteTask($id: ID!, $expectedVersion: Int!) {
    deleteTask(id: $id, expectedVersion: $expectedVersion)
  }
`);

const DELETE_CONFLICT =
  'This task was changed by someone else, so it was not deleted. The latest version is now shown; delete it again if you still want to.';
const FALLBACK = 'The task could not be deleted.';

let layers = 0;

/**
 * Deletes a task, with a few seconds to undo it (components/Undo.tsx): its card leaves its column at
 * once (an optimistic layer of the cache, which Undo removes), and the delete is sent when the toast
 * runs out. If the server refuses, the card comes back and the toast says why.
 */
export function useDeleteTask() {
  const client = useApolloClient();
  const { schedule } = useUndo();

  const deleteTask = useCallback(
    ({ boardId, id }: { boardId: string; id: string }): boolean => {
      const shown = readTaskVersion(client.cache, id);
      if (!shown) return false;
      const layer = `pending-delete-task-${++layers}`;
      const hide = () => updateColumnTasks(client.cache, boardId, shown.columnId, (tasks) => withoutTask(tasks, id));
      client.cache.recordOptimisticTransaction(hide, layer);

      const done = (deleted: boolean) => {
        if (deleted) {
          hide();
          // Later, once the views showing the task (a dialog opened again) have closed: evicting it
          // while they are open would make them fetch it again, and find it gone.
          setTimeout(() => {
            client.cache.evict({ id: client.cache.identify({ __typename: 'Task', id }) });
            client.cache.gc();
          }, 0);
        }
        client.cache.removeOptimistic(layer);
      };

      schedule({
        message: `Task “${shown.title}” deleted`,
        undo: () => client.cache.removeOptimistic(layer),
        focusAfterUndo: () => document.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(id)}"] a`),
        send: async (leaving) => {
          if (leaving) {
            const task = readTaskVersion(client.cache, id);
            if (!task) return FALLBACK;
            const result = await sendWhileLeaving(DeleteTaskMutation, { id, expectedVersion: task.version });
            done(!result.errors?.length);
            return result.errors?.length ? (result.errors[0]?.message ?? FALLBACK) : null;
          }
          let problem: string | null = null;
          await queueTaskWrite(client, id, async () => {
            // read when sent: after the user's own earlier writes to this task have come back
            const task = readTaskVersion(client.cache, id);
            if (!task) {
              problem = FALLBACK;
              done(false);
              return false;
            }
            try {
              await client.mutate({ mutation: DeleteTaskMutation, variables: { id, expectedVersion: task.version } });
              done(true);
              return true;
            } catch (error) {
              problem = userMessage(error, FALLBACK, DELETE_CONFLICT);
              done(false);
              if (isConflict(error)) void refreshTask(client, id);
              return false;
            }
          });
          return problem;
        },
      });
      return true;
    },
    [client, schedule],
  );

  return { deleteTask };
}
