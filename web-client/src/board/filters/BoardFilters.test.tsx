// The filter bar on the board page: its choices, its four states (loading, error, nothing matches,
// matches in their columns), filters combined, the URL as the filters' home (a shared link, a
// reload, stale ids), clearing, and a match opening its task with the filters kept.
import type { Unmasked } from '@apollo/client/masking';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TaskCommentsQuery } from '../../apollo/taskComments';
import type { ColumnTask } from '../../apollo/columnTasks';
import { mockData, mockNetworkError, mockPending, renderApp } from '../../test/apollo';
import { BOARD_PAGE_VARS, BOB, boardPage, DIALOG_COLUMNS, LABELS, task, VIEWER } from '../../test/fixtures';
import { TaskDialogQuery } from '../../task/TaskDialog';
import { BoardPageQuery } from '../BoardPage';
import { dueRange } from './dueRanges';
import { FilteredTasksQuery } from './useFilteredTasks';

type Matches = Unmasked<ResultOf<typeof FilteredTasksQuery>>;

const BRIEF = task('1', 'Write brief', { labels: [LABELS[1]!] });
const PLAN = task('2', 'Draft plan');
const VENUE = task('3', 'Book venue', {
  columnId: 'doing',
  assignee: { __typename: 'User', id: BOB.id, name: BOB.name },
});
const RECAP = task('4', 'Brief recap', { columnId: 'done' });
const columns = { todo: [BRIEF, PLAN], doing: [VENUE], done: [RECAP] };
const board = () => mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage({ columns }));

/** searchTasks' answer: these tasks (in the board's order), `more` of them on later pages. */
function matches(tasks: ColumnTask[], { more = 0, offset = 0 } = {}): Matches {
  return {
    searchTasks: {
      __typename: 'TaskConnection',
      totalCount: offset + tasks.length + more,
      pageInfo: { __typename: 'PageInfo', hasNextPage: more > 0, endCursor: `m-${offset + tasks.length}` },
      edges: tasks.map((node, i) => ({ __typename: 'TaskEdge', cursor: `m-${offset + i + 1}`, node })),
    },
  };
}

const brief = { boardId: '1', query: 'brief' };

const region = (name: string) => screen.getByRole('region', { name });
const bar = () => within(region('Filters'));
const textField = () => screen.getByRole('searchbox', { name: 'Filter tasks' });
/** The titles a column shows. */
const titles = (name: string) =>
  within(region(name))
    .queryAllByRole('listitem')
    .map((item) => item.querySelector('.task-card-title')?.textContent);
const options = (name: string) =>
  [...(screen.getByRole('combobox', { name }) as HTMLSelectElement).options].map((option) => option.text);
const chosen = (name: string) => {
  const select = screen.getByRole('combobox', { name }) as HTMLSelectElement;
  return select.options[select.selectedIndex]?.text;
};

async function openBoard(url: string, mocks: Parameters<typeof renderApp>[1]) {
  const view = renderApp(url, [board(), ...mocks]);
  await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
  return view;
}

/** Types into the text field; it reaches the URL, and the search, after a pause. */
async function filterBy(user: ReturnType<typeof renderApp>['user'], text: string) {
  await user.type(textField(), text);
}

describe('the filter bar', () => {
  it('has a named text field and choices starting at "any"; the board starts unfiltered', async () => {
    await openBoard('/boards/1', []);
    expect(textField().getAttribute('data-shortcut')).toBe('filter');
    expect(options('Assignee')).toEqual(['Anyone', 'Me', 'Unassigned', 'Alice Owner', 'Bob Member']);
    expect(options('Label')).toEqual(['Any label', 'Bug', 'Design']);
    expect(options('Due')).toEqual(['Any time', 'Overdue', 'This week']);
    // no column choice: the columns are on the board
    expect(screen.queryByRole('combobox', { name: 'Column' })).toBeNull();
    expect(bar().queryByRole('button', { name: 'Clear filters' })).toBeNull();
    expect(titles('To do')).toEqual(['Write brief', 'Draft plan']);
    expect(within(region('To do')).getByText('2 tasks')).toBeTruthy();
  });

  it('shows only the matching cards, each in its column, with counts; columns without one say so', async () => {
    const { user } = await openBoard('/boards/1', [mockData(FilteredTasksQuery, brief, matches([BRIEF, RECAP]))]);
    await filterBy(user, 'brief');
    await waitFor(() => expect(titles('To do')).toEqual(['Write brief']));
    expect(titles('In progress')).toEqual([]);
    expect(titles('Done')).toEqual(['Brief recap']);
    expect(within(region('To do')).getByText('1 of 2 tasks match')).toBeTruthy();
    expect(within(region('In progress')).getByText('No matching tasks')).toBeTruthy();
    expect(within(region('Done')).queryByText('No matching tasks')).toBeNull();
    expect(bar().getByText('2 matching tasks (1 filter).')).toBeTruthy();
  });

  it('needs a word or a choice before it searches, and gives the whole board back without one', async () => {
    const { user } = await openBoard('/boards/1', [mockData(FilteredTasksQuery, brief, matches([BRIEF, RECAP]))]);
    await filterBy(user, 'brief');
    expect(await within(region('In progress')).findByText('No matching tasks')).toBeTruthy();
    await user.clear(textField());
    // the answer to the filter before is not left standing as if it answered this one
    await waitFor(() => expect(titles('In progress')).toEqual(['Book venue']));
    expect(screen.queryByText('No matching tasks')).toBeNull();
    expect(titles('To do')).toEqual(['Write brief', 'Draft plan']);
    // punctuation alone: nothing to look for, and no request (none is mocked)
    await user.type(textField(), '?!');
    expect(await bar().findByText('Type a letter or a number to filter by text.')).toBeTruthy();
    expect(titles('To do')).toEqual(['Write brief', 'Draft plan']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('filters by a choice alone, without a word', async () => {
    const byLabel = { boardId: '1', query: '', labelId: 'l2' };
    const { user } = await openBoard('/boards/1', [mockData(FilteredTasksQuery, byLabel, matches([BRIEF]))]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Label' }), 'Design');
    await waitFor(() => expect(titles('To do')).toEqual(['Write brief']));
    expect(titles('Done')).toEqual([]);
  });

  it('says it is loading the matches', async () => {
    const { user } = await openBoard('/boards/1', [mockPending(FilteredTasksQuery, brief)]);
    await filterBy(user, 'brief');
    expect((await bar().findByRole('status')).textContent).toMatch(/^Loading matching tasks/);
    expect(within(region('To do')).getByRole('list').getAttribute('aria-busy')).toBe('true');
  });

  it('says when nothing matches', async () => {
    const { user } = await openBoard('/boards/1', [mockData(FilteredTasksQuery, brief, matches([]))]);
    await filterBy(user, 'brief');
    expect(await bar().findByText('No tasks match (1 filter).')).toBeTruthy();
    for (const name of ['To do', 'In progress', 'Done']) {
      expect(within(region(name)).getByText('No matching tasks')).toBeTruthy();
    }
  });

  it('shows an error when filtering fails, once, with a retry that works', async () => {
    const { user } = await openBoard('/boards/1', [
      mockNetworkError(FilteredTasksQuery, brief),
      mockData(FilteredTasksQuery, brief, matches([BRIEF])),
    ]);
    await filterBy(user, 'brief');
    const alert = await bar().findByRole('alert');
    expect(alert.textContent).toMatch(/Cannot reach the server/);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    // no stale cards meanwhile: the columns wait for an answer
    expect(titles('To do')).toEqual([]);
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(titles('To do')).toEqual(['Write brief']));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('combines the filters, links each match to its task, and loads more matches past the first page', async () => {
    const combined = { boardId: '1', query: 'brief', assigneeId: BOB.id, labelId: 'l2', ...dueRange('week') };
    const { user } = await openBoard('/boards/1', [
      mockData(FilteredTasksQuery, combined, matches([BRIEF, PLAN], { more: 1 })),
      mockData(FilteredTasksQuery, { ...combined, after: 'm-2' }, matches([VENUE], { offset: 2 })),
    ]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Assignee' }), 'Bob Member');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Label' }), 'Design');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Due' }), 'This week');
    await filterBy(user, 'brief');
    const link = await within(region('To do')).findByRole('link', { name: 'Write brief' });
    expect(link.getAttribute('href')).toBe('/boards/1/tasks/1?q=brief&assignee=u2&label=l2&due=week');
    expect(bar().getByText('Showing 2 of 3 matching tasks (4 filters).')).toBeTruthy();
    // the column after the last match may have some on the next page: it does not say it has none
    expect(within(region('In progress')).getByText('No matches loaded yet')).toBeTruthy();
    // every task of To do matches: none can be on the next page
    expect(within(region('To do')).getByText('2 of 2 tasks match')).toBeTruthy();
    await user.click(bar().getByRole('button', { name: 'Load more matches' }));
    await waitFor(() => expect(titles('In progress')).toEqual(['Book venue']));
    expect(titles('To do')).toEqual(['Write brief', 'Draft plan']);
    expect(bar().queryByRole('button', { name: 'Load more matches' })).toBeNull();
    expect(bar().getByText('3 matching tasks (4 filters).')).toBeTruthy();
    expect(within(region('Done')).getByText('No matching tasks')).toBeTruthy();
  });

  it('takes away dragging, moving and adding while filtered, and says how to get them back', async () => {
    const { user } = await openBoard('/boards/1', [mockData(FilteredTasksQuery, brief, matches([BRIEF, RECAP]))]);
    const link = (name: string) => screen.getByRole('link', { name });
    // unfiltered: a card's title says how to drag it, and its move buttons are there
    expect(link('Write brief').getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByRole('toolbar', { name: 'Move "Write brief"' })).toBeTruthy();
    await filterBy(user, 'brief');
    expect(await bar().findByText('Clear filters to drag cards.')).toBeTruthy();
    expect(titles('To do')).toEqual(['Write brief']);
    expect(link('Write brief').getAttribute('aria-describedby')).toBeNull();
    expect(screen.queryByRole('toolbar')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Move "/ })).toBeNull();
    expect(document.querySelector('.task-card .drag-handle')).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'New task title' })).toBeNull();

    // from the keyboard: still one Tab stop per column, and the arrow keys between the matches (In
    // progress has none: skipped); Space picks nothing up
    expect(link('Write brief').tabIndex).toBe(0);
    act(() => link('Write brief').focus());
    await user.keyboard(' ');
    expect(link('Write brief').closest('li')?.classList.contains('is-dragging')).toBe(false);
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(link('Brief recap'));
    // Tab from a match leaves its card at once: no move buttons to go through
    await user.keyboard('{ArrowLeft}');
    await user.tab();
    expect(region('To do').contains(document.activeElement)).toBe(false);

    await user.click(bar().getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('toolbar', { name: 'Move "Write brief"' })).toBeTruthy();
    expect(link('Write brief').getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getAllByRole('textbox', { name: 'New task title' })).toHaveLength(3);
  });

  it('folds the choices behind a "Filters" button that counts them (narrow screens show that button)', async () => {
    const { user } = await openBoard('/boards/1?label=l2&due=overdue&q=plan', [
      mockData(FilteredTasksQuery, { boardId: '1', query: 'plan', labelId: 'l2', ...dueRange('overdue') }, matches([])),
    ]);
    const toggle = bar().getByRole('button', { name: 'Filters (2 chosen)' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const choices = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(choices?.contains(screen.getByRole('combobox', { name: 'Label' }))).toBe(true);
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(choices?.className).toContain('is-open');
  });
});

describe('filters in the URL', () => {
  it('come from the URL, as a shared link or a reload brings them, "me" being whoever opens it', async () => {
    const vars = { boardId: '1', query: 'brief', assigneeId: VIEWER.id, labelId: 'l2', ...dueRange('overdue') };
    await openBoard('/boards/1?q=brief&assignee=me&label=l2&due=overdue', [
      mockData(FilteredTasksQuery, vars, matches([BRIEF])),
    ]);
    expect((textField() as HTMLInputElement).value).toBe('brief');
    expect(chosen('Assignee')).toBe('Me');
    expect(chosen('Label')).toBe('Design');
    expect(chosen('Due')).toBe('Overdue');
    await waitFor(() => expect(titles('To do')).toEqual(['Write brief']));
    expect(bar().getByText('1 matching task (4 filters).')).toBeTruthy();
  });

  it('go into the URL: a choice as a history entry of its own, typing as one entry replaced', async () => {
    const { user, history } = await openBoard('/boards/1', [
      mockData(FilteredTasksQuery, { boardId: '1', query: '', unassigned: true }, matches([BRIEF, PLAN, RECAP])),
      mockData(FilteredTasksQuery, { boardId: '1', query: 'plan', unassigned: true }, matches([PLAN])),
    ]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Assignee' }), 'Unassigned');
    expect(history.location.search).toBe('?assignee=none');
    expect(history.action).toBe('PUSH');
    await waitFor(() => expect(titles('Done')).toEqual(['Brief recap']));

    await filterBy(user, 'plan');
    await waitFor(() => expect(history.location.search).toBe('?q=plan&assignee=none'));
    expect(history.action).toBe('REPLACE');
    // one search for the word, not one per letter (only "plan" is mocked)
    await waitFor(() => expect(titles('To do')).toEqual(['Draft plan']));
    expect(screen.queryByRole('alert')).toBeNull();

    // Back undoes the choice, as the typing replaced the entry it made
    act(() => history.go(-1));
    expect(history.location.search).toBe('');
    expect(chosen('Assignee')).toBe('Anyone');
    expect((textField() as HTMLInputElement).value).toBe('');
    expect(titles('To do')).toEqual(['Write brief', 'Draft plan']);
  });

  it('keep both of two choices made in quick succession', async () => {
    const { history } = await openBoard('/boards/1', [
      mockData(FilteredTasksQuery, { boardId: '1', query: '', unassigned: true, labelId: 'l2' }, matches([BRIEF])),
    ]);
    // both in one act(): the first is rendered before the second only because it renders at once
    act(() => {
      fireEvent.change(screen.getByRole('combobox', { name: 'Assignee' }), { target: { value: 'none' } });
      fireEvent.change(screen.getByRole('combobox', { name: 'Label' }), { target: { value: 'l2' } });
    });
    expect(history.location.search).toBe('?assignee=none&label=l2');
    expect(chosen('Assignee')).toBe('Unassigned');
    expect(chosen('Label')).toBe('Design');
    await waitFor(() => expect(titles('To do')).toEqual(['Write brief']));
  });

  it('ignore a member who left and a deleted label, say so, and drop them from the URL when dismissed', async () => {
    const { user, history } = await openBoard('/boards/1?q=brief&assignee=u9&label=l9', [
      mockData(FilteredTasksQuery, brief, matches([BRIEF, RECAP])),
    ]);
    const note = await bar().findByText(/A filter in this link no longer applies/);
    expect(note.textContent).toBe(
      'A filter in this link no longer applies, and was cleared: the member it named is no longer on this board; the label it named no longer exists.',
    );
    expect(chosen('Assignee')).toBe('Anyone');
    expect(chosen('Label')).toBe('Any label');
    // the rest applies
    await waitFor(() => expect(titles('Done')).toEqual(['Brief recap']));
    await user.click(bar().getByRole('button', { name: 'Dismiss' }));
    expect(history.location.search).toBe('?q=brief');
    expect(bar().queryByText(/no longer applies/)).toBeNull();
  });

  it('an unknown due choice is ignored the same way, and the board shows unfiltered', async () => {
    await openBoard('/boards/1?due=someday', []);
    expect(await bar().findByText(/its due date choice is not one this board knows/)).toBeTruthy();
    expect(chosen('Due')).toBe('Any time');
    expect(titles('To do')).toEqual(['Write brief', 'Draft plan']);
  });

  it('"Clear filters" clears them all, from the URL too, and leaves focus in the text field', async () => {
    const { user, history } = await openBoard('/boards/1?q=brief&label=l2', [
      mockData(FilteredTasksQuery, { ...brief, labelId: 'l2' }, matches([BRIEF])),
    ]);
    await waitFor(() => expect(titles('To do')).toEqual(['Write brief']));
    await user.click(bar().getByRole('button', { name: 'Clear filters' }));
    expect(history.location.search).toBe('');
    expect(titles('To do')).toEqual(['Write brief', 'Draft plan']);
    expect((textField() as HTMLInputElement).value).toBe('');
    expect(chosen('Label')).toBe('Any label');
    expect(document.activeElement).toBe(textField());
    expect(bar().queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  it('Escape in the text field clears the text, and the choices stay', async () => {
    const { user, history } = await openBoard('/boards/1?q=brief&label=l2', [
      mockData(FilteredTasksQuery, { ...brief, labelId: 'l2' }, matches([BRIEF])),
      mockData(FilteredTasksQuery, { boardId: '1', query: '', labelId: 'l2' }, matches([BRIEF])),
    ]);
    await waitFor(() => expect(titles('To do')).toEqual(['Write brief']));
    textField().focus();
    await user.keyboard('{Escape}');
    expect((textField() as HTMLInputElement).value).toBe('');
    expect(history.location.search).toBe('?label=l2');
    expect(chosen('Label')).toBe('Design');
  });

  it('a match opens its task, and closing the task gives back the filtered board', async () => {
    const { user, history } = await openBoard('/boards/1?q=brief', [
      mockData(FilteredTasksQuery, brief, matches([BRIEF, RECAP])),
      mockData(TaskDialogQuery, { taskId: '1', boardId: '1' }, dialogData()),
      mockData(TaskCommentsQuery, { taskId: '1' }, noComments),
    ]);
    await user.click(await within(region('To do')).findByRole('link', { name: 'Write brief' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit task' });
    expect(history.location).toMatchObject({ pathname: '/boards/1/tasks/1', search: '?q=brief' });
    // the board behind it stays filtered
    expect(titles('To do')).toEqual(['Write brief']);
    await within(dialog).findByRole('textbox', { name: 'Title' });
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(history.location).toMatchObject({ pathname: '/boards/1', search: '?q=brief' });
    expect((textField() as HTMLInputElement).value).toBe('brief');
    expect(titles('To do')).toEqual(['Write brief']);
  });
});

const noComments = {
  task: {
    __typename: 'Task' as const,
    id: '1',
    comments: {
      __typename: 'CommentConnection' as const,
      totalCount: 0,
      pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: null },
      edges: [],
    },
  },
};

function dialogData(): Unmasked<ResultOf<typeof TaskDialogQuery>> {
  return {
    task: {
      __typename: 'Task',
      id: BRIEF.id,
      boardId: '1',
      title: BRIEF.title,
      description: null,
      dueDate: null,
      version: 1,
      columnId: 'todo',
      assignee: null,
      labels: [{ __typename: 'Label', id: 'l2' }],
    },
    board: {
      __typename: 'Board',
      id: '1',
      viewerRole: 'OWNER',
      columns: DIALOG_COLUMNS,
      members: [
        { __typename: 'Member', user: { __typename: 'User', id: VIEWER.id, name: VIEWER.name } },
        { __typename: 'Member', user: { __typename: 'User', id: BOB.id, name: BOB.name } },
      ],
      labels: LABELS,
    },
  };
}
