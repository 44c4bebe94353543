// How the playground talks to the API: the same origin and session cookie as the app itself, so
// that what you run here is what the signed-in user may do. A JSON POST is never a "simple"
// request, which is what the API's CSRF protection asks for; no preflight header is needed.
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { ComponentProps } from 'react';
import type { GraphiQL } from 'graphiql';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

export const GRAPHQL_PATH = '/graphql';

export const playgroundFetcher: Fetcher = async (params, options) => {
  const response = await fetch(GRAPHQL_PATH, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      accept: 'application/graphql-response+json, application/json',
      ...options?.headers,
      'content-type': 'application/json',
    },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as ExecutionResult;
  } catch {
    // A proxy's or load balancer's error page: show what happened instead of a JSON parse error.
    return { errors: [new GraphQLError(`HTTP ${response.status} ${response.statusText}: ${text.slice(0, 500)}`)] };
  }
};
