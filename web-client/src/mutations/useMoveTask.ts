import type { ApolloCache } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { ColumnTasksQuery, readColumnTasks, updateColumnTasks, withoutTask, withTask } from '../apollo/columnTasks';
import { isConflict } from '../apollo/errors';
import { graphql } from '../gql';
import { readTaskVersion, refreshTask } from './taskSnapshot';
import { queueTaskWrite } from './taskWrites';
import { useFailure } from './useFailure';

export const MoveTaskMutation = graphql(`
  mutation MoveTask($input: MoveTaskInput!) {
    moveTask(input: $input) {
      id
      columnId
      version
      position
    }
  }
`);

const MOVE_CONFLICT =
  'This task was changed by someone else, so it was not moved. The board now shows the latest version; try again.';

export interface MoveTaskRequest {
  boardId: string;
  id: string;
  /** the column it is in (Column.id) */
  from: string;
  /** the column it goes to */
  to: string;
  /** where it lands in `to`, counted without the task itself (larger than the column: last) */
  index: number;
}

/** Takes the task out of its column's list and puts it into the other one at `index`. */
function moveInLists(
  cache: ApolloCache,
  { boardId, id, from, to, index }: MoveTaskRequest,
  changes: { columnId: string; version?: number },
) {
  const moving = readColumnTasks(cache, boardId, from)?.edges.find((edge) => edge.node.id === id)?.node;
  if (!moving) return;
  updateColumnTasks(cache, boardId, from, (tasks) => withoutTask(tasks, id));
  updateColumnTasks(cache, boardId, to, (tasks) => withTask(tasks, { ...moving, ...changes }, index));
}

function positionIn(cache: ApolloCache, { boardId, id, from }: MoveTaskRequest): number {
  return readColumnTasks(cache, boardId, from)?.edges.find((edge) => edge.node.id === id)?.node.position ?? 0;
}

/** Moves a task within its column or to another one; the card moves at once and comes back if the server refuses. */
export function useMoveTask() {
  const [mutate, { client }] = useMutation(MoveTaskMutation);
  const { failure, attempt, clear } = useFailure();

  const moveTask = useCallback(
    (move: MoveTaskRequest): Promise<boolean> =>
      queueTaskWrite(
        client,
        move.id,
        async () => {
          // read when sent: after the user's own earlier writes to this task have come back
          const task = readTaskVersion(client.cache, move.id);
          if (!task) return false;
          const result = await attempt(
            () =>
              mutate({
                variables: {
                  input: { id: move.id, columnId: move.to, index: move.index, expectedVersion: task.version },
                },
                optimisticResponse: {
                  moveTask: {
                    __typename: 'Task',
                    id: move.id,
                    columnId: move.to,
                    version: task.version + 1,
                    // the server's is not known yet; until it answers, the lists' order is what shows
                    position: positionIn(client.cache, move),
                  },
                },
                // runs twice, on the optimistic layer and then on the server's answer, each time from
                // the lists as they were before the move
                update(cache, { data }) {
                  if (data) moveInLists(cache, move, data.moveTask);
                },
              }),
            { fallback: `"${task.title}" could not be moved.`, conflict: MOVE_CONFLICT },
            (error) => {
              if (!isConflict(error)) return;
              // someone else moved or edited it: show where everything is now
              void refreshTask(client, move.id);
              void client.refetchQueries({ include: [ColumnTasksQuery] }).catch(() => undefined);
            },
          );
          return result !== undefined;
        },
        (cache) => moveInLists(cache, move, { columnId: move.to }),
      ),
    [attempt, client, mutate],
  );

  return { moveTask, error: failure?.message ?? null, clearError: clear };
}
