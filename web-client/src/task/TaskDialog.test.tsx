import type { Unmasked } from '@apollo/client/masking';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TaskCommentsQuery } from '../apollo/taskComments';
import { BoardPageQuery } from '../board/BoardPage';
import { RefreshTaskQuery } from '../mutations/taskSnapshot';
import { AddCommentMutation } from '../mutations/useAddComment';
import { DeleteCommentMutation } from '../mutations/useDeleteComment';
import { DeleteLabelMutation } from '../mutations/useDeleteLabel';
import { DeleteTaskMutation } from '../mutations/useDeleteTask';
import { EditCommentMutation } from '../mutations/useEditComment';
import { UpdateLabelMutation } from '../mutations/useUpdateLabel';
import { UpdateTaskMutation } from '../mutations/useUpdateTask';
import { gqlError, mockData, mockErrors, mockNetworkError, mockPending, renderApp, Traffic } from '../test/apollo';
import { undoTiming } from '../components/Undo';
import { BOARD_PAGE_VARS, BOB, boardPage, DIALOG_COLUMNS, LABELS, task, VIEWER } from '../test/fixtures';
import { TaskDialogQuery } from './TaskDialog';

type DialogData = Unmasked<ResultOf<typeof TaskDialogQuery>>;
type CommentsData = Unmasked<ResultOf<typeof TaskCommentsQuery>>;
type Snapshot = NonNullable<Unmasked<ResultOf<typeof RefreshTaskQuery>>['task']>;

const URL = '/boards/1/tasks/5';
const dialogVars = { taskId: '5', boardId: '1' };
const board = mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage({ columns: { todo: [task('5', 'Write brief')] } }));

const snapshot = (overrides: Partial<Snapshot> = {}): Snapshot => ({
  __typename: 'Task',
  id: '5',
  boardId: '1',
  title: 'Write brief',
  description: 'First draft',
  columnId: 'todo',
  version: 1,
  dueDate: '2026-12-03T00:00:00.000Z',
  commentCount: 0,
  assignee: { __typename: 'User', id: BOB.id, name: BOB.name },
  labels: [LABELS[0]!],
  ...overrides,
});

function dialogData(overrides: Partial<Snapshot> = {}, viewerRole: 'OWNER' | 'MEMBER' = 'OWNER'): DialogData {
  const t = snapshot(overrides);
  return {
    task: {
      __typename: 'Task',
      id: t.id,
      boardId: t.boardId,
      title: t.title,
      description: t.description,
      dueDate: t.dueDate,
      version: t.version,
      columnId: t.columnId,
      assignee: t.assignee && { __typename: 'User', id: t.assignee.id },
      labels: t.labels.map(({ id }) => ({ __typename: 'Label', id })),
    },
    board: {
      __typename: 'Board',
      id: '1',
      viewerRole,
      columns: DIALOG_COLUMNS,
      members: [
        { __typename: 'Member', user: { __typename: 'User', id: VIEWER.id, name: VIEWER.name } },
        { __typename: 'Member', user: { __typename: 'User', id: BOB.id, name: BOB.name } },
      ],
      labels: LABELS,
    },
  };
}

function comments(
  items: { id: string; body: string; author: { id: string; name: string } }[],
  hasNextPage = false,
): CommentsData {
  return {
    task: {
      __typename: 'Task',
      id: '5',
      comments: {
        __typename: 'CommentConnection',
        totalCount: items.length,
        pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: items.length ? `c-${items.length}` : null },
        edges: items.map((c, i) => ({
          __typename: 'CommentEdge',
          cursor: `c-${i + 1}`,
          node: {
            __typename: 'Comment',
            id: c.id,
            body: c.body,
            createdAt: '2026-11-20T10:00:00.000Z',
            updatedAt: '2026-11-20T10:00:00.000Z',
            author: { __typename: 'User', ...c.author },
          },
        })),
      },
    },
  };
}

const noComments = mockData(TaskCommentsQuery, { taskId: '5' }, comments([]));
const dialog = () => screen.getByRole('dialog', { name: 'Edit task' });

describe('task dialog', () => {
  it('is a modal dialog named "Edit task" that shows a loading status first', async () => {
    renderApp(URL, [board, mockPending(TaskDialogQuery, dialogVars), noComments]);
    const element = await screen.findByRole('dialog', { name: 'Edit task' });
    expect(element.getAttribute('aria-modal')).toBe('true');
    expect(within(element).getByRole('status').textContent).toMatch(/^Loading/);
  });

  it('says when the task is gone', async () => {
    renderApp(URL, [board, mockErrors(TaskDialogQuery, dialogVars, [gqlError('NOT_FOUND', 'Task not found.')])]);
    expect((await within(await screen.findByRole('dialog')).findByRole('alert')).textContent).toMatch(/Task not found/);
  });

  it('says when there is no such task (an empty answer)', async () => {
    renderApp(URL, [board, mockData(TaskDialogQuery, dialogVars, { ...dialogData(), task: null })]);
    expect(await within(await screen.findByRole('dialog')).findByText('This task no longer exists.')).toBeTruthy();
  });

  it('shows the task in labelled fields', async () => {
    renderApp(URL, [board, mockData(TaskDialogQuery, dialogVars, dialogData()), noComments]);
    const title = (await within(await screen.findByRole('dialog')).findByRole('textbox', {
      name: 'Title',
    })) as HTMLInputElement;
    expect(title.value).toBe('Write brief');
    const d = within(dialog());
    // the description shows rendered, its Markdown a click away
    expect(await d.findByText('First draft', { selector: '.description-view p' })).toBeTruthy();
    expect(d.getByRole('button', { name: 'Edit description' })).toBeTruthy();
    const assignee = d.getByRole('combobox', { name: 'Assignee' }) as HTMLSelectElement;
    expect([...assignee.options].map((o) => o.text)).toEqual(['Unassigned', 'Alice Owner', 'Bob Member']);
    expect(assignee.selectedOptions[0]?.text).toBe('Bob Member');
    expect((d.getByLabelText('Due date') as HTMLInputElement).value).toBe('2026-12-03');
    const labels = within(d.getByRole('group', { name: 'Labels' }));
    expect((labels.getByRole('checkbox', { name: 'Bug' }) as HTMLInputElement).checked).toBe(true);
    expect((labels.getByRole('checkbox', { name: 'Design' }) as HTMLInputElement).checked).toBe(false);
    for (const name of ['Save', 'Delete task', 'Close', 'Comment'])
      expect(d.getByRole('button', { name })).toBeTruthy();
    // the dialog's members (names only) merge into the board's (with roles): the board stays complete
    const members = within(screen.getByRole('region', { name: 'Members' }));
    expect(members.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'AO Alice Owner Owner',
      'BM Bob Member Member Remove',
    ]);
  });

  it('closes with Escape, back to the board', async () => {
    const { user, history } = renderApp(URL, [board, mockData(TaskDialogQuery, dialogVars, dialogData()), noComments]);
    await within(await screen.findByRole('dialog')).findByRole('textbox', { name: 'Title' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(history.location.pathname).toBe('/boards/1');
  });

  it('takes focus when it opens, keeps Tab inside, and gives focus back to the card when it closes', async () => {
    const { user } = renderApp('/boards/1', [board, mockData(TaskDialogQuery, dialogVars, dialogData()), noComments]);
    const link = await screen.findByRole('link', { name: 'Write brief' });
    link.focus();
    await user.keyboard('{Enter}');
    const element = await screen.findByRole('dialog', { name: 'Edit task' });
    expect(element.contains(document.activeElement)).toBe(true);
    await within(element).findByRole('textbox', { name: 'Title' });
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(element.contains(document.activeElement)).toBe(true);
    await user.click(within(element).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Write brief' })));
  });

  it('on CONFLICT says so, shows the latest version, keeps the user’s edits, and saves them on retry', async () => {
    const { user } = renderApp(URL, [
      board,
      mockData(TaskDialogQuery, dialogVars, dialogData()),
      noComments,
      mockErrors(
        UpdateTaskMutation,
        { input: { id: '5', expectedVersion: 1, description: 'Second draft' } },
        [
          gqlError('CONFLICT', 'This task was changed by someone else; reload it and try again.', {
            currentVersion: 2,
          }),
        ],
        { delay: 100 },
      ),
      // meanwhile someone else renamed it
      mockData(RefreshTaskQuery, { id: '5' }, { task: snapshot({ title: 'Write the brief', version: 2 }) }),
      mockData(
        UpdateTaskMutation,
        { input: { id: '5', expectedVersion: 2, description: 'Second draft' } },
        { updateTask: snapshot({ title: 'Write the brief', description: 'Second draft', version: 3 }) },
      ),
    ]);
    const d = within(await screen.findByRole('dialog'));
    await user.click(await d.findByRole('button', { name: 'Edit description' }));
    const description = d.getByRole('textbox', { name: 'Description' }) as HTMLTextAreaElement;
    await user.clear(description);
    await user.type(description, 'Second draft');
    await user.click(d.getByRole('button', { name: 'Save' }));

    expect((await d.findByRole('alert')).textContent).toMatch(/changed by someone else/);
    // the other person's title arrives; the user's description stays
    await waitFor(() =>
      expect((d.getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe('Write the brief'),
    );
    expect(description.value).toBe('Second draft');
    expect(
      within(screen.getByRole('region', { name: 'To do' })).getByRole('link', { name: 'Write the brief' }),
    ).toBeTruthy();

    await user.click(d.getByRole('button', { name: 'Save' }));
    expect(await d.findByText('Saved.')).toBeTruthy();
    expect(d.queryByRole('alert')).toBeNull();
    // saved: shown rendered again
    expect(d.queryByRole('textbox', { name: 'Description' })).toBeNull();
    expect(d.getByText('Second draft')).toBeTruthy();
  });

  it('deletes the task: the dialog closes and its card goes at once, even with unsaved edits', async () => {
    const { user, history } = renderApp(URL, [board, mockData(TaskDialogQuery, dialogVars, dialogData()), noComments]);
    const d = within(await screen.findByRole('dialog'));
    await user.type(await d.findByRole('textbox', { name: 'Title' }), ' today');
    await user.click(d.getByRole('button', { name: 'Delete task' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(history.location.pathname).toBe('/boards/1');
    expect(within(screen.getByRole('region', { name: 'To do' })).queryAllByRole('listitem')).toHaveLength(0);
  });
});

describe('undoing a delete', () => {
  const slow = undoTiming.ms;
  beforeEach(() => {
    undoTiming.ms = 400;
  });
  afterEach(() => {
    undoTiming.ms = slow;
    vi.restoreAllMocks();
  });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const todo = () => within(screen.getByRole('region', { name: 'To do' }));
  const toast = (text: string | RegExp) => screen.getAllByRole('status').find((s) => s.textContent?.match(text));

  async function deleteFromDialog(mocks: Parameters<typeof renderApp>[1] = []) {
    const view = renderApp(URL, [board, mockData(TaskDialogQuery, dialogVars, dialogData()), noComments, ...mocks]);
    const d = within(await screen.findByRole('dialog'));
    await d.findByRole('textbox', { name: 'Title' });
    await view.user.click(d.getByRole('button', { name: 'Delete task' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    return view;
  }

  it('a task: a toast offers Undo without taking focus; Undo brings the card back and sends nothing', async () => {
    // no DeleteTask mock: sending it would fail the test (an error toast)
    const { user } = await deleteFromDialog();
    expect(todo().queryByRole('link', { name: 'Write brief' })).toBeNull();
    const status = toast('Task “Write brief” deleted')!;
    expect(status).toBeTruthy();
    expect(status.contains(document.activeElement)).toBe(false);
    await user.click(within(status).getByRole('button', { name: 'Undo' }));
    expect(todo().getByRole('link', { name: 'Write brief' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(todo().getByRole('link', { name: 'Write brief' })));
    await sleep(undoTiming.ms * 2);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(toast(/deleted/)).toBeUndefined();
    expect(todo().getByRole('link', { name: 'Write brief' })).toBeTruthy();
  });

  it('a task: sent when the toast runs out, not before; the toast then goes', async () => {
    let sent = 0;
    const mock = mockData(DeleteTaskMutation, { id: '5', expectedVersion: 1 }, { deleteTask: '5' });
    await deleteFromDialog([{ ...mock, result: () => (sent++, mock.result as never) } as typeof mock]);
    await sleep(undoTiming.ms / 2);
    expect(sent).toBe(0);
    await waitFor(() => expect(toast(/deleted/)).toBeUndefined());
    expect(sent).toBe(1);
    expect(todo().queryByRole('link', { name: 'Write brief' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('waits while the toast is hovered or focused', async () => {
    let sent = 0;
    const mock = mockData(DeleteTaskMutation, { id: '5', expectedVersion: 1 }, { deleteTask: '5' });
    const { user } = await deleteFromDialog([{ ...mock, result: () => (sent++, mock.result as never) } as typeof mock]);
    const status = toast(/deleted/)!;
    await user.hover(status);
    await sleep(undoTiming.ms * 2);
    expect(sent).toBe(0);
    // focus (Tab) keeps it too, once the pointer has gone
    within(status).getByRole('button', { name: 'Undo' }).focus();
    await user.unhover(status);
    await sleep(undoTiming.ms * 2);
    expect(sent).toBe(0);
    expect(toast(/deleted/)).toBeTruthy();
    act(() => within(status).getByRole('button', { name: 'Undo' }).blur());
    await waitFor(() => expect(sent).toBe(1));
  });

  it('a task whose delayed delete is refused comes back, and the toast says why', async () => {
    const { user } = await deleteFromDialog([
      mockErrors(DeleteTaskMutation, { id: '5', expectedVersion: 1 }, [
        gqlError('FORBIDDEN', 'You cannot delete this task.'),
      ]),
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^You cannot delete this task\./);
    expect(todo().getByRole('link', { name: 'Write brief' })).toBeTruthy();
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('sends a pending delete at once, with keepalive, when the page goes away', async () => {
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response(JSON.stringify({ data: { deleteTask: '5' } })));
    await deleteFromDialog();
    act(() => void window.dispatchEvent(new Event('pagehide')));
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/graphql');
    expect(init?.keepalive).toBe(true);
    expect(JSON.parse(String(init?.body))).toMatchObject({
      operationName: 'DeleteTask',
      variables: { id: '5', expectedVersion: 1 },
    });
    await waitFor(() => expect(toast(/deleted/)).toBeUndefined());
    await sleep(undoTiming.ms * 2);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  const mine = comments([
    { id: 'c1', body: 'Looks good', author: { id: BOB.id, name: BOB.name } },
    { id: 'c2', body: 'Thanks!', author: { id: VIEWER.id, name: VIEWER.name } },
  ]);
  async function deleteComment(mocks: Parameters<typeof renderApp>[1] = []) {
    const view = renderApp(URL, [
      board,
      mockData(TaskDialogQuery, dialogVars, dialogData()),
      mockData(TaskCommentsQuery, { taskId: '5' }, mine),
      ...mocks,
    ]);
    const d = within(await screen.findByRole('dialog'));
    await d.findByText('Thanks!');
    await view.user.click(d.getByRole('button', { name: 'Delete comment' }));
    return { ...view, d };
  }

  it('a comment: gone at once; Undo, reachable inside the dialog, brings it back and sends nothing', async () => {
    const { user, d } = await deleteComment();
    expect(d.queryByText('Thanks!')).toBeNull();
    expect(d.getByRole('heading', { name: 'Comments (1)' })).toBeTruthy();
    const status = toast('Comment deleted')!;
    // inside the modal dialog, where Tab and screen readers are kept
    expect(dialog().contains(status)).toBe(true);
    await user.click(within(status).getByRole('button', { name: 'Undo' }));
    expect(d.getByText('Thanks!')).toBeTruthy();
    expect(d.getByRole('heading', { name: 'Comments (2)' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(d.getByRole('button', { name: 'Edit comment' })));
    await sleep(undoTiming.ms * 2);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(d.getByText('Thanks!')).toBeTruthy();
  });

  it('a comment: sent when the toast runs out; if refused it comes back and the toast says why', async () => {
    const { d } = await deleteComment([
      mockErrors(DeleteCommentMutation, { id: 'c2' }, [gqlError('NOT_FOUND', 'Comment not found.')]),
    ]);
    const alert = await d.findByRole('alert');
    expect(alert.textContent).toMatch(/^Comment not found\./);
    expect(d.getByText('Thanks!')).toBeTruthy();
  });

  it('a comment: gone for good once the server agrees', async () => {
    const { d } = await deleteComment([mockData(DeleteCommentMutation, { id: 'c2' }, { deleteComment: 'c2' })]);
    await waitFor(() => expect(toast(/deleted/)).toBeUndefined());
    expect(d.queryByText('Thanks!')).toBeNull();
    expect(d.getByRole('heading', { name: 'Comments (1)' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('unsaved edits', () => {
  const open = async () => {
    const view = renderApp(URL, [board, mockData(TaskDialogQuery, dialogVars, dialogData()), noComments]);
    const d = within(await screen.findByRole('dialog', { name: 'Edit task' }));
    await d.findByText('No comments yet');
    return { ...view, d };
  };
  const question = () => screen.queryByRole('dialog', { name: 'Discard your changes?' });

  it('Escape with an edited field asks first; Keep editing keeps the edits, Discard closes', async () => {
    const { user, history, d } = await open();
    const title = d.getByRole('textbox', { name: 'Title' }) as HTMLInputElement;
    await user.type(title, ' today');
    await user.keyboard('{Escape}');
    const ask = within(await screen.findByRole('dialog', { name: 'Discard your changes?' }));
    expect(ask.getByText(/has not been saved/)).toBeTruthy();
    expect(history.location.pathname).toBe(URL);

    await user.click(ask.getByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(question()).toBeNull());
    expect(title.value).toBe('Write brief today');
    await waitFor(() => expect(document.activeElement).toBe(title));

    // Escape in the question is "Keep editing" too, and leaves the task dialog open
    await user.keyboard('{Escape}');
    await screen.findByRole('dialog', { name: 'Discard your changes?' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(question()).toBeNull());
    expect(screen.getByRole('dialog', { name: 'Edit task' })).toBeTruthy();

    await user.keyboard('{Escape}');
    await user.click(await screen.findByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(history.location.pathname).toBe('/boards/1');
  });

  it('Close and a click outside ask too, for each kind of edit and for an unsent comment', async () => {
    const { user, d } = await open();
    const edits: [string, () => Promise<void>][] = [
      [
        'description',
        async () => {
          await user.click(d.getByRole('button', { name: 'Edit description' }));
          await user.type(d.getByRole('textbox', { name: 'Description' }), '!');
        },
      ],
      ['assignee', () => user.selectOptions(d.getByRole('combobox', { name: 'Assignee' }), 'Unassigned')],
      ['due date', () => user.clear(d.getByLabelText('Due date'))],
      ['labels', () => user.click(d.getByRole('checkbox', { name: 'Design' }))],
      ['comment', () => user.type(d.getByRole('textbox', { name: 'Add a comment' }), 'Half a thought')],
    ];
    for (const [name, edit] of edits) {
      await edit();
      for (const leave of [
        () => user.click(d.getByRole('button', { name: 'Close' })),
        () => user.click(document.querySelector('.dialog-backdrop')!),
      ]) {
        await leave();
        const ask = await screen.findByRole('dialog', { name: 'Discard your changes?' }).catch(() => {
          throw new Error(`no question after editing the ${name}`);
        });
        await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
        await waitFor(() => expect(question()).toBeNull());
      }
    }
    expect(screen.getByRole('dialog', { name: 'Edit task' })).toBeTruthy();
  });

  it('closes at once without edits, and when an edit was undone by hand', async () => {
    const { user, history, d } = await open();
    await user.click(d.getByRole('button', { name: 'Edit description' }));
    const description = d.getByRole('textbox', { name: 'Description' });
    await user.type(description, 'x');
    await user.type(description, '{Backspace}');
    await user.click(d.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(history.location.pathname).toBe('/boards/1');
  });

  it('asks before the app navigates elsewhere (a link, any route change), and stays on the task when kept', async () => {
    const { user, history, d } = await open();
    await user.type(d.getByRole('textbox', { name: 'Add a comment' }), 'Half a thought');
    // a link outside the dialog (the header's)
    await user.click(screen.getByRole('link', { name: 'Boards' }));
    await screen.findByRole('dialog', { name: 'Discard your changes?' });
    await user.click(screen.getByRole('button', { name: 'Keep editing' }));
    expect(history.location.pathname).toBe(URL);

    act(() => history.navigate('/nowhere'));
    await user.click(await screen.findByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(history.location.pathname).toBe('/nowhere'));
  });

  // the task opened from the board, as a user does: the board is the entry before it
  const openFromBoard = async () => {
    const view = renderApp('/boards/1', [
      board,
      mockData(TaskDialogQuery, dialogVars, dialogData()),
      noComments,
      mockData(TaskDialogQuery, dialogVars, dialogData()),
      noComments,
    ]);
    await view.user.click(await screen.findByRole('link', { name: 'Write brief' }));
    const d = within(await screen.findByRole('dialog', { name: 'Edit task' }));
    await d.findByText('No comments yet');
    return { ...view, d };
  };

  it('asks before the browser’s Back leaves the task: Keep editing stays on it, Discard goes back', async () => {
    const { user, history, d } = await openFromBoard();
    await user.type(d.getByRole('textbox', { name: 'Add a comment' }), 'Half a thought');

    act(() => history.go(-1));
    const ask = within(await screen.findByRole('dialog', { name: 'Discard your changes?' }));
    expect(history.location.pathname).toBe(URL);
    await user.click(ask.getByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(question()).toBeNull());
    expect(history.location.pathname).toBe(URL);
    expect((d.getByRole('textbox', { name: 'Add a comment' }) as HTMLTextAreaElement).value).toBe('Half a thought');

    // asked again the next time
    act(() => history.go(-1));
    await user.click(await screen.findByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(history.location.pathname).toBe('/boards/1');
    expect(history.action).toBe('POP');
  });

  it('asks before the browser’s Forward leaves the task too', async () => {
    const { user, history } = await openFromBoard();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // back to the task (nothing to lose yet), then edits
    act(() => history.go(-1));
    const d = within(await screen.findByRole('dialog', { name: 'Edit task' }));
    await user.type(await d.findByRole('textbox', { name: 'Title' }), ' today');

    act(() => history.go(1));
    await user.click(await screen.findByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(question()).toBeNull());
    expect(history.location.pathname).toBe(URL);
    expect((d.getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe('Write brief today');

    act(() => history.go(1));
    await user.click(await screen.findByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(history.location.pathname).toBe('/boards/1');
  });

  it('makes the browser ask before a reload or closing the tab, only while there are edits', async () => {
    const { user, d } = await open();
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(false);
    await user.type(d.getByRole('textbox', { name: 'Title' }), '!');
    expect(unload()).toBe(true);
    await user.type(d.getByRole('textbox', { name: 'Title' }), '{Backspace}');
    expect(unload()).toBe(false);
  });
});

describe('the description, in Markdown', () => {
  const markdown = '- [x] Outline\n- [ ] Draft\n\nSee `npm run build` and [the brief](https://example.com/brief).';
  const open = async (description: string | null = markdown, mocks: Parameters<typeof renderApp>[1] = []) => {
    const view = renderApp(URL, [
      board,
      mockData(TaskDialogQuery, dialogVars, dialogData({ description })),
      noComments,
      ...mocks,
    ]);
    const d = within(await screen.findByRole('dialog', { name: 'Edit task' }));
    await d.findByRole('textbox', { name: 'Title' });
    return { ...view, d };
  };

  it('shows rendered: a task list, code and a link, and no text field until Edit', async () => {
    const { d } = await open();
    expect(await d.findByRole('link', { name: 'the brief (opens in a new tab)' })).toBeTruthy();
    expect(d.getByText('npm run build').tagName).toBe('CODE');
    expect(d.getAllByRole('checkbox', { name: /done/i }).map((box) => (box as HTMLInputElement).checked)).toEqual([
      true,
      false,
    ]);
    expect(d.queryByRole('textbox', { name: 'Description' })).toBeNull();
  });

  it('Edit shows the Markdown, focused, with a hint; Cancel goes back to the saved text and to Edit', async () => {
    const { user, d } = await open();
    await user.click(await d.findByRole('button', { name: 'Edit description' }));
    const field = d.getByRole('textbox', { name: 'Description' }) as HTMLTextAreaElement;
    expect(field.value).toBe(markdown);
    expect(document.activeElement).toBe(field);
    expect(field.selectionStart).toBe(markdown.length);
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Markdown supported',
    );
    await user.type(field, ' More.');
    await user.click(d.getByRole('button', { name: 'Cancel editing the description' }));
    expect(d.queryByRole('textbox', { name: 'Description' })).toBeNull();
    expect(document.activeElement).toBe(d.getByRole('button', { name: 'Edit description' }));
    expect(d.getByRole('link', { name: /the brief/ })).toBeTruthy();
    expect(d.queryByText(/More\./)).toBeNull();
    // nothing is left unsaved: Close closes
    await user.click(d.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('an empty description is a text field to write in, with the hint, and nothing to cancel', async () => {
    const { d } = await open(null);
    const field = d.getByRole('textbox', { name: 'Description' }) as HTMLTextAreaElement;
    expect(field.value).toBe('');
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Markdown supported',
    );
    expect(d.queryByRole('button', { name: /Edit description|Cancel editing/ })).toBeNull();
  });

  it('saved, it shows rendered at once; a failed save keeps the typed text in the field', async () => {
    const { user, d } = await open(null, [
      mockNetworkError(UpdateTaskMutation, {
        input: { id: '5', expectedVersion: 1, description: '1. **Ship** it' },
      }),
      mockData(
        UpdateTaskMutation,
        { input: { id: '5', expectedVersion: 1, description: '1. **Ship** it' } },
        { updateTask: snapshot({ description: '1. **Ship** it', version: 2 }) },
      ),
    ]);
    await user.type(d.getByRole('textbox', { name: 'Description' }), '1. **Ship** it');
    await user.click(d.getByRole('button', { name: 'Save' }));
    expect((await d.findByRole('alert')).textContent).toMatch(/Cannot reach the server/);
    expect((d.getByRole('textbox', { name: 'Description' }) as HTMLTextAreaElement).value).toBe('1. **Ship** it');

    await user.click(d.getByRole('button', { name: 'Save' }));
    expect(await d.findByText('Saved.')).toBeTruthy();
    expect(d.queryByRole('textbox', { name: 'Description' })).toBeNull();
    expect((await d.findByText('Ship')).tagName).toBe('STRONG');
    expect(d.getByText('Ship').closest('ol')).toBeTruthy();
  });
});

describe('comments', () => {
  const withDialog = [board, mockData(TaskDialogQuery, dialogVars, dialogData())];

  it('shows a loading status while the comments load', async () => {
    renderApp(URL, [...withDialog, mockPending(TaskCommentsQuery, { taskId: '5' })]);
    const d = within(await screen.findByRole('dialog'));
    await d.findByRole('textbox', { name: 'Title' });
    expect(d.getByRole('status').textContent).toMatch(/^Loading comments/);
  });

  it('says when there are no comments yet', async () => {
    renderApp(URL, [...withDialog, noComments]);
    expect(await within(await screen.findByRole('dialog')).findByText('No comments yet')).toBeTruthy();
  });

  it('shows an error when the comments cannot be loaded', async () => {
    renderApp(URL, [...withDialog, mockNetworkError(TaskCommentsQuery, { taskId: '5' })]);
    const alert = await within(await screen.findByRole('dialog')).findByRole('alert');
    expect(alert.textContent).toMatch(/Cannot reach the server/);
  });

  it('lists comments, offers to delete only the viewer’s own, and loads more', async () => {
    const first = comments(
      [
        { id: 'c1', body: 'Looks good', author: { id: BOB.id, name: BOB.name } },
        { id: 'c2', body: 'Thanks!', author: { id: VIEWER.id, name: VIEWER.name } },
      ],
      true,
    );
    const next = comments([{ id: 'c3', body: 'One more thing', author: { id: BOB.id, name: BOB.name } }]);
    const { user } = renderApp(URL, [
      ...withDialog,
      mockData(TaskCommentsQuery, { taskId: '5' }, first),
      mockData(TaskCommentsQuery, { taskId: '5', after: 'c-2' }, next),
    ]);
    const d = within(await screen.findByRole('dialog'));
    await d.findByText('Looks good');
    const items = () => within(d.getByRole('list')).getAllByRole('listitem');
    expect(items().map((item) => within(item).queryByRole('button', { name: 'Delete comment' }) !== null)).toEqual([
      false,
      true,
    ]);
    await user.click(d.getByRole('button', { name: 'Load more' }));
    expect(await d.findByText('One more thing')).toBeTruthy();
    expect(items()).toHaveLength(3);
  });

  it('adds a comment at once, as the viewer’s', async () => {
    const { user } = renderApp(URL, [
      ...withDialog,
      noComments,
      mockData(
        AddCommentMutation,
        { input: { taskId: '5', body: 'On it' } },
        {
          addComment: {
            __typename: 'Comment',
            id: 'c9',
            body: 'On it',
            createdAt: '2026-11-26T10:00:00.000Z',
            updatedAt: '2026-11-26T10:00:00.000Z',
            author: { __typename: 'User', id: VIEWER.id, name: VIEWER.name },
          },
        },
        { delay: 200 },
      ),
    ]);
    const d = within(await screen.findByRole('dialog'));
    await d.findByText('No comments yet');
    await user.type(d.getByRole('textbox', { name: 'Add a comment' }), 'On it');
    await user.click(d.getByRole('button', { name: 'Comment' }));
    expect(d.getByText('On it')).toBeTruthy();
    expect(d.getByRole('heading', { name: 'Comments (1)' })).toBeTruthy();
    // its delete button waits for the server's id
    expect(d.queryByRole('button', { name: 'Delete comment' })).toBeNull();
    expect(await d.findByRole('button', { name: 'Delete comment' })).toBeTruthy();
  });
  it('shows comments rendered from their Markdown, and raw HTML in them as text', async () => {
    renderApp(URL, [
      ...withDialog,
      mockData(
        TaskCommentsQuery,
        { taskId: '5' },
        comments([
          { id: 'c1', body: 'Fixed in `main`:\n\n- one\n- two', author: { id: BOB.id, name: BOB.name } },
          {
            id: 'c2',
            body: '<img src=x onerror="alert(1)"> [x](javascript:alert(1))',
            author: { id: BOB.id, name: BOB.name },
          },
        ]),
      ),
    ]);
    const d = within(await screen.findByRole('dialog'));
    expect(await d.findByText('main', { selector: 'code' })).toBeTruthy();
    const [first, second] = document.querySelectorAll<HTMLElement>('li.comment');
    expect(
      within(first!)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['one', 'two']);
    expect(second!.querySelector('img, [onerror]')).toBeNull();
    expect(within(second!).queryByRole('link')).toBeNull();
    expect(second!.textContent).toContain('<img src=x onerror="alert(1)">');
  });

  it('hints that Markdown is supported where comments are written', async () => {
    renderApp(URL, [...withDialog, noComments]);
    const field = await within(await screen.findByRole('dialog')).findByRole('textbox', { name: 'Add a comment' });
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Markdown supported',
    );
  });
});

describe('editing a comment', () => {
  const withDialog = [board, mockData(TaskDialogQuery, dialogVars, dialogData())];
  const mine = comments([
    { id: 'c1', body: 'Looks good', author: { id: BOB.id, name: BOB.name } },
    { id: 'c2', body: 'Thanks!', author: { id: VIEWER.id, name: VIEWER.name } },
  ]);
  const edited = (body: string) => ({
    editComment: {
      __typename: 'Comment' as const,
      id: 'c2',
      body,
      createdAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-26T10:00:00.000Z',
      author: { __typename: 'User' as const, id: VIEWER.id, name: VIEWER.name },
    },
  });

  async function openComments(mocks: Parameters<typeof renderApp>[1] = []) {
    const view = renderApp(URL, [...withDialog, mockData(TaskCommentsQuery, { taskId: '5' }, mine), ...mocks]);
    const d = within(await screen.findByRole('dialog'));
    await d.findByText('Thanks!');
    return { ...view, d };
  }

  it('is offered on the viewer’s own comments only', async () => {
    const { d } = await openComments();
    const items = within(d.getByRole('list')).getAllByRole('listitem');
    expect(items.map((item) => within(item).queryByRole('button', { name: 'Edit comment' }) !== null)).toEqual([
      false,
      true,
    ]);
  });

  it('edits in place: the new text shows at once, marked edited, and stays when saved', async () => {
    const { user, d } = await openComments([
      mockData(EditCommentMutation, { input: { id: 'c2', body: 'Thanks, merged.' } }, edited('Thanks, merged.'), {
        delay: 100,
      }),
    ]);
    await user.click(d.getByRole('button', { name: 'Edit comment' }));
    const field = d.getByRole('textbox', { name: 'Edit your comment' }) as HTMLTextAreaElement;
    expect(document.activeElement).toBe(field);
    expect(field.value).toBe('Thanks!');
    await user.clear(field);
    await user.type(field, 'Thanks, merged.');
    await user.click(d.getByRole('button', { name: 'Save comment' }));
    expect(d.getByText('Thanks, merged.')).toBeTruthy();
    expect(d.getByText('(edited)')).toBeTruthy();
    expect(document.activeElement).toBe(d.getByRole('button', { name: 'Edit comment' }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(d.getByText('Thanks, merged.')).toBeTruthy();
    expect(d.queryByText('Thanks!')).toBeNull();
  });

  it('Escape cancels the edit and leaves the dialog open', async () => {
    const { user, d } = await openComments();
    await user.click(d.getByRole('button', { name: 'Edit comment' }));
    await user.type(d.getByRole('textbox', { name: 'Edit your comment' }), ' and more{Escape}');
    expect(screen.getByRole('dialog', { name: 'Edit task' })).toBeTruthy();
    expect(d.getByText('Thanks!')).toBeTruthy();
    expect(d.queryByRole('textbox', { name: 'Edit your comment' })).toBeNull();
    expect(document.activeElement).toBe(d.getByRole('button', { name: 'Edit comment' }));
  });

  it('refuses an empty comment before sending it', async () => {
    const { user, d } = await openComments();
    await user.click(d.getByRole('button', { name: 'Edit comment' }));
    await user.clear(d.getByRole('textbox', { name: 'Edit your comment' }));
    await user.click(d.getByRole('button', { name: 'Save comment' }));
    expect(d.getByRole('alert').textContent).toBe('The comment cannot be empty.');
  });

  it('a refused save puts the old text back and reopens the editor with the typed text and the reason', async () => {
    const { user, d } = await openComments([
      mockNetworkError(EditCommentMutation, { input: { id: 'c2', body: 'Thanks, merged.' } }),
    ]);
    await user.click(d.getByRole('button', { name: 'Edit comment' }));
    const field = d.getByRole('textbox', { name: 'Edit your comment' });
    await user.clear(field);
    await user.type(field, 'Thanks, merged.');
    await user.click(d.getByRole('button', { name: 'Save comment' }));
    expect((await d.findByRole('alert')).textContent).toMatch(/Cannot reach the server/);
    const again = d.getByRole('textbox', { name: 'Edit your comment' }) as HTMLTextAreaElement;
    expect(again.value).toBe('Thanks, merged.');
    expect(document.activeElement).toBe(again);
    expect(d.queryByText('(edited)')).toBeNull();
    // the comment itself is as it was
    await user.click(d.getByRole('button', { name: 'Cancel' }));
    expect(d.getByText('Thanks!')).toBeTruthy();
  });
});

describe('managing labels', () => {
  const dialogWith = (viewerRole: 'OWNER' | 'MEMBER') => [
    board,
    mockData(TaskDialogQuery, dialogVars, dialogData({}, viewerRole)),
    noComments,
  ];
  const labelsGroup = () => within(within(dialog()).getByRole('group', { name: 'Labels' }));
  const choices = () =>
    labelsGroup()
      .getAllByRole('checkbox')
      .map((box) => box.parentElement?.textContent);

  async function openLabels(
    mocks: Parameters<typeof renderApp>[1],
    viewerRole: 'OWNER' | 'MEMBER' = 'OWNER',
    traffic?: Traffic,
  ) {
    const view = renderApp(URL, [...dialogWith(viewerRole), ...mocks], { traffic });
    await within(await screen.findByRole('dialog')).findByRole('textbox', { name: 'Title' });
    await view.user.click(labelsGroup().getByRole('button', { name: 'Manage labels' }));
    return view;
  }

  it('renames and recolours a label in place; it shows at once everywhere, in name order', async () => {
    const { user } = await openLabels([
      mockData(
        UpdateLabelMutation,
        { input: { id: 'l1', name: 'Defect', color: '#dc2626' } },
        { updateLabel: { __typename: 'Label', id: 'l1', name: 'Defect', color: '#dc2626' } },
        { delay: 100 },
      ),
    ]);
    expect(labelsGroup().getByRole('button', { name: 'Manage labels' }).getAttribute('aria-expanded')).toBe('true');
    await user.click(labelsGroup().getByRole('button', { name: 'Edit label Bug' }));
    const editor = within(labelsGroup().getByRole('group', { name: 'Edit label Bug' }));
    const name = editor.getByRole('textbox', { name: 'Name' });
    expect(document.activeElement).toBe(name);
    await user.clear(name);
    await user.type(name, 'Defect{Enter}');
    // Enter saved the label, not the task (no UpdateTask was mocked), and the dialog stays
    expect(choices()).toEqual(['Defect', 'Design']);
    expect(screen.getByRole('dialog', { name: 'Edit task' })).toBeTruthy();
    expect(document.activeElement).toBe(labelsGroup().getByRole('button', { name: 'Edit label Defect' }));
    const filter = screen.getByRole('combobox', { name: 'Label' }) as HTMLSelectElement;
    expect([...filter.options].map((o) => o.text)).toEqual(['Any label', 'Defect', 'Design']);
  });

  it('a refused edit puts the label back and reopens the editor with what was typed and why', async () => {
    const { user } = await openLabels([
      mockErrors(UpdateLabelMutation, { input: { id: 'l1', name: 'Design', color: '#dc2626' } }, [
        gqlError('BAD_USER_INPUT', 'The input is not valid.', { fields: { name: ['is already used on this board'] } }),
      ]),
    ]);
    await user.click(labelsGroup().getByRole('button', { name: 'Edit label Bug' }));
    const name = labelsGroup().getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Design');
    await user.click(labelsGroup().getByRole('button', { name: 'Save label' }));
    expect((await labelsGroup().findByRole('alert')).textContent).toBe('Name is already used on this board.');
    expect((labelsGroup().getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Design');
    expect(choices()).toEqual(['Bug', 'Design']);
  });

  it('Escape leaves the label as it was and the dialog open', async () => {
    const { user } = await openLabels([]);
    await user.click(labelsGroup().getByRole('button', { name: 'Edit label Bug' }));
    await user.type(labelsGroup().getByRole('textbox', { name: 'Name' }), 'gy{Escape}');
    expect(screen.getByRole('dialog', { name: 'Edit task' })).toBeTruthy();
    expect(choices()).toEqual(['Bug', 'Design']);
    expect(document.activeElement).toBe(labelsGroup().getByRole('button', { name: 'Edit label Bug' }));
  });

  it('offers deleting to the owner only', async () => {
    await openLabels([], 'MEMBER');
    expect(labelsGroup().getByRole('button', { name: 'Edit label Bug' })).toBeTruthy();
    expect(labelsGroup().queryByRole('button', { name: 'Delete label Bug' })).toBeNull();
  });

  it('deletes after a question that says what happens to the tasks; the label goes at once', async () => {
    const { user } = await openLabels([
      mockData(DeleteLabelMutation, { id: 'l1' }, { deleteLabel: 'l1' }, { delay: 100 }),
    ]);
    await user.click(labelsGroup().getByRole('button', { name: 'Delete label Bug' }));
    const question = within(labelsGroup().getByRole('group', { name: /^Delete the label/ }));
    expect(question.getByText(/taken off every task that has it/)).toBeTruthy();
    // the safe answer has focus
    expect(document.activeElement).toBe(question.getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Edit task' })).toBeTruthy();
    expect(document.activeElement).toBe(labelsGroup().getByRole('button', { name: 'Delete label Bug' }));

    await user.click(labelsGroup().getByRole('button', { name: 'Delete label Bug' }));
    await user.click(labelsGroup().getByRole('button', { name: 'Delete label' }));
    expect(choices()).toEqual(['Design']);
    expect(document.activeElement).toBe(labelsGroup().getByRole('button', { name: 'Manage labels' }));
    // the task's card loses it too, once the server agrees
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'To do' })).queryByText('Bug')).toBeNull());
  });

  it('a refused deletion puts the label back and says why', async () => {
    // the refusal held until the label is seen gone (a 50 ms delay let it arrive first on a busy machine)
    const traffic = new Traffic({ hold: ['DeleteLabel'] });
    const { user } = await openLabels(
      [mockErrors(DeleteLabelMutation, { id: 'l1' }, [gqlError('NOT_FOUND', 'Label not found.')])],
      'OWNER',
      traffic,
    );
    await user.click(labelsGroup().getByRole('button', { name: 'Delete label Bug' }));
    await user.click(labelsGroup().getByRole('button', { name: 'Delete label' }));
    expect(choices()).toEqual(['Design']);
    await waitFor(() => expect(traffic.held).toBe(1));
    act(() => traffic.release());
    expect((await labelsGroup().findByRole('alert')).textContent).toMatch(/^Label not found\./);
    expect(choices()).toEqual(['Bug', 'Design']);
  });
});
