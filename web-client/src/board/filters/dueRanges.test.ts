// The due-date filters' ranges, from the user's own calendar day: days as midnight UTC, weeks
// ending on Sunday, across month and year ends.
import { describe, expect, it } from 'vitest';
import { addDays, dueRange, localDay } from './dueRanges';

/** A moment on that day of the user's calendar (their time zone, whatever the machine's is). */
const at = (year: number, month: number, day: number, hour = 10, minute = 0) =>
  new Date(year, month - 1, day, hour, minute);

describe('localDay', () => {
  it('is the day of the user’s calendar, early and late in it', () => {
    expect(localDay(at(2026, 12, 2, 0, 5))).toBe('2026-12-02');
    expect(localDay(at(2026, 12, 2, 23, 55))).toBe('2026-12-02');
    expect(localDay(at(2027, 1, 9))).toBe('2027-01-09');
  });
});

describe('addDays', () => {
  it('crosses months, leap days and years', () => {
    expect(addDays('2026-01-30', 3)).toBe('2026-02-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });
});

describe('overdue', () => {
  it('is due before today, outside the last column', () => {
    expect(dueRange('overdue', at(2026, 12, 2))).toEqual({ dueBefore: '2026-12-02T00:00:00.000Z', open: true });
  });

  it('is today’s in the user’s calendar, late in the evening too', () => {
    expect(dueRange('overdue', at(2026, 12, 31, 23, 59))).toEqual({
      dueBefore: '2026-12-31T00:00:00.000Z',
      open: true,
    });
    expect(dueRange('overdue', at(2027, 1, 1, 0, 1)).dueBefore).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('this week', () => {
  it('on a Wednesday: from today to Sunday, both included', () => {
    expect(dueRange('week', at(2026, 12, 2))).toEqual({
      dueFrom: '2026-12-02T00:00:00.000Z',
      dueBefore: '2026-12-07T00:00:00.000Z',
    });
  });

  it('on a Sunday: today only', () => {
    expect(dueRange('week', at(2026, 12, 6, 22))).toEqual({
      dueFrom: '2026-12-06T00:00:00.000Z',
      dueBefore: '2026-12-07T00:00:00.000Z',
    });
  });

  it('on a Saturday: today and Sunday, into the next month', () => {
    expect(dueRange('week', at(2026, 2, 28))).toEqual({
      dueFrom: '2026-02-28T00:00:00.000Z',
      dueBefore: '2026-03-02T00:00:00.000Z',
    });
  });

  it('across a month end', () => {
    expect(dueRange('week', at(2026, 1, 30))).toEqual({
      dueFrom: '2026-01-30T00:00:00.000Z',
      dueBefore: '2026-02-02T00:00:00.000Z',
    });
  });

  it('across a year end', () => {
    expect(dueRange('week', at(2024, 12, 31))).toEqual({
      dueFrom: '2024-12-31T00:00:00.000Z',
      dueBefore: '2025-01-06T00:00:00.000Z',
    });
    // a Sunday on the 27th: the week ends before the year does
    expect(dueRange('week', at(2026, 12, 27)).dueBefore).toBe('2026-12-28T00:00:00.000Z');
  });
});
