// The one Apollo Client of the app: HTTP to the same-origin /graphql proxy (the session is an httpOnly
// cookie), subscriptions over a WebSocket on the same path (live.ts), and a normalised cache whose
// type policies make every "Load more" fetch only the next page.
import {
  ApolloClient,
  ApolloLink,
  HttpLink,
  InMemoryCache,
  type FieldMergeFunction,
  type FieldPolicy,
  type FieldReadFunction,
  type Reference,
  type StoreObject,
} from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { getMainDefinition, relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode, type DocumentNode } from 'graphql';
import { createLiveConnection, type LiveConnection } from './live';
import { retryLink } from './retry';
import { ViewerQuery } from './viewer';

type StoredEdge = { cursor?: string; node?: Reference } | (Reference & { cursor?: string });
interface StoredConnection {
  edges: StoredEdge[];
  pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean; startCursor: string; endCursor: string };
  [extra: string]: unknown;
}
type KeyArgs = FieldPolicy['keyArgs'];

const nodeKey = (edge: StoredEdge): string | undefined =>
  'node' in edge && edge.node && '__ref' in edge.node ? edge.node.__ref : undefined;

/**
 * relayStylePagination, plus one rule: an item the incoming page holds is dropped from where it sat
 * before. Optimistic updates put new and moved items where the user expects them (a new task at the
 * end of what is loaded, a moved task at its new index) without a server cursor; when "Load more"
 * then brings the same item in its real place, it must not appear twice.
 */
function connectionPolicy(keyArgs: KeyArgs): FieldPolicy<StoredConnection> & Required<Pick<FieldPolicy, 'read'>> {
  const relay = relayStylePagination(keyArgs) as unknown as {
    keyArgs: KeyArgs;
    read: NonNullable<FieldPolicy<StoredConnection>['read']>;
    merge: Extract<FieldPolicy<StoredConnection>['merge'], (...args: never[]) => unknown>;
  };
  return {
    keyArgs,
    read: relay.read,
    merge(existing, incoming, options) {
      const merged = relay.merge(existing, incoming, options);
      const incomingCount = incoming.edges?.length ?? 0;
      if (!existing || !incomingCount || !options.args?.after) return merged;
      const firstIncoming = merged.edges.length - incomingCount;
      const incomingKeys = new Set(merged.edges.slice(firstIncoming).map(nodeKey));
      return {
        ...merged,
        edges: merged.edges.filter((edge, i) => i >= firstIncoming || !incomingKeys.has(nodeKey(edge))),
      };
    },
  };
}

/**
 * Board.tasks(columnId) is what a column shows, and the only place mutations and "Load more" change.
 *
 * The board query still loads every column's first page through Board.columns (one request, two SQL
 * statements on the server for the tasks). Until something is stored under Board.tasks(columnId),
 * reading that field falls back to that Column's own `tasks` (the first page, stored on the Column,
 * which is normalised by its id), so the column view renders from the board query without a request
 * of its own. The first write to Board.tasks(columnId) (a mutation's cache update through
 * cache.updateQuery, or the copy taken before the first "Load more") stores the list as the user sees
 * it; from then on it is the column. Keeping a single list per column, instead of the first page on
 * the Column and later pages in Board.tasks, means every mutation updates one list. To bring a stored
 * column up to date (after a CONFLICT), refetch the column's own query (ColumnTasks): a page without
 * `after` replaces the list. Refetching the board query would not, as the stored list takes
 * precedence over the Column's first page (a column deleted with its tasks moved evicts Board.tasks
 * after the board query is loaded again, see board/useLiveBoard.ts).
 */
function boardTasksPolicy(): FieldPolicy<StoredConnection> {
  const connection = connectionPolicy(['columnId']);
  return {
    ...connection,
    read(existing, options) {
      if (existing || options.args?.after) return connection.read(existing, options);
      const columnId = options.args?.columnId as string | undefined;
      if (!columnId) return undefined;
      const column = options.toReference({ __typename: 'Column', id: columnId });
      const firstPage = column && options.readField<StoredConnection>('tasks', column);
      return firstPage ? connection.read(firstPage, options) : undefined;
    },
  };
}

/**
 * Members have no id, so a plain write would replace the list with whatever fields the latest query
 * asked for (the task dialog's names only), and the board query, missing roles, would refetch.
 * Matching members by their user keeps every query's fields.
 */
const mergeMembers: FieldMergeFunction<readonly StoreObject[]> = (
  existing = [],
  incoming,
  { readField, mergeObjects },
) => {
  const userOf = (member: StoreObject) => readField<Reference>('user', member)?.__ref;
  return incoming.map((member) => {
    const previous = existing.find((m) => userOf(m) === userOf(member));
    return previous ? mergeObjects(previous, member) : member;
  });
};

/** A connection's edges without those whose node is no longer in the cache (see createCache). */
const withoutDanglingNodes: FieldReadFunction<readonly StoreObject[]> = (edges, { canRead, readField }) =>
  edges?.filter((edge) => canRead(readField<Reference>('node', edge)));

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          boards: connectionPolicy(false),
          searchTasks: connectionPolicy([
            'boardId',
            'query',
            'columnId',
            'assigneeId',
            'unassigned',
            'labelId',
            'dueFrom',
            'dueBefore',
            'open',
            'order',
          ]),
        },
      },
      Board: {
        fields: {
          // the board's columns in order, one entry whatever the page size: the latest answer (or
          // column mutation, or live event) replaces the list; each Column is normalised by its id
          columns: { keyArgs: false, merge: false },
          tasks: boardTasksPolicy(),
          members: { merge: mergeMembers },
        },
      },
      // a Column is normalised by its id (the default); `tasks` is its first page as Board.columns
      // loaded it, which Board.tasks(columnId) reads until it stores a list of its own
      Column: { fields: { tasks: { merge: false } } },
      // no id of its own: it lives inside its board
      Member: { keyFields: false },
      Task: { fields: { comments: connectionPolicy(false) } },
      // A task deleted by someone else is evicted from the cache (board/boardEvents.ts), but lists
      // the event does not know of (the board query's own first pages) still point at it: such a
      // list would read as incomplete, and Apollo would load the whole board again for every viewer.
      TaskConnection: { fields: { edges: { read: withoutDanglingNodes } } },
    },
  });
}

const signedOut = (client: ApolloClient) => client.cache.writeQuery({ query: ViewerQuery, data: { me: null } });

/**
 * A session that ends while the app is open (expiry, sign-out in another tab) makes the API answer
 * UNAUTHENTICATED: forget the viewer so that the guarded routes send the user to the sign-in page.
 */
function sessionLink(): ApolloLink {
  return new ErrorLink(({ error, operation }) => {
    if (!CombinedGraphQLErrors.is(error)) return;
    if (!error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) return;
    if (operation.operationName === 'SignIn') return;
    signedOut(operation.client);
  });
}

/** What the app calls itself to the API (gateway-api/src/graphql/trusted-documents.ts). */
export const WEB_CLIENT_NAME = 'taskboard-web';

/**
 * The SHA-256 graphql-codegen wrote into the document (`__meta__.hash`, "sha256:<hex>"). A document
 * without one was not generated from the app's sources: it has no place in the API's trusted documents.
 */
export function trustedDocumentHash(document: DocumentNode): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('This operation was not generated by graphql-codegen, so it has no trusted-document hash');
  return hash.replace(/^sha256:/, '');
}

/** Subscriptions go over the WebSocket, everything else over HTTP. */
export const isSubscription = ({ query }: ApolloLink.Operation) => {
  const definition = getMainDefinition(query);
  return definition.kind === 'OperationDefinition' && definition.operation === OperationTypeNode.SUBSCRIPTION;
};

export function createApolloClient(): { client: ApolloClient; live: LiveConnection } {
  // the API closes the socket of a session that ended with 4401: the same signed-out flow as over HTTP
  const live = createLiveConnection({ onSessionEnded: () => signedOut(client) });
  const http = ApolloLink.from([
    // mutations that failed for a passing reason, again with the same variables (idempotency key)
    retryLink(),
    // Each operation goes as its hash alone: the API runs the documents the app is built with by
    // their SHA-256 (schema/trusted-documents.json), which graphql-codegen put in each document.
    // `npm run check:schema` holds each one, as written, to the API's limits.
    new PersistedQueryLink({ generateHash: trustedDocumentHash }),
    new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
  ]);
  const client: ApolloClient = new ApolloClient({
    // only subscriptions go over the WebSocket; the API refuses anything else there
    link: ApolloLink.from([sessionLink(), ApolloLink.split(isSubscription, live.link, http)]),
    cache: createCache(),
    // sent as apollographql-client-name: the API lets this client run only its trusted documents
    clientAwareness: { name: WEB_CLIENT_NAME },
  });
  return { client, live };
}
