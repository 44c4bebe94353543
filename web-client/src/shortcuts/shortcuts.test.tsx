// The keyboard shortcuts on a board: "?" lists them (from the same table the handler reads), each does
// its action, and none fires while typing, with Ctrl/⌘/Alt, or over another dialog. "a" assigns the
// focused card to the viewer (and unassigns them) through updateTask with the version the card holds.
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BoardPageQuery } from '../board/BoardPage';
import { MoveTaskMutation } from '../mutations/useMoveTask';
import { RefreshTaskQuery } from '../mutations/taskSnapshot';
import { UpdateTaskMutation } from '../mutations/useUpdateTask';
import { TaskDialogQuery } from '../task/TaskDialog';
import { gqlError, mockData, mockErrors, renderApp } from '../test/apollo';
import { BOARD_PAGE_VARS, boardPage, LABELS, task, VIEWER } from '../test/fixtures';
import { SCOPE_TITLES, SHORTCUTS } from './shortcuts';

const ME = { __typename: 'User' as const, id: VIEWER.id, name: VIEWER.name };
const BRIEF = task('1', 'Write brief');
const COPY = task('2', 'Check copy', { assignee: ME, version: 4 });
const board = () => mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage({ columns: { todo: [BRIEF], doing: [COPY] } }));

/** The task as updateTask answers it (every field the card and the dialog show). */
const saved = (t: ReturnType<typeof task>, overrides: object) => {
  const { position: _position, ...card } = t;
  return { ...card, boardId: '1', description: null, ...overrides };
};

async function open(mocks: Parameters<typeof renderApp>[1] = [], url = '/boards/1') {
  const view = renderApp(url, [board(), ...mocks]);
  await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
  await screen.findByRole('link', { name: 'Write brief' });
  return view;
}

const focus = (element: HTMLElement) => act(() => element.focus());
const newTaskField = (column: string) =>
  within(screen.getByRole('region', { name: column })).getByRole('textbox', { name: 'New task title' });
const searchField = () => screen.getByRole('searchbox', { name: 'Filter tasks' });

describe('the shortcuts dialog', () => {
  it('"?" opens it, listing every shortcut of the table by where it works; "?" or Escape closes it', async () => {
    const { user } = await open();
    await user.keyboard('?');
    const dialog = within(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' }));
    for (const title of Object.values(SCOPE_TITLES)) expect(dialog.getByRole('heading', { name: title })).toBeTruthy();
    const listed = dialog.getAllByRole('term').map((term) => term.textContent);
    const described = dialog.getAllByRole('definition').map((definition) => definition.textContent);
    expect(described).toEqual(SHORTCUTS.map((shortcut) => shortcut.description));
    expect(listed).toEqual(['?question mark', 'g then b', 'n', '/slash', 'Enter or o', 'm', 'a']);
    await user.keyboard('?');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.keyboard('?');
    await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens from the footer’s hint, which says which key it is', async () => {
    const { user } = await open();
    await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts: press question mark' }));
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    // the board's shortcuts wait while it is open
    await user.keyboard('n');
    expect(document.activeElement).not.toBe(newTaskField('To do'));
  });
});

describe('the board’s shortcuts', () => {
  it('"/" focuses the filter field; "n" the first column’s new task field, or the focused card’s column’s', async () => {
    const { user } = await open();
    await user.keyboard('/');
    expect(document.activeElement).toBe(searchField());
    expect((searchField() as HTMLInputElement).value).toBe('');
    await focus(screen.getByRole('heading', { level: 1, name: 'Launch plan' }).closest('main')!);
    await user.keyboard('n');
    expect(document.activeElement).toBe(newTaskField('To do'));
    expect((newTaskField('To do') as HTMLInputElement).value).toBe('');
    await focus(screen.getByRole('link', { name: 'Check copy' }));
    await user.keyboard('n');
    expect(document.activeElement).toBe(newTaskField('In progress'));
  });

  it('fire not while typing in a field: the key is typed', async () => {
    const { user } = await open();
    await user.click(searchField());
    await user.keyboard('n?/a');
    expect((searchField() as HTMLInputElement).value).toBe('n?/a');
    expect(document.activeElement).toBe(searchField());
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(newTaskField('To do'));
    await user.keyboard('/');
    expect(document.activeElement).toBe(newTaskField('To do'));
  });

  it('fire not with Ctrl, ⌘ or Alt held (the browser’s shortcuts)', async () => {
    const { user } = await open();
    await focus(screen.getByRole('link', { name: 'Write brief' }));
    await user.keyboard('{Control>}/{/Control}{Meta>}n{/Meta}{Alt>}?{/Alt}{Control>}a{/Control}');
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Write brief' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('"o" opens the focused card’s task; over its dialog, the board’s shortcuts wait', async () => {
    const dialogData = {
      task: { ...saved(BRIEF, {}), assignee: null, labels: [] },
      board: {
        __typename: 'Board' as const,
        id: '1',
        viewerRole: 'OWNER' as const,
        columns: [],
        members: [],
        labels: LABELS,
      },
    };
    const { user, history } = await open([mockData(TaskDialogQuery, { taskId: '1', boardId: '1' }, dialogData)]);
    await focus(screen.getByRole('link', { name: 'Write brief' }));
    await user.keyboard('o');
    expect(history.location.pathname).toBe('/boards/1/tasks/1');
    await screen.findByRole('dialog', { name: 'Edit task' });
    await user.keyboard('?');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });

  it('"a" assigns the focused card to me with the version it holds, and says so', async () => {
    const { user } = await open([
      mockData(
        UpdateTaskMutation,
        { input: { id: '1', expectedVersion: 1, assigneeId: VIEWER.id } },
        { updateTask: saved(BRIEF, { assignee: ME, version: 2 }) },
      ),
    ]);
    const card = screen.getByRole('link', { name: 'Write brief' }).closest('li')!;
    await focus(within(card).getByRole('button', { name: 'Move "Write brief" right' }));
    await user.keyboard('a');
    expect(screen.getByText('Assigned "Write brief" to you.')).toBeTruthy();
    // the card's assignee is an avatar (initials), named for who it is
    await waitFor(() => expect(within(card).getByRole('img', { name: `Assigned to ${VIEWER.name}` })).toBeTruthy());
  });

  it('"a" on a card already mine unassigns me', async () => {
    const { user } = await open([
      mockData(
        UpdateTaskMutation,
        { input: { id: '2', expectedVersion: 4, assigneeId: null } },
        { updateTask: saved(COPY, { assignee: null, version: 5 }) },
      ),
    ]);
    const card = screen.getByRole('link', { name: 'Check copy' }).closest('li')!;
    expect(within(card).getByRole('img', { name: `Assigned to ${VIEWER.name}` })).toBeTruthy();
    await focus(screen.getByRole('link', { name: 'Check copy' }));
    await user.keyboard('a');
    expect(screen.getByText('Unassigned you from "Check copy".')).toBeTruthy();
    await waitFor(() => expect(card.querySelector('.task-card-assignee')).toBeNull());
  });

  it('"a" refused as a CONFLICT says so, and the card shows the version that won', async () => {
    const { user } = await open([
      mockErrors(UpdateTaskMutation, { input: { id: '1', expectedVersion: 1, assigneeId: VIEWER.id } }, [
        gqlError('CONFLICT', 'This task was changed by someone else; reload it and try again.', { currentVersion: 2 }),
      ]),
      mockData(RefreshTaskQuery, { id: '1' }, { task: saved(BRIEF, { title: 'Write the brief', version: 2 }) }),
    ]);
    await focus(screen.getByRole('link', { name: 'Write brief' }));
    await user.keyboard('a');
    expect((await screen.findByRole('alert')).textContent).toMatch(/changed by someone else just now.*press "a" again/);
    expect(await screen.findByRole('link', { name: 'Write the brief' })).toBeTruthy();
  });

  it('"m" offers the other columns; the one chosen gets the card on top, and focus follows it', async () => {
    const { user } = await open([
      mockData(
        MoveTaskMutation,
        { input: { id: '1', columnId: 'done', index: 0, expectedVersion: 1 } },
        { moveTask: { __typename: 'Task', id: '1', columnId: 'done', version: 2, position: 0 } },
      ),
    ]);
    await focus(screen.getByRole('link', { name: 'Write brief' }));
    await user.keyboard('m');
    const dialog = within(await screen.findByRole('dialog', { name: 'Move "Write brief"' }));
    expect((dialog.getByRole('button', { name: 'To do (where it is)' }) as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(dialog.getByRole('button', { name: 'In progress' })));
    await user.click(dialog.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Moved "Write brief" to Done.')).toBeTruthy();
    const done = within(screen.getByRole('region', { name: 'Done' }));
    await waitFor(() => expect(document.activeElement).toBe(done.getByRole('link', { name: 'Write brief' })));
  });

  it('"g" then "b" goes to the boards', async () => {
    const { user, history } = await open();
    await user.keyboard('gb');
    expect(history.location.pathname).toBe('/');
  });
});
