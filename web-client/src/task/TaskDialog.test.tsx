import type { Unmasked } from '@apollo/client/masking';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TaskCommentsQuery } from '../apollo/taskComments';
import { BoardPageQuery } from '../board/BoardPage';
import { RefreshTaskQuery } from '../mutations/taskSnapshot';
import { AddCommentMutation } from '../mutations/useAddComment';
import { DeleteTaskMutation } from '../mutations/useDeleteTask';
import { UpdateTaskMutation } from '../mutations/useUpdateTask';
import { gqlError, mockData, mockErrors, mockNetworkError, mockPending, renderApp } from '../test/apollo';
import { BOARD_PAGE_VARS, BOB, boardPage, LABELS, task, VIEWER } from '../test/fixtures';
import { TaskDialogQuery } from './TaskDialog';

type DialogData = Unmasked<ResultOf<typeof TaskDialogQuery>>;
type CommentsData = Unmasked<ResultOf<typeof TaskCommentsQuery>>;
type Snapshot = NonNullable<Unmasked<ResultOf<typeof RefreshTaskQuery>>['task']>;

const URL = '/boards/1/tasks/5';
const dialogVars = { taskId: '5', boardId: '1' };
const board = mockData(BoardPageQuery, BOARD_PAGE_VARS, boardPage({ columns: { TODO: [task('5', 'Write brief')] } }));

const snapshot = (overrides: Partial<Snapshot> = {}): Snapshot => ({
  __typename: 'Task',
  id: '5',
  boardId: '1',
  title: 'Write brief',
  description: 'First draft',
  status: 'TODO',
  version: 1,
  dueDate: '2026-12-03T00:00:00.000Z',
  commentCount: 0,
  assignee: { __typename: 'User', id: BOB.id, name: BOB.name },
  labels: [LABELS[0]!],
  ...overrides,
});

function dialogData(overrides: Partial<Snapshot> = {}): DialogData {
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
      status: t.status,
      assignee: t.assignee && { __typename: 'User', id: t.assignee.id },
      labels: t.labels.map(({ id }) => ({ __typename: 'Label', id })),
    },
    board: {
      __typename: 'Board',
      id: '1',
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
    expect((d.getByRole('textbox', { name: 'Description' }) as HTMLTextAreaElement).value).toBe('First draft');
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
      'Alice Owner Owner',
      'Bob Member Member',
    ]);
  });

  it('closes with Escape, back to the board', async () => {
    const { user, router } = renderApp(URL, [board, mockData(TaskDialogQuery, dialogVars, dialogData()), noComments]);
    await within(await screen.findByRole('dialog')).findByRole('textbox', { name: 'Title' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(router.state.location.pathname).toBe('/boards/1');
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
    const description = (await d.findByRole('textbox', { name: 'Description' })) as HTMLTextAreaElement;
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
  });

  it('deletes the task: its card goes at once and the dialog closes when the server agrees', async () => {
    const { user, router } = renderApp(URL, [
      board,
      mockData(TaskDialogQuery, dialogVars, dialogData()),
      noComments,
      mockData(DeleteTaskMutation, { id: '5', expectedVersion: 1 }, { deleteTask: '5' }, { delay: 200 }),
    ]);
    const d = within(await screen.findByRole('dialog'));
    await d.findByRole('textbox', { name: 'Title' });
    await user.click(d.getByRole('button', { name: 'Delete task' }));
    expect(within(screen.getByRole('region', { name: 'To do' })).queryAllByRole('listitem')).toHaveLength(0);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(router.state.location.pathname).toBe('/boards/1');
  });

  it('puts a task back when deleting it is refused', async () => {
    const { user } = renderApp(URL, [
      board,
      mockData(TaskDialogQuery, dialogVars, dialogData()),
      noComments,
      mockErrors(
        DeleteTaskMutation,
        { id: '5', expectedVersion: 1 },
        [gqlError('FORBIDDEN', 'You cannot delete this task.')],
        {
          delay: 200,
        },
      ),
    ]);
    const d = within(await screen.findByRole('dialog'));
    await d.findByRole('textbox', { name: 'Title' });
    await user.click(d.getByRole('button', { name: 'Delete task' }));
    expect((await d.findByRole('alert')).textContent).toBe('You cannot delete this task.');
    expect(
      within(screen.getByRole('region', { name: 'To do' })).getByRole('link', { name: 'Write brief' }),
    ).toBeTruthy();
    expect(screen.getByRole('dialog')).toBeTruthy();
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
});
