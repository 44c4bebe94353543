import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { updateColumnTasks, withTask } from '../apollo/columnTasks';
import { graphql } from '../gql';
import { optimisticId } from './optimistic';
import { useIdempotencyKey } from './idempotency';
import { useFailure } from './useFailure';

export const CreateTaskMutation = graphql(`
  mutation CreateTask($input: CreateTaskInput!) {
    createTask(input: $input) {
      id
      position
      ...TaskSnapshot
    }
  }
`);

/**
 * Adds a task at the top of a column, where the form is and where the user looks: it shows at once
 * (and goes away if the server refuses), and stays there after a reload, never behind "Load more".
 */
export function useCreateTask() {
  const [mutate] = useMutation(CreateTaskMutation);
  const { failure, attempt, clear } = useFailure();
  const { keyFor, settle } = useIdempotencyKey();

  const createTask = useCallback(
    async ({ boardId, columnId, title }: { boardId: string; columnId: string; title: string }) => {
      const idempotencyKey = keyFor({ boardId, columnId, title });
      const result = await attempt(
        () =>
          mutate({
            variables: { input: { boardId, columnId, title, index: 0, idempotencyKey } },
            optimisticResponse: {
              createTask: {
                __typename: 'Task',
                id: optimisticId(),
                boardId,
                title: title.trim(),
                description: null,
                columnId,
                version: 1,
                // at the top: where the server puts it (its real position comes with the answer)
                position: Number.MIN_SAFE_INTEGER,
                dueDate: null,
                commentCount: 0,
                assignee: null,
                labels: [],
              },
            },
            update(cache, { data }) {
              if (data) updateColumnTasks(cache, boardId, columnId, (tasks) => withTask(tasks, data.createTask, 0));
            },
          }),
        { fallback: 'The task could not be added.' },
        settle,
      );
      if (result) settle();
      return result?.data?.createTask.id;
    },
    [attempt, keyFor, mutate, settle],
  );

  return { createTask, error: failure?.message ?? null, clearError: clear };
}
