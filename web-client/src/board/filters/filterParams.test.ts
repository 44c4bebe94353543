// The filters in the URL: read and checked against the board, written back, counted, and turned
// into searchTasks variables.
import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  NO_FILTERS,
  readFilters,
  searchVariables,
  writeFilters,
  type BoardFilters,
} from './filterParams';

const board = { memberIds: ['u1', 'u2'], labelIds: ['12', '13'] };
const read = (search: string) => readFilters(new URLSearchParams(search), board);

describe('reading the URL', () => {
  it('reads every filter', () => {
    expect(read('?q=billing&assignee=me&label=12&due=overdue')).toEqual({
      filters: { text: 'billing', assignee: 'me', label: '12', due: 'overdue' },
      cleared: [],
    });
    expect(read('?assignee=none&due=week').filters).toEqual({ ...NO_FILTERS, assignee: 'none', due: 'week' });
    expect(read('?assignee=u2').filters.assignee).toBe('u2');
  });

  it('reads no filters from a URL without them, or with empty ones', () => {
    expect(read('')).toEqual({ filters: NO_FILTERS, cleared: [] });
    expect(read('?q=&assignee=&label=&due=')).toEqual({ filters: NO_FILTERS, cleared: [] });
  });

  it('ignores, and reports as cleared, a member who left, a deleted label and an unknown due choice', () => {
    expect(read('?q=plan&assignee=u9&label=99&due=tomorrow')).toEqual({
      filters: { ...NO_FILTERS, text: 'plan' },
      cleared: ['assignee', 'label', 'due'],
    });
    // what still applies stays
    expect(read('?assignee=u1&label=99')).toEqual({ filters: { ...NO_FILTERS, assignee: 'u1' }, cleared: ['label'] });
  });

  it('keeps text as typed, up to what the API accepts', () => {
    expect(read('?q=%20two%20words%20').filters.text).toBe(' two words ');
    expect(read(`?q=${'a'.repeat(250)}`).filters.text).toHaveLength(200);
  });
});

describe('writing the URL', () => {
  const filters: BoardFilters = { text: 'café & co', assignee: 'me', label: '12', due: 'week' };

  it('round-trips every filter', () => {
    const params = writeFilters(new URLSearchParams(), filters);
    expect(params.toString()).toBe('q=caf%C3%A9+%26+co&assignee=me&label=12&due=week');
    expect(readFilters(params, board)).toEqual({ filters, cleared: [] });
  });

  it('leaves out the filters not set and keeps the URL’s other parameters', () => {
    const params = writeFilters(new URLSearchParams('view=compact&q=old&label=13'), { ...NO_FILTERS, due: 'overdue' });
    expect(params.toString()).toBe('view=compact&due=overdue');
    expect(writeFilters(new URLSearchParams('q=x&due=week'), NO_FILTERS).toString()).toBe('');
  });

  it('drops values that no longer apply once the filters are written back', () => {
    const { filters: checked } = read('?assignee=u9&label=12');
    expect(writeFilters(new URLSearchParams('?assignee=u9&label=12'), checked).toString()).toBe('label=12');
  });
});

describe('counting', () => {
  it('counts each filter, and text only when it holds a word', () => {
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...NO_FILTERS, text: '?!' })).toBe(0);
    expect(activeFilterCount({ text: 'plan', assignee: 'none', label: '12', due: 'overdue' })).toBe(4);
  });
});

describe('searchTasks variables', () => {
  const now = new Date(2026, 11, 2, 10); // a Wednesday

  it('are none when nothing narrows the board: the API would have nothing to look for', () => {
    expect(searchVariables('1', NO_FILTERS, 'u1', now)).toBeNull();
    expect(searchVariables('1', { ...NO_FILTERS, text: '  -- ' }, 'u1', now)).toBeNull();
  });

  it('send the words, trimmed', () => {
    expect(searchVariables('1', { ...NO_FILTERS, text: ' billing  ' }, 'u1', now)).toEqual({
      boardId: '1',
      query: 'billing',
    });
  });

  it('let filters alone choose, without words', () => {
    expect(searchVariables('1', { ...NO_FILTERS, text: '?', label: '12' }, 'u1', now)).toEqual({
      boardId: '1',
      query: '',
      labelId: '12',
    });
  });

  it('send "me" as the viewer, and "unassigned" as its own filter', () => {
    expect(searchVariables('1', { ...NO_FILTERS, assignee: 'me' }, 'u7', now)).toEqual({
      boardId: '1',
      query: '',
      assigneeId: 'u7',
    });
    expect(searchVariables('1', { ...NO_FILTERS, assignee: 'none' }, 'u7', now)).toEqual({
      boardId: '1',
      query: '',
      unassigned: true,
    });
    expect(searchVariables('1', { ...NO_FILTERS, assignee: 'u2' }, 'u7', now)?.assigneeId).toBe('u2');
  });

  it('combine every filter, due dates counted from the user’s today', () => {
    expect(searchVariables('1', { text: 'plan', assignee: 'u2', label: '13', due: 'overdue' }, 'u1', now)).toEqual({
      boardId: '1',
      query: 'plan',
      assigneeId: 'u2',
      labelId: '13',
      dueBefore: '2026-12-02T00:00:00.000Z',
      open: true,
    });
    expect(searchVariables('1', { ...NO_FILTERS, due: 'week' }, 'u1', now)).toEqual({
      boardId: '1',
      query: '',
      dueFrom: '2026-12-02T00:00:00.000Z',
      dueBefore: '2026-12-07T00:00:00.000Z',
    });
  });
});
