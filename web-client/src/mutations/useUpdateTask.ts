import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { isConflict } from '../apollo/errors';
import { graphql } from '../gql';
import { readTaskSnapshot, readTaskVersion, refreshTask } from './taskSnapshot';
import { queueTaskWrite } from './taskWrites';
import { useFailure } from './useFailure';

export const UpdateTaskMutation = graphql(`
  mutation UpdateTask($input: UpdateTaskInput!) {
    updateTask(input: $input) {
      id
      ...TaskSnapshot
    }
  }
`);

type Snapshot = NonNullable<ReturnType<typeof readTaskSnapshot>>;
/** Only the fields given change; `assignee: null` unassigns, `dueDate: null` removes the due date. */
export type TaskChanges = Partial<Pick<Snapshot, 'title' | 'description' | 'dueDate' | 'assignee' | 'labels'>>;

/**
 * Saves changes to a task against the version the cache holds. On CONFLICT the task is refetched, so
 * the form shows what won and the next save is based on it; the form itself keeps the user's edits.
 * `conflict` words the CONFLICT message for a change made elsewhere than the form (a shortcut).
 */
export function useUpdateTask() {
  const [mutate, { loading, client }] = useMutation(UpdateTaskMutation);
  const { failure, attempt, clear } = useFailure();

  const updateTask = useCallback(
    (id: string, changes: TaskChanges, { conflict }: { conflict?: string } = {}): Promise<boolean> =>
      queueTaskWrite(client, id, async () => {
        // read when sent: after the user's own earlier writes to this task have come back
        const current = readTaskVersion(client.cache, id);
        if (!current) return false;
        const task = readTaskSnapshot(client.cache, id);
        const result = await attempt(
          () =>
            mutate({
              variables: {
                input: {
                  id,
                  expectedVersion: current.version,
                  title: changes.title,
                  description: changes.description,
                  dueDate: changes.dueDate,
                  assigneeId: changes.assignee === undefined ? undefined : (changes.assignee?.id ?? null),
                  labelIds: changes.labels?.map((label) => label.id),
                },
              },
              optimisticResponse: task ? { updateTask: { ...task, ...changes, version: task.version + 1 } } : undefined,
            }),
          { fallback: 'The task could not be saved.', conflict },
          (error) => {
            if (isConflict(error)) void refreshTask(client, id);
          },
        );
        return result !== undefined;
      }),
    [attempt, client, mutate],
  );

  return {
    updateTask,
    saving: loading,
    error: failure?.message ?? null,
    conflict: failure ? isConflict(failure.error) : false,
    clearError: clear,
  };
}
