// Taking things that went away out of the cache's lists: a board the viewer lost (deleted, or no
// longer a member), wherever it went from (a live event, or the viewer's own delete or leave).
import type { ApolloCache, Reference } from '@apollo/client';

interface StoredConnection {
  edges: { node?: Reference }[];
  totalCount: number;
}

/** A connection as relayStylePagination stores it (search results, boards) without the item `ref`. */
export function withoutListed(value: unknown, ref: string | undefined): unknown {
  const connection = value as StoredConnection | undefined;
  if (!connection || !Array.isArray(connection.edges)) return value;
  const edges = connection.edges.filter((edge) => edge.node?.__ref !== ref);
  if (edges.length === connection.edges.length) return value;
  const removed = connection.edges.length - edges.length;
  return { ...connection, edges, totalCount: Math.max(0, connection.totalCount - removed) };
}

/** Out of the boards list only: the board's own page may still be showing it. */
export function unlistBoard(cache: ApolloCache, boardId: string) {
  const ref = cache.identify({ __typename: 'Board', id: boardId });
  cache.modify<Record<string, unknown>>({
    id: 'ROOT_QUERY',
    fields: { boards: (value) => withoutListed(value, ref) },
  });
}

/**
 * The board is gone for the viewer: out of the boards list, and out of the cache. Only once the
 * views reading it have gone: a view still reading it would fetch it again, and be told it does not exist.
 */
export function forgetBoard(cache: ApolloCache, boardId: string) {
  unlistBoard(cache, boardId);
  cache.evict({ id: cache.identify({ __typename: 'Board', id: boardId }) });
}
