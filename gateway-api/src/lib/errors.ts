// The API's expected failures, with stable codes (`extensions.code` for GraphQL clients): thrown by
// the services, which know nothing of GraphQL. graphql/errors.ts maps them, and everything else, to
// what a client sees.

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  OUTCOME_UNKNOWN: 'OUTCOME_UNKNOWN',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An expected failure: its message and extensions are safe to show to the client. Services throw it
 * knowing nothing of GraphQL; the GraphQL layer's formatError turns it into the error a client sees.
 */
export class AppError extends Error {
  readonly extensions: Readonly<Record<string, unknown>> & { code: ErrorCode };

  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.extensions = { ...extensions, code };
  }
}

export const unauthenticated = () => new AppError(ErrorCode.UNAUTHENTICATED, 'You must be signed in to do this.');

/** Also used for things that exist but the viewer may not see, so ids cannot be probed. */
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found.`);

export const forbidden = (message: string) => new AppError(ErrorCode.FORBIDDEN, message);

/** BAD_USER_INPUT with one message per field: `extensions.fields = { title: ["..."] }`. */
export function badInput(fields: Record<string, string[]>, message = 'The input is not valid.') {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { fields });
}

export const conflict = (message: string, extensions: Record<string, unknown>) =>
  new AppError(ErrorCode.CONFLICT, message, extensions);
