// The board's three columns, in order, and what the UI calls them.
import type { TaskStatus } from '../gql/graphql';

export const STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'] as const satisfies readonly TaskStatus[];

export const STATUS_LABELS: Record<TaskStatus, string> = {
  TODO: 'To do',
  IN_PROGRESS: 'In progress',
  DONE: 'Done',
};
