// One task's writes (moves, edits, deletion) go to the server one at a time, in the order the user
// made them, each based on the version the one before it returned.
//
// Every write names the version it is based on. Two quick clicks on a card's "Move right" would
// otherwise both name the version before the first move: on a slow connection the second would
// reach the server first, or be refused as a CONFLICT once the first had landed, and the user would
// be told that someone else changed the task when it was they themselves. Waiting writes still show
// at once: `preview` draws them in an optimistic layer of the cache until they are sent.
import type { ApolloCache, ApolloClient } from '@apollo/client';

const queues = new WeakMap<ApolloClient, Map<string, Promise<boolean>>>();
let layers = 0;

/**
 * Runs `write` once the task's earlier writes have finished; it resolves to whether the server
 * accepted it. When an earlier write was refused, a waiting one (based on it) is dropped: resolves false.
 */
export function queueTaskWrite(
  client: ApolloClient,
  taskId: string,
  write: () => Promise<boolean>,
  preview?: (cache: ApolloCache) => void,
): Promise<boolean> {
  let tasks = queues.get(client);
  if (!tasks) queues.set(client, (tasks = new Map()));
  const previous = tasks.get(taskId);

  let result: Promise<boolean>;
  if (!previous) {
    result = write();
  } else {
    const layer = `queued-task-write-${++layers}`;
    if (preview) client.cache.recordOptimisticTransaction(preview, layer);
    result = previous.then((accepted) => {
      // the mutation's own optimistic response takes over from the preview, in the same tick
      client.cache.removeOptimistic(layer);
      return accepted ? write() : false;
    });
  }
  const settled = result.catch(() => false);
  tasks.set(taskId, settled);
  void settled.then(() => {
    if (tasks.get(taskId) === settled) tasks.delete(taskId);
  });
  return result;
}
