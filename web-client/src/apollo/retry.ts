// Retries of mutations whose failure may be passing: the database was unavailable (nothing was
// changed: any mutation may go again), or the answer was lost (OUTCOME_UNKNOWN, a network failure, a
// gateway error: only a create carrying an idempotency key may go again, as the API answers its retry
// with what the first attempt created). Apollo's RetryLink does the retrying, with jittered
// exponential backoff; it only sees errors, so the API's retryable GraphQL errors are raised as one
// below it and turned back into the same result above it once it gives up.
import { ApolloLink, type FetchResult } from '@apollo/client';
import { ServerError, ServerParseError } from '@apollo/client/errors';
import { RetryLink } from '@apollo/client/link/retry';
import { OperationTypeNode } from 'graphql';
import { catchError, map, of, throwError } from 'rxjs';

/** Nothing was changed: safe to send again whatever the mutation. */
const UNAVAILABLE = 'DATABASE_UNAVAILABLE';
/** The change may have been stored: only an idempotent request may be sent again. */
const OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN';

export interface RetryOptions {
  /** attempts in all, the first included */
  attempts?: number;
  /** average delay before the first retry, doubling for each further one (ms) */
  initialDelay?: number;
  maxDelay?: number;
}

/** A response with a retryable GraphQL error, carried through RetryLink as an error. */
class RetryableResponse extends Error {
  constructor(
    readonly result: FetchResult,
    readonly code: string,
  ) {
    super(`GraphQL error ${code}`);
  }
}

function retryableCode(result: FetchResult): string | undefined {
  for (const error of result.errors ?? []) {
    const code = error.extensions?.code;
    if (code === UNAVAILABLE || code === OUTCOME_UNKNOWN) return code;
  }
  return undefined;
}

/** A create whose input carries an idempotency key: sending it again cannot create twice. */
export function isIdempotent(operation: ApolloLink.Operation): boolean {
  const input = (operation.variables as { input?: { idempotencyKey?: unknown } }).input;
  return typeof input?.idempotencyKey === 'string';
}

function shouldRetry(error: unknown, operation: ApolloLink.Operation): boolean {
  if (operation.operationType !== OperationTypeNode.MUTATION) return false;
  if (error instanceof RetryableResponse) return error.code === UNAVAILABLE || isIdempotent(operation);
  if (ServerError.is(error)) {
    if (error.statusCode === 503) return true; // the API's DATABASE_UNAVAILABLE as HTTP
    return (error.statusCode === 502 || error.statusCode === 504) && isIdempotent(operation);
  }
  if (ServerParseError.is(error)) return false;
  // fetch's TypeError: the request may or may not have reached the server
  return error instanceof TypeError && isIdempotent(operation);
}

export function retryLink({ attempts = 4, initialDelay = 300, maxDelay = 3000 }: RetryOptions = {}): ApolloLink {
  const raise = new ApolloLink((operation, forward) =>
    forward(operation).pipe(
      map((result) => {
        const code = operation.operationType === OperationTypeNode.MUTATION ? retryableCode(result) : undefined;
        if (code) throw new RetryableResponse(result, code);
        return result;
      }),
    ),
  );
  const restore = new ApolloLink((operation, forward) =>
    forward(operation).pipe(
      catchError((error: unknown) => (error instanceof RetryableResponse ? of(error.result) : throwError(() => error))),
    ),
  );
  const retry = new RetryLink({
    delay: { initial: initialDelay, max: maxDelay, jitter: true },
    attempts: { max: attempts, retryIf: shouldRetry },
  });
  return ApolloLink.from([restore, retry, raise]);
}
