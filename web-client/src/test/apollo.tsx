// Renders the app's real routes at a URL, in a history kept in memory, with a mocked GraphQL link and
// the app's own cache (its type policies are part of what is tested), and builds mocked responses
// typed by the generated types.
// Subscriptions go to a TestLive instead, which the test drives: the events it sends, and the
// connection status the board's indicator shows.
import { ApolloLink, type OperationVariables, type TypedDocumentNode } from '@apollo/client';
import type { Unmasked } from '@apollo/client/masking';
import { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { Observable, type Observer } from 'rxjs';
import { createCache, isSubscription } from '../apollo/client';
import { LiveConnectionContext, type LiveConnection, type LiveStatus } from '../apollo/live';
import { ViewerQuery } from '../apollo/viewer';
import { App } from '../app/App';
import type { BoardEvent } from '../board/boardEvents';
import { Routes, type AppRoutes } from '../routes';
import { createMemoryHistory } from '../routing';
import { VIEWER, type Viewer } from './fixtures';

/**
 * Every page's code, already loaded: routes.tsx downloads each page when its route is first matched,
 * and a test renders a page at once, as it always has. Loading pages lazily is tested on its own
 * (app/lazyRoutes.test.tsx), with routes of its own given to renderApp.
 */
await Promise.all(Object.values(Routes.pages).map((page) => page.preload()));

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

/**
 * The live connection as the test drives it: the subscriptions the app starts (their variables), the
 * events and errors the server would send them, and the socket's status.
 */
export class TestLive implements LiveConnection {
  /** the variables of every subscription started, in order */
  readonly started: Record<string, unknown>[] = [];
  private readonly open = new Set<Observer<FormattedExecutionResult>>();
  private readonly listeners = new Set<() => void>();
  private current: LiveStatus = 'live';

  readonly link = new ApolloLink(
    (operation) =>
      new Observable<FormattedExecutionResult>((observer) => {
        this.started.push({ ...operation.variables });
        this.open.add(observer);
        return () => this.open.delete(observer);
      }),
  );

  status = () => this.current;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  setStatus(status: LiveStatus) {
    this.current = status;
    for (const listener of this.listeners) listener();
  }

  /** how many subscriptions are open */
  get active(): number {
    return this.open.size;
  }

  /** Sends an event to every open subscription, as the API would. */
  emit(event: BoardEvent) {
    for (const observer of [...this.open]) observer.next({ data: { boardEvents: event } });
  }

  /** Ends every open subscription with GraphQL errors, as the API ends one (then completes). */
  end(errors: GraphQLFormattedError[]) {
    for (const observer of [...this.open]) {
      observer.next({ errors });
      observer.complete();
    }
  }

  /** The socket failed in a way graphql-ws does not retry itself: every subscription errors. */
  drop() {
    for (const observer of [...this.open]) observer.error(new Error('Socket closed with event 1011'));
  }
}

/**
 * The app's requests on their way to the mocks: which have been answered, and the answers held back
 * (for the operations named in `hold`) until the test releases them. To see what the app shows while
 * a request is on its way, and what happens when something else (a live event) arrives first.
 */
export class Traffic {
  private readonly waiting: (() => void)[] = [];
  private readonly hold: string[];
  /** the operation names of the requests answered so far, in order */
  readonly answered: string[] = [];

  constructor({ hold = [] }: { hold?: string[] } = {}) {
    this.hold = hold;
  }

  readonly link = new ApolloLink((operation, forward) => {
    const name = operation.operationName ?? '';
    return new Observable((observer) => {
      let subscription: { unsubscribe(): void } | undefined;
      let cancelled = false;
      const pass = () => {
        if (cancelled) return;
        subscription = forward(operation).subscribe({
          next: (value) => observer.next(value),
          error: (error: unknown) => observer.error(error),
          complete: () => {
            this.answered.push(name);
            observer.complete();
          },
        });
      };
      if (this.hold.includes(name)) this.waiting.push(pass);
      else pass();
      return () => {
        cancelled = true;
        subscription?.unsubscribe();
      };
    });
  });

  /** How many requests are being held. */
  get held(): number {
    return this.waiting.length;
  }

  /** Lets every held request through to its mocked answer. */
  release(): void {
    for (const pass of this.waiting.splice(0)) pass();
  }
}

export function renderApp(
  url: string,
  mocks: Mock[],
  {
    viewer = VIEWER,
    live = new TestLive(),
    routes = Routes,
    traffic,
    askViewer = false,
  }: {
    viewer?: Viewer | null;
    live?: TestLive;
    routes?: AppRoutes;
    traffic?: Traffic;
    /** the app asks the API who is signed in (a Viewer request, which `traffic` may hold), as on a first load */
    askViewer?: boolean;
  } = {},
) {
  const cache = createCache();
  if (askViewer) mocks = [...mocks, mockData(ViewerQuery, {}, { me: viewer })];
  else cache.writeQuery({ query: ViewerQuery, data: { me: viewer } });
  // the test moves in it as a user would (history.navigate, history.go(-1) for Back) and reads it
  const history = createMemoryHistory(url);
  const user = userEvent.setup();
  const mockLink = new MockLink(mocks);
  const link = ApolloLink.split(isSubscription, live.link, traffic ? traffic.link.concat(mockLink) : mockLink);
  const view = render(
    <MockedProvider link={link} cache={cache}>
      <LiveConnectionContext value={live}>
        <App history={history} routes={routes} />
      </LiveConnectionContext>
    </MockedProvider>,
  );
  return { ...view, cache, history, user, live };
}
