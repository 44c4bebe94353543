// The board filter's due-date choices as the date ranges searchTasks takes. Due dates are calendar
// days sent as midnight UTC (task/dates.ts); "today" is the user's own calendar day, as the cards'
// "overdue" is.
import { fromDateInput } from '../../task/dates';

export type DueFilter = 'overdue' | 'week';

export const DUE_FILTERS: readonly DueFilter[] = ['overdue', 'week'];

export interface DueRange {
  dueFrom?: string;
  dueBefore?: string;
  open?: boolean;
}

/** The user's calendar day at `now`, as "YYYY-MM-DD". */
export function localDay(now: Date): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** "YYYY-MM-DD" and `days` later (or earlier), across months and years. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

const midnight = (day: string) => fromDateInput(day) as string;

/**
 * - overdue: due before today, outside the board's last column (finished work is never overdue, as
 *   on the cards);
 * - week: due from today to the coming Sunday, both included (weeks end on Sunday, as ISO 8601 and
 *   most of Europe count them, whatever the browser's locale; on a Sunday, that is today alone).
 */
export function dueRange(filter: DueFilter, now = new Date()): DueRange {
  const today = localDay(now);
  if (filter === 'overdue') return { dueBefore: midnight(today), open: true };
  const daysToSunday = (7 - now.getDay()) % 7;
  return { dueFrom: midnight(today), dueBefore: midnight(addDays(today, daysToSunday + 1)) };
}
