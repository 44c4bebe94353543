// Turns what Apollo Client reports into what a person can act on, using the API's stable error codes
// (extensions.code, with per-field details for BAD_USER_INPUT and currentVersion for CONFLICT).
import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';

export const CONFLICT_MESSAGE =
  'This task was changed by someone else while you were editing it. The latest version is now shown; your unsaved edits are still in the form, so review them and try again.';

const UNREACHABLE_MESSAGE = 'Cannot reach the server. Check your connection and try again.';
/** The app's server answers, but the API behind it does not (down, restarting, overloaded). */
export const SERVER_DOWN_MESSAGE = 'Taskboard is not answering right now. Try again in a moment.';
/** The same, where the app asks again by itself (the account check of every page, RequireViewer). */
export const SERVER_DOWN_RETRYING_MESSAGE = 'Taskboard is not answering right now. Retrying…';

/** The web server answered 502/503/504: the API behind it is down, restarting or too slow. */
export const isServerDown = (error: unknown): boolean =>
  ServerError.is(error) && [502, 503, 504].includes(error.statusCode);

/** After OUTCOME_UNKNOWN: the API's own message speaks of idempotency keys, which are not the user's
 * business. Trying again is safe: a create resends its key, an edit its expected version. */
export const OUTCOME_UNKNOWN_MESSAGE =
  'The connection was lost while this was being saved, so it may have been saved. Trying again is safe: it will not be saved twice.';

/** The words used for the API's input fields in messages. */
const FIELD_NAMES: Record<string, string> = {
  assigneeId: 'Assignee',
  labelIds: 'Labels',
  dueDate: 'Due date',
  body: 'Comment',
  userId: 'Member',
};

function firstError(error: unknown) {
  return CombinedGraphQLErrors.is(error) ? error.errors[0] : undefined;
}

export function errorCode(error: unknown): string | undefined {
  const code = firstError(error)?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

export const isConflict = (error: unknown): boolean => errorCode(error) === 'CONFLICT';

/** "email" -> "Email", "input.dueDate" -> "Due date" */
export function fieldLabel(path: string): string {
  const name = path.split('.').pop() ?? path;
  if (FIELD_NAMES[name]) return FIELD_NAMES[name];
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** BAD_USER_INPUT's messages per field, keyed by the field's last name ("email", "title"). */
export function fieldErrors(error: unknown): Record<string, string> {
  const fields = firstError(error)?.extensions?.fields;
  if (!fields || typeof fields !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [path, messages] of Object.entries(fields as Record<string, unknown>)) {
    const text = Array.isArray(messages) ? messages.join('; ') : String(messages);
    // a sentence, ended like the app's own messages ("Email is already registered; sign in instead.")
    const sentence = `${fieldLabel(path)} ${text}`;
    out[path.split('.').pop() ?? path] = /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
  }
  return out;
}

/**
 * One sentence for the user. Expected failures carry a message written for people (the API masks
 * everything else), so it is shown as it is; `fallback` says what failed when there is nothing better.
 */
export function userMessage(error: unknown, fallback: string, conflict = CONFLICT_MESSAGE): string {
  if (CombinedGraphQLErrors.is(error)) {
    const code = errorCode(error);
    if (code === 'CONFLICT') return conflict;
    if (code === 'OUTCOME_UNKNOWN') return `${fallback} ${OUTCOME_UNKNOWN_MESSAGE}`;
    if (code === 'BAD_USER_INPUT') {
      const fields = Object.values(fieldErrors(error));
      return fields.length ? fields.join(' ') : (error.errors[0]?.message ?? fallback);
    }
    // graphql-js's own wording about the request is of no use to the person using the app
    if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED') return fallback;
    return error.errors[0]?.message ?? fallback;
  }
  if (ServerError.is(error)) {
    // one short sentence, which promises no retry: only the account check retries by itself
    if (isServerDown(error)) return SERVER_DOWN_MESSAGE;
    return error.statusCode >= 500 ? `${fallback} The server had a problem; please retry in a moment.` : fallback;
  }
  if (ServerParseError.is(error)) return fallback;
  if (error instanceof TypeError) return UNREACHABLE_MESSAGE;
  return fallback;
}
