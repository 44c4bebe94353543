// Empty states say what to do next: an empty column, filters that match nothing, a board with only the
// viewer on it, a board without labels, a task without comments. (No boards at all: BoardsPage.test.tsx.)
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TaskCommentsQuery } from '../apollo/taskComments';
import { TaskDialogQuery } from '../task/TaskDialog';
import { mockData, renderApp } from '../test/apollo';
import { BOARD_PAGE_VARS, boardPage, MEMBERS, task, taskComments, taskDialog } from '../test/fixtures';
import { BoardPageQuery } from './BoardPage';
import { FilteredTasksQuery } from './filters/useFilteredTasks';

const region = (name: string) => within(screen.getByRole('region', { name }));
const openBoard = async (mocks: Parameters<typeof renderApp>[1]) => {
  const view = renderApp('/boards/1', mocks);
  await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
  return view;
};
const noResults = {
  searchTasks: {
    __typename: 'TaskConnection' as const,
    totalCount: 0,
    pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: null },
    edges: [],
  },
};

describe('empty states', () => {
  it('an empty column: no tasks yet, add one above or drag a card here', async () => {
    await openBoard([mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage({ columns: { todo: [task('1', 'A')] } }))]);
    const doing = region('In progress');
    expect(doing.getByText('No tasks yet')).toBeTruthy();
    expect(doing.getByText('Add one above, or drag a card here.')).toBeTruthy();
    // above it: the field that adds one
    const field = doing.getByRole('textbox', { name: 'New task title' });
    expect(
      field.compareDocumentPosition(doing.getByText('No tasks yet')) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(region('To do').queryByText('No tasks yet')).toBeNull();
  });

  it('filters that match nothing say what to try: other words, or other filters', async () => {
    const { user } = await openBoard([
      mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage()),
      mockData(FilteredTasksQuery, { boardId: '1', query: 'zebra' }, noResults),
      mockData(FilteredTasksQuery, { boardId: '1', query: 'zebra', labelId: 'l1' }, noResults),
      mockData(FilteredTasksQuery, { boardId: '1', query: '', labelId: 'l1' }, noResults),
    ]);
    const filters = () => region('Filters');
    const text = () => screen.getByRole('searchbox', { name: 'Filter tasks' });
    await user.type(text(), 'zebra');
    expect(await filters().findByText('No tasks match (1 filter).')).toBeTruthy();
    expect(filters().getByText('Try other or fewer words.')).toBeTruthy();
    expect(region('To do').getByText('No matching tasks')).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Label' }), 'Bug');
    expect(await filters().findByText('Try other words, or clear a filter.')).toBeTruthy();

    await user.clear(text());
    expect(await filters().findByText('Try other filters, or fewer of them.')).toBeTruthy();
    // nothing to drag: the hint is what to try, not how to drag again
    expect(filters().queryByText('Clear filters to drag cards.')).toBeNull();
  });

  it('a board with only its owner on it: invite a teammate, which leads to the invitation field', async () => {
    const { user } = await openBoard([
      mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage({ members: [MEMBERS[0]!] })),
    ]);
    const members = region('Members');
    expect(members.getByText('Only you are on this board')).toBeTruthy();
    await user.click(members.getByRole('button', { name: 'Invite a teammate by email' }));
    expect(document.activeElement).toBe(members.getByRole('textbox', { name: 'Invite by email' }));
  });

  it('no such hint once there is a teammate', async () => {
    await openBoard([mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage())]);
    expect(region('Members').queryByText('Only you are on this board')).toBeNull();
    expect(region('Members').queryByRole('button', { name: 'Invite a teammate by email' })).toBeNull();
  });

  it('a board without labels: the task dialog says how to make one', async () => {
    renderApp('/boards/1/tasks/5', [
      mockData(
        BoardPageQuery,
        BOARD_PAGE_VARS,
        boardPage({ columns: { todo: [task('5', 'Write brief')] }, labels: [] }),
      ),
      mockData(TaskDialogQuery, { taskId: '5', boardId: '1' }, taskDialog('5', 'Write brief', { labels: [] })),
      mockData(TaskCommentsQuery, { taskId: '5' }, taskComments('5')),
    ]);
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit task' }));
    const labels = within(await dialog.findByRole('group', { name: 'Labels' }));
    expect(labels.getByText(/^No labels on this board yet\. Name one under “New label” below/)).toBeTruthy();
    expect(labels.getByRole('textbox', { name: 'New label' })).toBeTruthy();
  });

  it('a task without comments: start the conversation below', async () => {
    renderApp('/boards/1/tasks/5', [
      mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage({ columns: { todo: [task('5', 'Write brief')] } })),
      mockData(TaskDialogQuery, { taskId: '5', boardId: '1' }, taskDialog('5', 'Write brief')),
      mockData(TaskCommentsQuery, { taskId: '5' }, taskComments('5')),
    ]);
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit task' }));
    expect(await dialog.findByText('No comments yet')).toBeTruthy();
    expect(dialog.getByText('Start the conversation: write one below.')).toBeTruthy();
    expect(dialog.getByRole('textbox', { name: 'Add a comment' })).toBeTruthy();
  });
});
