import { isReference, type Reference } from '@apollo/client/utilities';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { ViewerQuery } from '../apollo/viewer';
import { graphql } from '../gql';
import { optimisticId } from './optimistic';
import { useIdempotencyKey } from './idempotency';
import { useFailure } from './useFailure';

export const CreateBoardMutation = graphql(`
  mutation CreateBoard($input: CreateBoardInput!) {
    createBoard(input: $input) {
      id
      ...BoardListItem_board
    }
  }
`);

interface StoredBoards {
  edges: { __typename: 'BoardEdge'; cursor: string; node: Reference }[];
  totalCount: number;
}

/** Creates a board (the viewer owns it); it joins the end of the list at once, as the API lists oldest first. */
export function useCreateBoard() {
  const [mutate, { loading }] = useMutation(CreateBoardMutation);
  const client = useApolloClient();
  const { failure, attempt, clear } = useFailure();
  const { keyFor, settle } = useIdempotencyKey();

  const createBoard = useCallback(
    async (name: string) => {
      const idempotencyKey = keyFor({ name: name.trim() });
      const me = client.readQuery({ query: ViewerQuery })?.me;
      const result = await attempt(
        () =>
          mutate({
            variables: { input: { name: name.trim(), idempotencyKey } },
            optimisticResponse: {
              createBoard: {
                __typename: 'Board',
                id: optimisticId(),
                name: name.trim(),
                viewerRole: 'OWNER',
                taskCount: 0,
                // its one member: the viewer, who owns it
                members: me
                  ? [{ __typename: 'Member', role: 'OWNER', user: { __typename: 'User', id: me.id, name: me.name } }]
                  : [],
              },
            },
            update(cache, { data }) {
              if (!data) return;
              cache.modify<{ boards: StoredBoards }>({
                fields: {
                  // Query.boards as relayStylePagination stores it: edges whose nodes are references
                  boards: (boards, { toReference }) => {
                    const node = toReference(data.createBoard);
                    if (!node || isReference(boards) || boards.edges.some((edge) => edge.node.__ref === node.__ref))
                      return boards;
                    return {
                      ...boards,
                      edges: [...boards.edges, { __typename: 'BoardEdge', cursor: '', node }],
                      totalCount: boards.totalCount + 1,
                    };
                  },
                },
              });
            },
          }),
        { fallback: 'The board could not be created.' },
        settle,
      );
      if (result) settle();
      return result?.data?.createBoard;
    },
    [attempt, client, keyFor, mutate, settle],
  );

  return { createBoard, creating: loading, error: failure?.message ?? null, clearError: clear };
}
