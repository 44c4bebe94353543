// The board's own columns: shown in order with their WIP limits, and the owner's controls to add,
// edit, reorder and delete them (checked before sending; refusals shown once, what was typed kept);
// members see none of them. Live column events by others change the board; the viewer's own change
// nothing more. The task dialog's Column field moves the task to the end of the chosen column.
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  CreateColumnMutation,
  DeleteColumnMutation,
  MoveColumnMutation,
  UpdateColumnMutation,
} from '../mutations/useColumns';
import { MoveTaskMutation } from '../mutations/useMoveTask';
import { gqlError, mockData, mockErrors, renderApp, TestLive } from '../test/apollo';
import {
  BOARD_PAGE_VARS,
  boardEvent,
  boardPage,
  COLUMNS,
  DIALOG_COLUMNS,
  LABELS,
  task,
  VIEWER,
  type ColumnFixture,
} from '../test/fixtures';
import { TaskDialogQuery } from '../task/TaskDialog';
import { BoardPageQuery } from './BoardPage';

const region = (name: string) => screen.getByRole('region', { name });
const columnNames = () =>
  [...document.querySelectorAll('.board-columns .column')].map((c) => c.getAttribute('aria-label'));
const titles = (name: string) =>
  within(within(region(name)).getByRole('list'))
    .queryAllByRole('listitem')
    .map((item) => item.querySelector('.task-card-title')?.textContent);
const column = (id: string, name: string, position: number, wipLimit: number | null = null): ColumnFixture => ({
  __typename: 'Column',
  id,
  name,
  position,
  wipLimit,
});
const fields = ({ __typename, id, name, position, wipLimit }: ColumnFixture) => ({
  __typename,
  id,
  name,
  position,
  wipLimit,
});

const REVIEW = column('review', 'Review', 2, 1);
const FOUR = [COLUMNS[0]!, COLUMNS[1]!, REVIEW, { ...COLUMNS[2]!, position: 3 }];
const tasks = { todo: [task('1', 'Write brief')], review: [task('2', 'Check copy'), task('3', 'Check photos')] };
const board = (options: Parameters<typeof boardPage>[0] = {}) =>
  mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage({ columnList: FOUR, columns: tasks, ...options }));

async function open(mocks: Parameters<typeof renderApp>[1], live = new TestLive()) {
  const view = renderApp('/boards/1', mocks, { live });
  await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
  await waitFor(() => expect(live.active).toBe(1));
  const emit = (event: Parameters<TestLive['emit']>[0]) =>
    act(async () => {
      live.emit(event);
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  return { ...view, emit };
}

async function openMenu(user: Awaited<ReturnType<typeof open>>['user'], name: string) {
  await user.click(screen.getByRole('button', { name: `Column actions for "${name}"` }));
}

describe('the board’s columns', () => {
  it('are the board’s own, in order, each with its count against its WIP limit', async () => {
    await open([board()]);
    expect(columnNames()).toEqual(['To do', 'In progress', 'Review', 'Done']);
    const review = region('Review');
    expect(titles('Review')).toEqual(['Check copy', 'Check photos']);
    // over the limit: shown by a sign, not only by colour, and said to screen readers and in its tooltip
    expect(review.querySelector('.count [aria-hidden="true"]')?.textContent).toBe('\u26a0\ufe0e 2 / 1');
    expect(review.querySelector('.count')?.getAttribute('title')).toBe('2 tasks, over its limit of 1');
    expect(within(review).getByText('2 tasks, over its limit of 1')).toBeTruthy();
    expect(review.classList.contains('is-over-limit')).toBe(true);
    expect(within(region('To do')).getByText('1 task').textContent).toBe('1 task');
  });

  it('a column within its limit shows its count against it, unmarked', async () => {
    await open([board({ columnList: [COLUMNS[0]!, { ...REVIEW, position: 1, wipLimit: 3 }] })]);
    const review = region('Review');
    expect(review.querySelector('.count [aria-hidden="true"]')?.textContent).toBe('2 / 3');
    expect(within(review).getByText('2 tasks, limit 3')).toBeTruthy();
    expect(review.classList.contains('is-over-limit')).toBe(false);
  });

  it('members see the columns, not the controls to change them', async () => {
    await open([board({ viewerRole: 'MEMBER' })]);
    expect(columnNames()).toEqual(['To do', 'In progress', 'Review', 'Done']);
    expect(screen.queryByRole('button', { name: 'Add column' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Column actions/ })).toBeNull();
    expect(document.querySelector('.column-drag-handle')).toBeNull();
  });
});

describe('adding a column', () => {
  it('checks the name and the WIP limit before sending, and says what is wrong', async () => {
    const { user } = await open([board()]);
    await user.click(screen.getByRole('button', { name: 'Add column' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add a column' }));
    // ready to type the name
    expect(document.activeElement).toBe(dialog.getByRole('textbox', { name: 'Column name' }));
    await user.click(dialog.getByRole('button', { name: 'Add column' }));
    expect(dialog.getByText('Give the column a name.')).toBeTruthy();
    const name = dialog.getByRole('textbox', { name: 'Column name' });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name);
    await user.type(name, 'x'.repeat(61));
    await user.click(dialog.getByRole('button', { name: 'Add column' }));
    expect(dialog.getByText('A column name has at most 60 characters.')).toBeTruthy();
    await user.clear(name);
    await user.type(name, '  Blocked  ');
    for (const bad of ['0', '1000', 'two', '1.5']) {
      const wip = dialog.getByRole('textbox', { name: 'WIP limit (optional)' });
      await user.clear(wip);
      await user.type(wip, bad);
      await user.click(dialog.getByRole('button', { name: 'Add column' }));
      expect(dialog.getByText('The WIP limit is a whole number from 1 to 999, or empty for no limit.')).toBeTruthy();
      expect(document.activeElement).toBe(wip);
    }
    // nothing was sent: no mock answers a createColumn
    expect(screen.getByRole('dialog', { name: 'Add a column' })).toBeTruthy();
  });

  it('adds it after the chosen column, trimmed, with its WIP limit', async () => {
    const created = column('blocked', 'Blocked', 2, 2);
    const { user } = await open([
      board(),
      mockData(
        CreateColumnMutation,
        { input: { boardId: '1', name: 'Blocked', wipLimit: 2, index: 2 } },
        { createColumn: fields(created) },
      ),
    ]);
    await user.click(screen.getByRole('button', { name: 'Add column' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add a column' }));
    await user.type(dialog.getByRole('textbox', { name: 'Column name' }), '  Blocked ');
    await user.type(dialog.getByRole('textbox', { name: 'WIP limit (optional)' }), '2');
    expect(
      [...(dialog.getByRole('combobox', { name: 'Where' }) as HTMLSelectElement).options].map((o) => o.text),
    ).toEqual(['At the end', 'After To do', 'After In progress', 'After Review', 'After Done']);
    await user.selectOptions(dialog.getByRole('combobox', { name: 'Where' }), 'After In progress');
    await user.click(dialog.getByRole('button', { name: 'Add column' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(columnNames()).toEqual(['To do', 'In progress', 'Blocked', 'Review', 'Done']);
    expect(within(region('Blocked')).getByText('No tasks yet')).toBeTruthy();
    expect(within(region('Blocked')).getByText('0 tasks, limit 2')).toBeTruthy();
  });

  it('shows the server’s refusal once, and keeps what was typed', async () => {
    const { user } = await open([
      board(),
      mockErrors(CreateColumnMutation, { input: { boardId: '1', name: 'Later', wipLimit: null } }, [
        gqlError('BAD_USER_INPUT', 'A board has at most 20 columns.'),
      ]),
    ]);
    await user.click(screen.getByRole('button', { name: 'Add column' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add a column' }));
    await user.type(dialog.getByRole('textbox', { name: 'Column name' }), 'Later');
    await user.click(dialog.getByRole('button', { name: 'Add column' }));
    const alerts = await dialog.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual(['A board has at most 20 columns.']);
    expect(screen.getAllByText('A board has at most 20 columns.')).toHaveLength(1);
    expect((dialog.getByRole('textbox', { name: 'Column name' }) as HTMLInputElement).value).toBe('Later');
    expect(columnNames()).toEqual(['To do', 'In progress', 'Review', 'Done']);
  });
});

describe('editing a column', () => {
  it('renames it and removes its WIP limit; it shows at once', async () => {
    const { user } = await open([
      board(),
      mockData(
        UpdateColumnMutation,
        { input: { id: 'review', name: 'QA', wipLimit: null } },
        { updateColumn: fields({ ...REVIEW, name: 'QA', wipLimit: null }) },
      ),
    ]);
    await openMenu(user, 'Review');
    await user.click(screen.getByRole('button', { name: 'Rename or set WIP limit…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Edit column "Review"' }));
    const name = dialog.getByRole('textbox', { name: 'Column name' });
    const wip = dialog.getByRole('textbox', { name: 'WIP limit (optional)' }) as HTMLInputElement;
    expect(wip.value).toBe('1');
    await user.clear(name);
    await user.type(name, 'QA');
    await user.clear(wip);
    await user.click(dialog.getByRole('button', { name: 'Save column' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(columnNames()).toEqual(['To do', 'In progress', 'QA', 'Done']);
    expect(within(region('QA')).getByText('2 tasks')).toBeTruthy();
    expect(region('QA').classList.contains('is-over-limit')).toBe(false);
  });

  it('a refused save puts the column back, says why once, and keeps what was typed', async () => {
    const { user } = await open([
      board(),
      mockErrors(UpdateColumnMutation, { input: { id: 'review', wipLimit: 5 } }, [
        gqlError('FORBIDDEN', 'Only the board’s owner can change its columns.'),
      ]),
    ]);
    await openMenu(user, 'Review');
    await user.click(screen.getByRole('button', { name: 'Rename or set WIP limit…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Edit column "Review"' }));
    const wip = dialog.getByRole('textbox', { name: 'WIP limit (optional)' }) as HTMLInputElement;
    await user.clear(wip);
    await user.type(wip, '5');
    await user.click(dialog.getByRole('button', { name: 'Save column' }));
    expect((await dialog.findByRole('alert')).textContent).toBe('Only the board’s owner can change its columns.');
    expect(screen.getAllByText('Only the board’s owner can change its columns.')).toHaveLength(1);
    expect(wip.value).toBe('5');
    expect(within(region('Review')).getByText('2 tasks, over its limit of 1')).toBeTruthy();
  });
});

describe('reordering columns', () => {
  it('moves a column with its menu, at once, says so, and keeps focus on it', async () => {
    const order = ['todo', 'review', 'doing', 'done'].map((id, position) => ({
      ...fields(FOUR.find((c) => c.id === id)!),
      position,
    }));
    const { user } = await open([
      board(),
      mockData(MoveColumnMutation, { input: { id: 'review', index: 1 } }, { moveColumn: order }),
    ]);
    await openMenu(user, 'Review');
    await user.click(screen.getByRole('button', { name: 'Move column left' }));
    expect(columnNames()).toEqual(['To do', 'Review', 'In progress', 'Done']);
    expect(screen.getByText('Moved column "Review" to position 2 of 4.')).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Column actions for "Review"' })),
    );
    // the first column cannot go further left
    await openMenu(user, 'To do');
    expect((screen.getByRole('button', { name: 'Move column left' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('offers each column’s drag handle to the keyboard, saying how to move it', async () => {
    await open([board()]);
    const handle = screen.getByRole('button', { name: 'Drag column "Review"' });
    expect(handle.tabIndex).toBe(0);
    expect(handle.getAttribute('aria-roledescription')).toBe('draggable column');
    const help = document.getElementById(handle.getAttribute('aria-describedby') ?? '');
    expect(help?.textContent).toMatch(/press Space\. While dragging, the arrow keys move it among the columns/);
  });

  it('a refused move puts the columns back and says why', async () => {
    const { user } = await open([
      board(),
      mockErrors(MoveColumnMutation, { input: { id: 'todo', index: 1 } }, [gqlError('FORBIDDEN', 'Owners only.')]),
    ]);
    await openMenu(user, 'To do');
    await user.click(screen.getByRole('button', { name: 'Move column right' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Owners only\./);
    expect(columnNames()).toEqual(['To do', 'In progress', 'Review', 'Done']);
  });
});

describe('deleting a column', () => {
  it('an empty one, after a question', async () => {
    const rest = [COLUMNS[0]!, REVIEW, COLUMNS[2]!].map((c, position) => ({ ...fields(c), position }));
    const { user } = await open([
      board(),
      mockData(DeleteColumnMutation, { input: { id: 'doing' } }, { deleteColumn: rest }),
    ]);
    await openMenu(user, 'In progress');
    await user.click(screen.getByRole('button', { name: 'Delete column…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Delete the column "In progress"?' }));
    expect(dialog.getByText('The column is empty. Deleting it cannot be undone.')).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Delete column' }));
    await waitFor(() => expect(columnNames()).toEqual(['To do', 'Review', 'Done']));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('one that holds tasks only once the owner chose where they go; the board loads again', async () => {
    const rest = [COLUMNS[0]!, COLUMNS[1]!, COLUMNS[2]!].map((c, position) => ({ ...fields(c), position }));
    const after = boardPage({
      columns: { todo: [task('1', 'Write brief')], done: [task('2', 'Check copy'), task('3', 'Check photos')] },
    });
    const { user } = await open([
      board(),
      mockData(DeleteColumnMutation, { input: { id: 'review', moveTasksTo: 'done' } }, { deleteColumn: rest }),
      mockData(BoardPageQuery, BOARD_PAGE_VARS, after),
    ]);
    await openMenu(user, 'Review');
    await user.click(screen.getByRole('button', { name: 'Delete column…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Delete the column "Review"?' }));
    expect(dialog.getByText(/It holds 2 tasks\./)).toBeTruthy();
    const target = dialog.getByRole('combobox', { name: 'Move its 2 tasks to' }) as HTMLSelectElement;
    expect([...target.options].map((o) => o.text)).toEqual(['Choose a column…', 'To do', 'In progress', 'Done']);
    await user.click(dialog.getByRole('button', { name: 'Delete column' }));
    expect(dialog.getByText('Choose the column its tasks go to.')).toBeTruthy();
    expect(document.activeElement).toBe(target);
    await user.selectOptions(target, 'Done');
    await user.click(dialog.getByRole('button', { name: 'Delete column' }));
    await waitFor(() => expect(titles('Done')).toEqual(['Check copy', 'Check photos']));
    expect(columnNames()).toEqual(['To do', 'In progress', 'Done']);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('the board’s only column cannot be deleted', async () => {
    const { user } = await open([board({ columnList: [COLUMNS[0]!], columns: {} })]);
    await openMenu(user, 'To do');
    expect((screen.getByRole('button', { name: 'Delete column…' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('A board keeps at least one column.')).toBeTruthy();
  });
});

describe('live column events', () => {
  const own = { actor: { __typename: 'User' as const, id: VIEWER.id, name: VIEWER.name } };

  it('created, updated and moved by someone else: the board follows', async () => {
    const { emit } = await open([board()]);
    await emit(boardEvent('COLUMN_CREATED', { column: fields(column('blocked', 'Blocked', 1, null)) }));
    expect(columnNames()).toEqual(['To do', 'Blocked', 'In progress', 'Review', 'Done']);
    expect(within(region('Blocked')).getByText('No tasks yet')).toBeTruthy();
    await emit(boardEvent('COLUMN_UPDATED', { column: fields({ ...REVIEW, position: 3, name: 'QA', wipLimit: 5 }) }));
    expect(within(region('QA')).getByText('2 tasks, limit 5')).toBeTruthy();
    await emit(boardEvent('COLUMN_MOVED', { column: fields({ ...COLUMNS[2]!, position: 0 }) }));
    expect(columnNames()).toEqual(['Done', 'To do', 'Blocked', 'In progress', 'QA']);
    // a task created in the new column goes there, by its columnId
    await emit(boardEvent('TASK_CREATED', { task: { ...eventTaskIn('9', 'Unblock the printer', 'blocked') } }));
    expect(titles('Blocked')).toEqual(['Unblock the printer']);
  });

  it('deleted by someone else: the column goes and the board’s columns load again', async () => {
    const after = boardPage({
      columns: { todo: [task('1', 'Write brief'), task('2', 'Check copy'), task('3', 'Check photos')] },
    });
    const { emit } = await open([board(), mockData(BoardPageQuery, BOARD_PAGE_VARS, after)]);
    await emit(boardEvent('COLUMN_DELETED', { columnId: 'review' }));
    await waitFor(() => expect(columnNames()).toEqual(['To do', 'In progress', 'Done']));
    await waitFor(() => expect(titles('To do')).toEqual(['Write brief', 'Check copy', 'Check photos']));
  });

  it('the viewer’s own changes, coming back as events, change nothing more', async () => {
    const order = ['todo', 'review', 'doing', 'done'].map((id, position) => ({
      ...fields(FOUR.find((c) => c.id === id)!),
      position,
    }));
    const { user, emit } = await open([
      board(),
      mockData(MoveColumnMutation, { input: { id: 'review', index: 1 } }, { moveColumn: order }),
    ]);
    await openMenu(user, 'Review');
    await user.click(screen.getByRole('button', { name: 'Move column left' }));
    await waitFor(() => expect(columnNames()).toEqual(['To do', 'Review', 'In progress', 'Done']));
    await emit(boardEvent('COLUMN_MOVED', { ...own, column: { ...fields(REVIEW), position: 1 } }));
    expect(columnNames()).toEqual(['To do', 'Review', 'In progress', 'Done']);
    // a delete the viewer made has taken the column out already: no second load (no mock for one)
    await emit(boardEvent('COLUMN_DELETED', { ...own, columnId: 'gone-already' }));
    expect(columnNames()).toEqual(['To do', 'Review', 'In progress', 'Done']);
  });
});

describe('the task dialog’s Column field', () => {
  it('moves the task to the end of the chosen column', async () => {
    const t = task('1', 'Write brief');
    const dialogData = {
      task: {
        __typename: 'Task' as const,
        id: '1',
        boardId: '1',
        title: t.title,
        description: null,
        dueDate: null,
        version: 1,
        columnId: 'todo',
        assignee: null,
        labels: [],
      },
      board: {
        __typename: 'Board' as const,
        id: '1',
        viewerRole: 'OWNER' as const,
        columns: [
          ...DIALOG_COLUMNS.slice(0, 2),
          { __typename: 'Column' as const, id: 'review', name: 'Review' },
          DIALOG_COLUMNS[2]!,
        ],
        members: [],
        labels: LABELS,
      },
    };
    const view = renderApp('/boards/1/tasks/1', [
      board(),
      mockData(TaskDialogQuery, { taskId: '1', boardId: '1' }, dialogData),
      mockData(
        MoveTaskMutation,
        { input: { id: '1', columnId: 'review', index: 1_000_000, expectedVersion: 1 } },
        { moveTask: { __typename: 'Task', id: '1', columnId: 'review', version: 2, position: 9000 } },
      ),
    ]);
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit task' }));
    const select = (await dialog.findByRole('combobox', { name: 'Column' })) as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual(['To do', 'In progress', 'Review', 'Done']);
    expect(select.value).toBe('todo');
    await view.user.selectOptions(select, 'Review');
    await view.user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await dialog.findByText('Saved.')).toBeTruthy();
    expect(titles('Review')).toEqual(['Check copy', 'Check photos', 'Write brief']);
    expect(titles('To do')).toEqual([]);
    expect(select.value).toBe('review');
  });
});

function eventTaskIn(id: string, title: string, columnId: string) {
  const { __typename, ...card } = task(id, title, { columnId, position: 1024 });
  return { __typename, ...card, boardId: '1', description: null };
}
