// What the task mutations read from the cache before they write: the version a change is based on,
// and every field of a task the app shows (what optimistic updates start from, and what a refetch
// after a CONFLICT brings back so the user sees the version that won).
import type { ApolloCache, ApolloClient } from '@apollo/client';
import { graphql } from '../gql';

export const TaskVersionFragment = graphql(`
  fragment TaskVersion on Task {
    id
    title
    columnId
    version
  }
`);

export const TaskSnapshotFragment = graphql(`
  fragment TaskSnapshot on Task {
    id
    ...TaskCard_task
    ...TaskForm_task
  }
`);

export const RefreshTaskQuery = graphql(`
  query RefreshTask($id: ID!) {
    task(id: $id) {
      id
      ...TaskSnapshot
    }
  }
`);

/** Always there for a task on screen (a card or the dialog has loaded these fields). */
export function readTaskVersion(cache: ApolloCache, id: string) {
  return cache.readFragment({ fragment: TaskVersionFragment, id: cache.identify({ __typename: 'Task', id }) });
}

/**
 * null when some field is not cached, e.g. a task opened from a search result whose card is on a
 * page of its column not loaded yet: its change is then shown when the server confirms it.
 */
export function readTaskSnapshot(cache: ApolloCache, id: string) {
  return cache.readFragment({
    fragment: TaskSnapshotFragment,
    fragmentName: 'TaskSnapshot',
    id: cache.identify({ __typename: 'Task', id }),
  });
}

/** Loads the task's current version from the server into the cache; failures leave the cache as it is. */
export async function refreshTask(client: ApolloClient, id: string): Promise<void> {
  await client
    .query({ query: RefreshTaskQuery, variables: { id }, fetchPolicy: 'network-only' })
    .catch(() => undefined);
}
