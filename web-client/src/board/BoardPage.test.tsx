import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COLUMN_PAGE_SIZE, ColumnTasksQuery } from '../apollo/columnTasks';
import { MoveTaskMutation } from '../mutations/useMoveTask';
import { CreateTaskMutation } from '../mutations/useCreateTask';
import { RefreshTaskQuery } from '../mutations/taskSnapshot';
import { gqlError, mockData, mockErrors, mockNetworkError, mockPending, renderApp } from '../test/apollo';
import { BOARD_PAGE_VARS, boardPage, connection, cursorOf, task } from '../test/fixtures';
import { BoardPageQuery } from './BoardPage';

const vars = BOARD_PAGE_VARS;
const region = (name: string) => screen.getByRole('region', { name });
const titles = (name: string) =>
  within(within(region(name)).getByRole('list'))
    .queryAllByRole('listitem')
    .map((item) => item.querySelector('.task-card-title')?.textContent);

describe('board page', () => {
  it('shows a loading status while the board loads', () => {
    renderApp('/boards/1', [mockPending(BoardPageQuery, vars)]);
    expect(screen.getByRole('status').textContent).toMatch(/^Loading/);
  });

  it('says so when the board does not exist (or is not the viewer’s)', async () => {
    renderApp('/boards/1', [mockErrors(BoardPageQuery, vars, [gqlError('NOT_FOUND', 'Board not found.')])]);
    expect((await screen.findByRole('alert')).textContent).toMatch(/does not exist/);
    expect(screen.getByRole('link', { name: 'Back to your boards' })).toBeTruthy();
  });

  it('offers a retry when the board cannot be loaded', async () => {
    const { user } = renderApp('/boards/1', [
      mockNetworkError(BoardPageQuery, vars),
      mockData(BoardPageQuery, vars, boardPage()),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Launch plan' })).toBeTruthy();
  });

  it('shows the board’s columns (a new board’s To do, In progress and Done) empty, each with a list and a form to add a task', async () => {
    renderApp('/boards/1', [mockData(BoardPageQuery, vars, boardPage())]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Launch plan' })).toBeTruthy();
    for (const name of ['To do', 'In progress', 'Done']) {
      const column = within(region(name));
      expect(column.getByRole('list')).toBeTruthy();
      expect(column.getByText('No tasks yet')).toBeTruthy();
      expect(column.getByRole('textbox', { name: 'New task title' })).toBeTruthy();
      expect(column.getByRole('button', { name: 'Add task' })).toBeTruthy();
      expect(column.queryByRole('button', { name: 'Load more' })).toBeNull();
    }
  });

  it('shows each column’s tasks as cards that open the task and can be moved', async () => {
    renderApp('/boards/1', [
      mockData(
        BoardPageQuery,
        vars,
        boardPage({
          columns: {
            todo: [
              task('1', 'Write brief', {
                commentCount: 2,
                labels: [{ __typename: 'Label', id: 'l1', name: 'Bug', color: '#dc2626' }],
              }),
            ],
            doing: [task('2', 'Draft plan'), task('3', 'Book venue')],
            done: [task('4', 'Kick-off')],
          },
        }),
      ),
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    expect(titles('To do')).toEqual(['Write brief']);
    expect(titles('In progress')).toEqual(['Draft plan', 'Book venue']);
    expect(titles('Done')).toEqual(['Kick-off']);

    const card = within(region('To do')).getByRole('listitem');
    expect(within(card).getByRole('link', { name: 'Write brief' }).getAttribute('href')).toBe('/boards/1/tasks/1');
    expect(within(card).getByText('2 comments')).toBeTruthy();
    expect(within(card).getByText('Bug')).toBeTruthy();
    const button = (label: string) => screen.getByRole('button', { name: label }) as HTMLButtonElement;
    expect(button('Move "Write brief" left').disabled).toBe(true);
    expect(button('Move "Write brief" right').disabled).toBe(false);
    expect(button('Move "Draft plan" up').disabled).toBe(true);
    expect(button('Move "Draft plan" down').disabled).toBe(false);
    expect(button('Move "Book venue" down').disabled).toBe(true);
    expect(button('Move "Kick-off" right').disabled).toBe(true);
  });

  it('loads only the next page of a column with "Load more"', async () => {
    const first = [task('1', 'One'), task('2', 'Two')];
    const { user } = renderApp('/boards/1', [
      mockData(BoardPageQuery, vars, boardPage({ columns: { todo: first }, more: { todo: 1 } })),
      mockData(
        ColumnTasksQuery,
        { boardId: '1', columnId: 'todo', first: COLUMN_PAGE_SIZE, after: cursorOf('2') },
        { board: { __typename: 'Board', id: '1', tasks: { ...connection([task('3', 'Three')]), totalCount: 3 } } },
      ),
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    // the column reads the board query's first page: no request of its own (MockLink would fail it)
    expect(titles('To do')).toEqual(['One', 'Two']);
    await user.click(within(region('To do')).getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(titles('To do')).toEqual(['One', 'Two', 'Three']));
    expect(within(region('To do')).queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('adds a task at the top of its column at once, and makes it a link once the server has it', async () => {
    const created = {
      __typename: 'Task' as const,
      id: '7',
      boardId: '1',
      title: 'Order badges',
      description: null,
      columnId: 'doing' as const,
      version: 1,
      position: -1024,
      dueDate: null,
      commentCount: 0,
      assignee: null,
      labels: [],
    };
    const { user } = renderApp('/boards/1', [
      mockData(BoardPageQuery, vars, boardPage({ columns: { doing: [task('2', 'Draft plan')] } })),
      mockData(
        CreateTaskMutation,
        { input: { boardId: '1', columnId: 'doing', title: 'Order badges', index: 0 } },
        { createTask: created },
        { delay: 300 },
      ),
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    const column = within(region('In progress'));
    await user.type(column.getByRole('textbox', { name: 'New task title' }), 'Order badges');
    await user.click(column.getByRole('button', { name: 'Add task' }));
    expect(titles('In progress')).toEqual(['Order badges (saving)', 'Draft plan']);
    expect(await column.findByRole('link', { name: 'Order badges' })).toBeTruthy();
    expect(titles('In progress')).toEqual(['Order badges', 'Draft plan']);
  });

  it('moves a card with its buttons at once, and keeps it there when the server agrees', async () => {
    const { user } = renderApp('/boards/1', [
      mockData(
        BoardPageQuery,
        vars,
        boardPage({ columns: { todo: [task('1', 'Write brief')], doing: [task('2', 'Draft plan')] } }),
      ),
      mockData(
        MoveTaskMutation,
        { input: { id: '1', columnId: 'doing', index: 0, expectedVersion: 1 } },
        { moveTask: { __typename: 'Task', id: '1', columnId: 'doing', version: 2, position: 1024 } },
        { delay: 300 },
      ),
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    await user.click(screen.getByRole('button', { name: 'Move "Write brief" right' }));
    // optimistic: moved before the server has answered
    expect(titles('To do')).toEqual([]);
    expect(titles('In progress')).toEqual(['Write brief', 'Draft plan']);
    // focus follows the card to its new place
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Move "Write brief" right'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(titles('In progress')).toEqual(['Write brief', 'Draft plan']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('puts a card back and explains when someone else changed the task first (CONFLICT)', async () => {
    const { user } = renderApp('/boards/1', [
      mockData(
        BoardPageQuery,
        vars,
        boardPage({ columns: { todo: [task('1', 'Write brief'), task('2', 'Draft plan')] } }),
      ),
      mockErrors(
        MoveTaskMutation,
        { input: { id: '2', columnId: 'todo', index: 0, expectedVersion: 1 } },
        [
          gqlError('CONFLICT', 'This task was changed by someone else; reload it and try again.', {
            currentVersion: 2,
          }),
        ],
        { delay: 300 },
      ),
      // the fresh state: someone else had renamed it
      mockData(
        RefreshTaskQuery,
        { id: '2' },
        {
          task: {
            __typename: 'Task',
            id: '2',
            boardId: '1',
            title: 'Draft the plan',
            description: null,
            columnId: 'todo',
            version: 2,
            dueDate: null,
            commentCount: 0,
            assignee: null,
            labels: [],
          },
        },
      ),
      mockData(
        ColumnTasksQuery,
        { boardId: '1', columnId: 'todo', first: COLUMN_PAGE_SIZE },
        {
          board: {
            __typename: 'Board',
            id: '1',
            tasks: connection([task('1', 'Write brief'), task('2', 'Draft the plan', { version: 2 })]),
          },
        },
      ),
      mockData(
        ColumnTasksQuery,
        { boardId: '1', columnId: 'doing', first: COLUMN_PAGE_SIZE },
        { board: { __typename: 'Board', id: '1', tasks: connection([]) } },
      ),
      mockData(
        ColumnTasksQuery,
        { boardId: '1', columnId: 'done', first: COLUMN_PAGE_SIZE },
        { board: { __typename: 'Board', id: '1', tasks: connection([]) } },
      ),
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
    await user.click(screen.getByRole('button', { name: 'Move "Draft plan" up' }));
    expect(titles('To do')).toEqual(['Draft plan', 'Write brief']);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/changed by someone else/);
    await waitFor(() => expect(titles('To do')).toEqual(['Write brief', 'Draft the plan']));
  });
});
