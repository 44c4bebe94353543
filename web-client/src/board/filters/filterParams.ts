// The board's filters as the URL holds them (?q=billing&assignee=me&label=12&due=overdue): reading
// them, checked against the board (a label deleted since, a member who left), writing them back, and
// the searchTasks variables they make. Pure: the hook that keeps them in the URL is useBoardFilters.
import type { FilteredTasksQueryVariables } from '../../gql/graphql';
import { DUE_FILTERS, dueRange, type DueFilter } from './dueRanges';

/** The URL's search parameters the filters use; any other parameter is left as it is. */
export const FILTER_PARAMS = ['q', 'assignee', 'label', 'due'] as const;

/** The assignee filter's values besides a member's user id. */
export const ME = 'me';
export const UNASSIGNED = 'none';

/** What searchTasks accepts for its words. */
export const MAX_TEXT_LENGTH = 200;

/** How many matches one request brings: the board's first page of them, all columns together. */
export const MATCHES_PAGE_SIZE = 100;

export interface BoardFilters {
  /** words, as typed ('' for none) */
  text: string;
  /** ME, UNASSIGNED or a member's user id; null for anyone */
  assignee: string | null;
  /** a label's id; null for any label */
  label: string | null;
  due: DueFilter | null;
}

export const NO_FILTERS: BoardFilters = { text: '', assignee: null, label: null, due: null };

/** A filter the URL named but the board no longer has: ignored, and shown as cleared. */
export type ClearedFilter = 'assignee' | 'label' | 'due';

/** What the URL's filters are checked against: the board as it is now. */
export interface BoardChoices {
  memberIds: readonly string[];
  labelIds: readonly string[];
}

/** Whether the text holds a word searchTasks can look for (punctuation alone is none). */
export const hasWords = (text: string): boolean => /[\p{L}\p{N}]/u.test(text);

/** The filters the URL names, each checked against the board; those that no longer apply are left out. */
export function readFilters(
  params: URLSearchParams,
  board: BoardChoices,
): { filters: BoardFilters; cleared: ClearedFilter[] } {
  const cleared: ClearedFilter[] = [];
  const text = (params.get('q') ?? '').slice(0, MAX_TEXT_LENGTH);

  let assignee = params.get('assignee') || null;
  if (assignee !== null && assignee !== ME && assignee !== UNASSIGNED && !board.memberIds.includes(assignee)) {
    assignee = null;
    cleared.push('assignee');
  }
  let label = params.get('label') || null;
  if (label !== null && !board.labelIds.includes(label)) {
    label = null;
    cleared.push('label');
  }
  const dueParam = params.get('due') || null;
  const due = DUE_FILTERS.find((choice) => choice === dueParam) ?? null;
  if (dueParam !== null && due === null) cleared.push('due');

  return { filters: { text, assignee, label, due }, cleared };
}

/** The URL's parameters with these filters (none left empty), the others kept as they were. */
export function writeFilters(params: URLSearchParams, filters: BoardFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of FILTER_PARAMS) next.delete(name);
  if (filters.text) next.set('q', filters.text);
  if (filters.assignee) next.set('assignee', filters.assignee);
  if (filters.label) next.set('label', filters.label);
  if (filters.due) next.set('due', filters.due);
  return next;
}

/** How many filters narrow the board (text counts when it holds a word). */
export function activeFilterCount(filters: BoardFilters): number {
  return (
    (hasWords(filters.text) ? 1 : 0) + (filters.assignee ? 1 : 0) + (filters.label ? 1 : 0) + (filters.due ? 1 : 0)
  );
}

/**
 * The searchTasks variables for these filters, or null when nothing narrows the board (text without
 * a word, and no filter: the API has nothing to look for). Left-out filters are absent, never null,
 * so that equal filters share one cache entry. "me" is the viewer; due dates count from `now`, in
 * the user's calendar.
 */
export function searchVariables(
  boardId: string,
  filters: BoardFilters,
  viewerId: string | undefined,
  now = new Date(),
): FilteredTasksQueryVariables | null {
  if (activeFilterCount(filters) === 0) return null;
  const variables: FilteredTasksQueryVariables = {
    boardId,
    query: hasWords(filters.text) ? filters.text.trim() : '',
  };
  if (filters.assignee === UNASSIGNED) variables.unassigned = true;
  else if (filters.assignee === ME) {
    // signed in to see the board: the viewer is known; were they not, matching no one beats matching anyone
    variables.assigneeId = viewerId ?? '';
  } else if (filters.assignee) variables.assigneeId = filters.assignee;
  if (filters.label) variables.labelId = filters.label;
  if (filters.due) Object.assign(variables, dueRange(filters.due, now));
  return variables;
}
