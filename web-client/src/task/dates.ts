// Due dates are calendar days. The API stores a date-time, so a day travels as midnight UTC and is
// read back in UTC: the day a user picks is the day everyone sees, whatever their time zone.
const DAY_FORMAT = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2026-12-03T00:00:00.000Z" -> "2026-12-03", the value of an <input type="date"> */
export const toDateInput = (iso: string | null): string => (iso ? iso.slice(0, 10) : '');

/** "2026-12-03" -> "2026-12-03T00:00:00.000Z"; "" -> null (no due date) */
export const fromDateInput = (value: string): string | null => (value ? `${value}T00:00:00.000Z` : null);

export const formatDueDate = (iso: string): string => DAY_FORMAT.format(new Date(iso));

/** Due before today (the user's today). */
export function isOverdue(iso: string, now = new Date()): boolean {
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return toDateInput(iso) < today;
}

const DATE_TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatDateTime = (iso: string): string => DATE_TIME_FORMAT.format(new Date(iso));
