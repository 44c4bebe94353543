// Renders the app's real routes at a URL with a mocked GraphQL link and the app's own cache (its
// type policies are part of what is tested), and builds mocked responses typed by the generated types.
import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import type { Unmasked } from '@apollo/client/masking';
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { GraphQLFormattedError } from 'graphql';
import { createMemoryRouter } from 'react-router';
import { createCache } from '../apollo/client';
import { ViewerQuery } from '../apollo/viewer';
import { App } from '../app/App';
import { routes } from '../routes';
import { VIEWER, type Viewer } from './fixtures';

type Mock = MockLink.MockedResponse<Record<string, unknown>, Record<string, unknown>>;

/** JSON with sorted keys, to compare variables whatever their keys' order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/**
 * Creates send an idempotency key made up per user action (mutations/idempotency.ts): a mock whose
 * input names none matches any key, as long as one is sent; one that names a key matches only it.
 */
function matchVariables<TVariables extends OperationVariables>(expected: TVariables) {
  const input = (expected as { input?: unknown }).input;
  if (!input || typeof input !== 'object' || 'idempotencyKey' in input) return expected;
  return (actual: TVariables): boolean => {
    const { idempotencyKey, ...rest } = ((actual as { input?: Record<string, unknown> }).input ?? {}) as Record<
      string,
      unknown
    >;
    if (idempotencyKey !== undefined && typeof idempotencyKey !== 'string') return false;
    return canonical({ ...actual, input: rest }) === canonical(expected);
  };
}

export function mockData<TData, TVariables extends OperationVariables>(
  query: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  data: Unmasked<TData>,
  options: { delay?: number } = {},
): Mock {
  return { request: { query, variables: matchVariables(variables) }, result: { data }, ...options } as Mock;
}

/** A response with GraphQL errors, as the API sends expected failures (HTTP 200, extensions.code). */
export function mockErrors<TData, TVariables extends OperationVariables>(
  query: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  errors: GraphQLFormattedError[],
  options: { delay?: number } = {},
): Mock {
  return { request: { query, variables: matchVariables(variables) }, result: { errors }, ...options } as Mock;
}

/** A request that never gets an answer: the view stays in its loading state. */
export function mockPending<TData, TVariables extends OperationVariables>(
  query: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Mock {
  return { request: { query, variables: matchVariables(variables) }, delay: Infinity } as Mock;
}

/** The server could not be reached. */
export function mockNetworkError<TData, TVariables extends OperationVariables>(
  query: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Mock {
  return { request: { query, variables: matchVariables(variables) }, error: new TypeError('Failed to fetch') } as Mock;
}

export const gqlError = (
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLFormattedError => ({
  message,
  extensions: { code, ...extensions },
});

export function renderApp(url: string, mocks: Mock[], { viewer = VIEWER }: { viewer?: Viewer | null } = {}) {
  const cache = createCache();
  cache.writeQuery({ query: ViewerQuery, data: { me: viewer } });
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const user = userEvent.setup();
  const view = render(
    <MockedProvider mocks={mocks} cache={cache}>
      <App router={router} />
    </MockedProvider>,
  );
  return { ...view, cache, router, user };
}
