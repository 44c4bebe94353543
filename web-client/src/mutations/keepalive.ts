// A mutation sent while the page is going away (pagehide): fetch with keepalive, which the browser
// completes after the page is gone. Not through Apollo Client: its link chain may wait a task or
// more before fetching, and no later task runs on a page being unloaded. The request starts before
// this function returns.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, print } from 'graphql';

export interface LeavingResult<TData> {
  data?: TData | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function sendWhileLeaving<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<LeavingResult<TData>> {
  const response = await fetch('/graphql', {
    method: 'POST',
    keepalive: true,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      operationName: getOperationAST(document)?.name?.value,
      query: print(document),
      variables,
    }),
  });
  return (await response.json()) as LeavingResult<TData>;
}
