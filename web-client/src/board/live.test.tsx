// Live boards in the browser: what each kind of event does to the board, the open task dialog and
// the filtered board (through the app's own cache and its type policies), the viewer's own changes
// coming back as events, resuming, and the indicator.
import type { Unmasked } from '@apollo/client/masking';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COLUMN_PAGE_SIZE, ColumnTasksQuery, type ColumnTask } from '../apollo/columnTasks';
import { TaskCommentsQuery } from '../apollo/taskComments';
import { BoardsPageQuery } from '../board-list/BoardsPage';
import { AddCommentMutation } from '../mutations/useAddComment';
import { CreateTaskMutation } from '../mutations/useCreateTask';
import { DeleteTaskMutation } from '../mutations/useDeleteTask';
import { EditCommentMutation } from '../mutations/useEditComment';
import { MoveTaskMutation } from '../mutations/useMoveTask';
import { RemoveMemberMutation } from '../mutations/useRemoveMember';
import { RenameBoardMutation } from '../mutations/useRenameBoard';
import { gqlError, mockData, renderApp, TestLive, Traffic } from '../test/apollo';
import {
  BOARD_PAGE_VARS,
  BOB,
  boardEvent,
  boardPage,
  eventTask,
  LABELS,
  LIVE_FROM,
  task,
  VIEWER,
  DIALOG_COLUMNS,
} from '../test/fixtures';
import { TaskDialogQuery } from '../task/TaskDialog';
import { BoardPageQuery } from './BoardPage';
import { FilteredTasksQuery } from './filters/useFilteredTasks';
import { ColumnCountsQuery } from './useLiveBoard';

type CommentsData = Unmasked<ResultOf<typeof TaskCommentsQuery>>;

const region = (name: string) => screen.getByRole('region', { name });
const titles = (name: string) =>
  within(within(region(name)).getByRole('list'))
    .queryAllByRole('listitem')
    .map((item) => item.querySelector('.task-card-title')?.textContent);
/** The board's live indicator: a status whose text starts with what it is about. */
const indicator = () => screen.getAllByRole('status').find((status) => status.textContent?.startsWith('Live updates:'));
const count = (name: string) => within(region(name)).getByText(/^\d+ tasks?$/).textContent;

const columns = {
  todo: [task('1', 'Write brief'), task('2', 'Draft plan')],
  doing: [task('3', 'Book venue')],
};
const boardMock = (data = boardPage({ columns })) => mockData(BoardPageQuery, BOARD_PAGE_VARS, data);

/** The board page, live, with `mocks` for what else it asks; resolves once the board shows. */
async function openBoard(url = '/boards/1', mocks: Parameters<typeof renderApp>[1] = [boardMock()], traffic?: Traffic) {
  const live = new TestLive();
  const view = renderApp(url, mocks, { live, traffic });
  await screen.findByRole('heading', { level: 1, name: 'Launch plan' });
  await waitFor(() => expect(live.active).toBe(1));
  // Apollo hands subscription results, and cache changes to the views, on asynchronously: one turn
  // of the event loop sees them rendered
  const emit = (event: Parameters<TestLive['emit']>[0]) =>
    act(async () => {
      live.emit(event);
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  return { ...view, live, emit };
}

describe('subscribing', () => {
  it('starts after the loaded board’s liveFrom, so nothing saved since loading it is missed', async () => {
    const { live } = await openBoard();
    expect(live.started).toEqual([{ boardId: '1', after: LIVE_FROM }]);
  });

  it('after a dropped subscription, starts again from the last event applied', async () => {
    const { live, emit } = await openBoard();
    const event = boardEvent('TASK_UPDATED', { task: eventTask('1', 'Write the brief', { version: 2 }) });
    await emit(event);
    act(() => live.drop());
    expect(indicator()?.textContent).toBe('Live updates: Reconnecting…');
    await waitFor(() => expect(live.started).toHaveLength(2));
    expect(live.started[1]).toEqual({ boardId: '1', after: event.id });
    // and an event it had already applied is not applied again
    await waitFor(() => expect(live.active).toBe(1));
    expect(titles('To do')).toEqual(['Write the brief', 'Draft plan']);
  });
});

describe('task events', () => {
  it('a new task by someone else joins its column where its position puts it, and the count', async () => {
    const { emit } = await openBoard();
    await emit(boardEvent('TASK_CREATED', { task: eventTask('9', 'Order badges', { position: 1500 }) }));
    expect(titles('To do')).toEqual(['Write brief', 'Order badges', 'Draft plan']);
    expect(count('To do')).toBe('3 tasks');
  });

  it('a new task on a page not loaded yet is counted, not shown', async () => {
    const { emit } = await openBoard('/boards/1', [boardMock(boardPage({ columns, more: { todo: 5 } }))]);
    await emit(boardEvent('TASK_CREATED', { task: eventTask('9', 'Order badges', { position: 99_000 }) }));
    expect(titles('To do')).toEqual(['Write brief', 'Draft plan']);
    expect(count('To do')).toBe('8 tasks');
  });

  it('an edit shows on the card; an older version arriving later changes nothing', async () => {
    const { emit } = await openBoard();
    const assignee = { __typename: 'User' as const, id: BOB.id, name: BOB.name };
    const edited = eventTask('2', 'Draft the plan', { version: 3, assignee, labels: [LABELS[0]!] });
    await emit(boardEvent('TASK_UPDATED', { task: edited }));
    const card = within(region('To do')).getAllByRole('listitem')[1]!;
    expect(within(card).getByRole('link').textContent).toBe('Draft the plan');
    expect(within(card).getByRole('img', { name: 'Assigned to Bob Member' })).toBeTruthy();
    expect(within(card).getByText('Bug')).toBeTruthy();
    await emit(boardEvent('TASK_UPDATED', { task: eventTask('2', 'Draft plan', { version: 2 }) }));
    expect(titles('To do')).toEqual(['Write brief', 'Draft the plan']);
  });

  it('a move takes the card from one column to its place in the other, with both counts', async () => {
    const { emit } = await openBoard();
    await emit(
      boardEvent('TASK_MOVED', { task: eventTask('1', 'Write brief', { columnId: 'doing', position: 5000 }) }),
    );
    expect(titles('To do')).toEqual(['Draft plan']);
    expect(titles('In progress')).toEqual(['Book venue', 'Write brief']);
    expect(count('To do')).toBe('1 task');
    expect(count('In progress')).toBe('2 tasks');
    // and within a column, to its new place
    await emit(boardEvent('TASK_MOVED', { task: eventTask('1', 'Write brief', { columnId: 'doing', position: 0 }) }));
    expect(titles('In progress')).toEqual(['Write brief', 'Book venue']);
    expect(count('In progress')).toBe('2 tasks');
  });

  it('a move of a task never loaded reads the column counts again (one small query)', async () => {
    const counts = {
      board: {
        __typename: 'Board' as const,
        id: '1',
        columns: [
          ['todo', 6],
          ['doing', 2],
          ['done', 0],
        ].map(([id, totalCount]) => ({
          __typename: 'Column' as const,
          id: String(id),
          tasks: { __typename: 'TaskConnection' as const, totalCount: Number(totalCount) },
        })),
      },
    };
    const { emit } = await openBoard('/boards/1', [
      boardMock(boardPage({ columns, more: { todo: 5 } })),
      mockData(ColumnCountsQuery, { boardId: '1' }, counts),
    ]);
    await emit(boardEvent('TASK_MOVED', { task: eventTask('40', 'Far away', { columnId: 'doing', position: 9000 }) }));
    expect(titles('In progress')).toEqual(['Book venue', 'Far away']);
    await waitFor(() => expect(count('To do')).toBe('6 tasks'));
    expect(count('In progress')).toBe('2 tasks');
  });

  it('a deletion takes the card away, and the open dialog says the task is gone', async () => {
    const traffic = new Traffic();
    const { emit, cache } = await openBoard(
      '/boards/1/tasks/2',
      [boardMock(), dialogMock('2', 'Draft plan'), noComments('2')],
      traffic,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit task' });
    await within(dialog).findByRole('textbox', { name: 'Title' });
    // the dialog shows the task from the board's cache at once, and asks for it too: after that answer
    // (an answer from before the deletion, arriving after its event, would show the task again)
    await waitFor(() => expect(traffic.answered).toContain('TaskDialog'));
    await emit(boardEvent('TASK_DELETED', { taskId: '2' }));
    expect(titles('To do')).toEqual(['Write brief']);
    expect(count('To do')).toBe('1 task');
    // the dialog learns it from its own query's cache entry, a render later than the board
    expect(await within(dialog).findByText('This task no longer exists.')).toBeTruthy();
    // the board as loaded still reads complete, so Apollo does not load it again for every viewer
    const diff = cache.diff({ query: BoardPageQuery, variables: BOARD_PAGE_VARS, optimistic: false });
    expect(diff.complete, String(diff.missing)).toBe(true);
  });

  it('the viewer’s own new task, coming back as an event, shows once and is counted once', async () => {
    const created = eventTask('9', 'Order badges', { columnId: 'doing', position: -1024 });
    const { user, emit } = await openBoard('/boards/1', [
      boardMock(),
      mockData(
        CreateTaskMutation,
        { input: { boardId: '1', columnId: 'doing', title: 'Order badges', index: 0 } },
        { createTask: created },
      ),
    ]);
    const column = within(region('In progress'));
    await user.type(column.getByRole('textbox', { name: 'New task title' }), 'Order badges');
    await user.click(column.getByRole('button', { name: 'Add task' }));
    await column.findByRole('link', { name: 'Order badges' });
    await emit(
      boardEvent('TASK_CREATED', { task: created, actor: { __typename: 'User', id: VIEWER.id, name: VIEWER.name } }),
    );
    expect(titles('In progress')).toEqual(['Order badges', 'Book venue']);
    expect(count('In progress')).toBe('2 tasks');
  });

  /**
   * The viewer adds "Order badges" to In progress; the board shows it as saving while the answer
   * (`created`) is held back until the test releases it.
   */
  async function addingTask(created: ReturnType<typeof eventTask>) {
    const traffic = new Traffic({ hold: ['CreateTask'] });
    const { user, emit } = await openBoard(
      '/boards/1',
      [
        boardMock(),
        mockData(
          CreateTaskMutation,
          { input: { boardId: '1', columnId: 'doing', title: 'Order badges', index: 0 } },
          { createTask: created },
        ),
      ],
      traffic,
    );
    const column = within(region('In progress'));
    await user.type(column.getByRole('textbox', { name: 'New task title' }), 'Order badges');
    await user.click(column.getByRole('button', { name: 'Add task' }));
    await waitFor(() => expect(traffic.held).toBe(1));
    return { emit, column, release: () => act(() => traffic.release()) };
  }

  it('the viewer’s own new task, coming back as an event before the answer, never shows twice', async () => {
    const created = eventTask('9', 'Order badges', { columnId: 'doing', position: -1024 });
    const { emit, column, release } = await addingTask(created);
    expect(titles('In progress')).toEqual(['Order badges (saving)', 'Book venue']);
    await emit(
      boardEvent('TASK_CREATED', { task: created, actor: { __typename: 'User', id: VIEWER.id, name: VIEWER.name } }),
    );
    // the optimistic card alone, still waiting for the answer
    expect(titles('In progress')).toEqual(['Order badges (saving)', 'Book venue']);
    expect(column.queryByRole('link', { name: 'Order badges' })).toBeNull();
    release();
    await column.findByRole('link', { name: 'Order badges' });
    expect(titles('In progress')).toEqual(['Order badges', 'Book venue']);
    expect(count('In progress')).toBe('2 tasks');
  });

  it('another member’s task with the same title as the viewer’s, created meanwhile, shows too', async () => {
    const mine = eventTask('9', 'Order badges', { columnId: 'doing', position: -1024 });
    const theirs = eventTask('10', 'Order badges', { columnId: 'doing', position: -2048 });
    const { emit, release } = await addingTask(mine);
    await emit(boardEvent('TASK_CREATED', { task: theirs, actor: { __typename: 'User', id: BOB.id, name: BOB.name } }));
    release();
    await waitFor(() => expect(titles('In progress')).toEqual(['Order badges', 'Order badges', 'Book venue']));
    expect(count('In progress')).toBe('3 tasks');
  });

  it('the viewer’s own move, coming back as an event, changes nothing', async () => {
    const { user, emit } = await openBoard('/boards/1', [
      boardMock(),
      mockData(
        MoveTaskMutation,
        { input: { id: '1', columnId: 'doing', index: 0, expectedVersion: 1 } },
        { moveTask: { __typename: 'Task', id: '1', columnId: 'doing', version: 2, position: 1024 } },
      ),
    ]);
    await user.click(screen.getByRole('button', { name: 'Move "Write brief" right' }));
    await waitFor(() => expect(titles('In progress')).toEqual(['Write brief', 'Book venue']));
    await screen.findByRole('link', { name: 'Write brief' });
    const moved = eventTask('1', 'Write brief', { columnId: 'doing', version: 2, position: 1024 });
    await emit(
      boardEvent('TASK_MOVED', { task: moved, actor: { __typename: 'User', id: VIEWER.id, name: VIEWER.name } }),
    );
    expect(titles('To do')).toEqual(['Draft plan']);
    expect(titles('In progress')).toEqual(['Write brief', 'Book venue']);
    expect(count('To do')).toBe('1 task');
    expect(count('In progress')).toBe('2 tasks');
  });
});

function dialogMock(id: string, title: string, overrides: Partial<ReturnType<typeof eventTask>> = {}) {
  const t = eventTask(id, title, overrides);
  return mockData(
    TaskDialogQuery,
    { taskId: id, boardId: '1' },
    {
      task: {
        __typename: 'Task',
        id,
        boardId: '1',
        title: t.title,
        description: t.description,
        dueDate: t.dueDate,
        version: t.version,
        columnId: t.columnId,
        assignee: t.assignee && { __typename: 'User', id: t.assignee.id },
        labels: t.labels.map((label) => ({ __typename: 'Label' as const, id: label.id })),
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
    },
  );
}

const comment = (id: string, body: string, author: { id: string; name: string } = BOB) => ({
  __typename: 'Comment' as const,
  id,
  body,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  author: { __typename: 'User' as const, id: author.id, name: author.name },
});

function commentsData(taskId: string, items: ReturnType<typeof comment>[]): CommentsData {
  return {
    task: {
      __typename: 'Task',
      id: taskId,
      comments: {
        __typename: 'CommentConnection',
        totalCount: items.length,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges: items.map((node, i) => ({ __typename: 'CommentEdge', cursor: `c-${i}`, node })),
      },
    },
  };
}
const noComments = (taskId: string) => mockData(TaskCommentsQuery, { taskId }, commentsData(taskId, []));

/** The board with task 2 ("Draft plan") open, its comments loaded. */
async function openDialog(mocks: Parameters<typeof renderApp>[1] = []) {
  const board = await openBoard('/boards/1/tasks/2', [
    boardMock(),
    dialogMock('2', 'Draft plan'),
    noComments('2'),
    ...mocks,
  ]);
  const dialog = within(await screen.findByRole('dialog', { name: 'Edit task' }));
  await dialog.findByRole('textbox', { name: 'Title' });
  await dialog.findByText('No comments yet');
  return { ...board, dialog };
}

describe('the open task dialog', () => {
  const value = (dialog: ReturnType<typeof within>, name: string) =>
    (dialog.getByRole('textbox', { name }) as HTMLInputElement).value;

  it('follows someone else’s edit when the user has changed nothing', async () => {
    const { dialog, emit } = await openDialog();
    await emit(
      boardEvent('TASK_UPDATED', { task: eventTask('2', 'Draft the plan', { version: 2, description: 'Two pages' }) }),
    );
    expect(value(dialog, 'Title')).toBe('Draft the plan');
    // the description was empty and untouched: theirs shows, rendered from its Markdown
    expect(await dialog.findByText('Two pages', { selector: '.description-view p' })).toBeTruthy();
    expect(dialog.queryByRole('textbox', { name: 'Description' })).toBeNull();
    expect(dialog.queryByText(/Someone else changed this task/)).toBeNull();
  });

  it('keeps the user’s edits over someone else’s, and says what changed underneath', async () => {
    const { dialog, emit, user } = await openDialog();
    await user.type(dialog.getByRole('textbox', { name: 'Description' }), 'My notes');
    await emit(boardEvent('TASK_UPDATED', { task: eventTask('2', 'Draft the plan', { version: 2 }) }));
    expect(value(dialog, 'Title')).toBe('Draft the plan');
    expect(value(dialog, 'Description')).toBe('My notes');
    expect(
      dialog.getByText(/Someone else changed this task while you were editing it\. Their changes are shown/),
    ).toBeTruthy();

    // the same field changed on both sides: the user's stays, and saving would replace theirs
    await user.clear(dialog.getByRole('textbox', { name: 'Title' }));
    await user.type(dialog.getByRole('textbox', { name: 'Title' }), 'My title');
    await emit(boardEvent('TASK_UPDATED', { task: eventTask('2', 'Their title', { version: 3 }) }));
    expect(value(dialog, 'Title')).toBe('My title');
    expect(
      dialog.getByText(/They also changed the title: your unsaved edits are still in the form, and saving replaces/),
    ).toBeTruthy();
  });

  it('shows comments added and deleted by others, and the count on the card', async () => {
    const { dialog, emit } = await openDialog();
    const first = comment('31', 'Looks good');
    await emit(
      boardEvent('COMMENT_ADDED', {
        taskId: '2',
        comment: first,
        task: eventTask('2', 'Draft plan', { commentCount: 1 }),
      }),
    );
    expect(await dialog.findByText('Looks good')).toBeTruthy();
    expect(dialog.getByRole('heading', { name: 'Comments (1)' })).toBeTruthy();
    expect(within(region('To do')).getByText('1 comment')).toBeTruthy();
    // the same comment in another event (as a resume after a lost connection could bring it): once
    await emit(
      boardEvent('COMMENT_ADDED', {
        taskId: '2',
        comment: first,
        task: eventTask('2', 'Draft plan', { commentCount: 1 }),
      }),
    );
    expect(dialog.getAllByText('Looks good')).toHaveLength(1);
    expect(dialog.getByRole('heading', { name: 'Comments (1)' })).toBeTruthy();
    await emit(
      boardEvent('COMMENT_UPDATED', {
        taskId: '2',
        comment: { ...first, body: 'Looks great' },
        task: eventTask('2', 'Draft plan', { commentCount: 1 }),
      }),
    );
    expect(dialog.getByText('Looks great')).toBeTruthy();
    await emit(boardEvent('COMMENT_DELETED', { taskId: '2', commentId: '31', task: eventTask('2', 'Draft plan') }));
    expect(dialog.queryByText('Looks great')).toBeNull();
    expect(dialog.getByText('No comments yet')).toBeTruthy();
    expect(within(region('To do')).queryByText(/comment/)).toBeNull();
  });
});

const noBoards = mockData(
  BoardsPageQuery,
  {},
  {
    boards: {
      __typename: 'BoardConnection',
      totalCount: 0,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      edges: [],
    },
  },
);

describe('the viewer’s own changes, coming back as events', () => {
  const me = { __typename: 'User' as const, id: VIEWER.id, name: VIEWER.name };

  it('a comment: shown once, counted once', async () => {
    const mine = comment('41', 'On it', VIEWER);
    const { dialog, ...board } = await openDialog([
      mockData(AddCommentMutation, { input: { taskId: '2', body: 'On it' } }, { addComment: mine }),
    ]);
    await board.user.type(dialog.getByRole('textbox', { name: 'Add a comment' }), 'On it');
    await board.user.click(dialog.getByRole('button', { name: 'Comment' }));
    await dialog.findByRole('button', { name: 'Delete comment' });
    const task = eventTask('2', 'Draft plan', { commentCount: 1 });
    await board.emit(boardEvent('COMMENT_ADDED', { taskId: '2', comment: mine, task, actor: me }));
    expect(dialog.getAllByText('On it')).toHaveLength(1);
    expect(dialog.getByRole('heading', { name: 'Comments (1)' })).toBeTruthy();
    expect(within(region('To do')).getByText('1 comment')).toBeTruthy();
  });

  it('a deletion: the count goes down once', async () => {
    const { dialog, ...board } = await openDialog([
      mockData(DeleteTaskMutation, { id: '2', expectedVersion: 1 }, { deleteTask: '2' }),
    ]);
    await board.user.click(dialog.getByRole('button', { name: 'Delete task' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(count('To do')).toBe('1 task'));
    await board.emit(boardEvent('TASK_DELETED', { taskId: '2', actor: me }));
    expect(titles('To do')).toEqual(['Write brief']);
    expect(count('To do')).toBe('1 task');
  });

  it('a rename: the name the viewer gave stays', async () => {
    const board = await openBoard('/boards/1', [
      boardMock(),
      mockData(
        RenameBoardMutation,
        { input: { id: '1', name: 'Launch 2027' } },
        { renameBoard: { __typename: 'Board', id: '1', name: 'Launch 2027' } },
      ),
    ]);
    await board.user.click(screen.getByRole('button', { name: 'Rename board' }));
    const field = screen.getByRole('textbox', { name: 'Board name' });
    await board.user.clear(field);
    await board.user.type(field, 'Launch 2027{Enter}');
    await waitFor(() => expect(document.title).toBe('Launch 2027 · Taskboard'));
    await board.emit(boardEvent('BOARD_RENAMED', { boardName: 'Launch 2027', actor: me }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Launch 2027');
  });

  it('a removed member: gone once, and the panel unchanged by the event', async () => {
    const board = await openBoard('/boards/1', [
      boardMock(),
      mockData(RemoveMemberMutation, { boardId: '1', userId: BOB.id }, { removeMember: true }),
    ]);
    const members = () =>
      within(region('Members'))
        .getAllByRole('listitem')
        .map((item) => item.textContent);
    await board.user.click(screen.getByRole('button', { name: 'Remove Bob Member' }));
    await board.user.click(screen.getByRole('button', { name: 'Remove member' }));
    await waitFor(() => expect(members()).toEqual(['AO Alice Owner Owner']));
    await board.emit(boardEvent('MEMBER_REMOVED', { userId: BOB.id, actor: me }));
    expect(members()).toEqual(['AO Alice Owner Owner']);
  });

  it('an edited comment: the edit shows once', async () => {
    const mine = comment('41', 'On it', VIEWER);
    const edited = { ...mine, body: 'On it today', updatedAt: '2026-11-26T10:00:00.000Z' };
    const board = await openBoard('/boards/1/tasks/2', [
      boardMock(),
      dialogMock('2', 'Draft plan'),
      mockData(TaskCommentsQuery, { taskId: '2' }, commentsData('2', [mine])),
      mockData(EditCommentMutation, { input: { id: '41', body: 'On it today' } }, { editComment: edited }),
    ]);
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit task' }));
    await board.user.click(await dialog.findByRole('button', { name: 'Edit comment' }));
    const field = dialog.getByRole('textbox', { name: 'Edit your comment' });
    await board.user.clear(field);
    await board.user.type(field, 'On it today');
    await board.user.click(dialog.getByRole('button', { name: 'Save comment' }));
    await board.emit(boardEvent('COMMENT_UPDATED', { taskId: '2', comment: edited, actor: me }));
    expect(dialog.getAllByText('On it today')).toHaveLength(1);
    expect(dialog.getAllByRole('listitem')).toHaveLength(1);
  });

  it('a deleted board or a left one: the boards list says it in the viewer’s own words, not “by” them', async () => {
    const deleted = await openBoard('/boards/1', [boardMock(), noBoards]);
    await deleted.emit(boardEvent('BOARD_DELETED', { actor: me }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The board "Launch plan" was deleted\.Dismiss$/);
    deleted.unmount();

    const left = await openBoard('/boards/1', [boardMock(), noBoards]);
    await left.emit(boardEvent('MEMBER_REMOVED', { userId: VIEWER.id, actor: me }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^You left the board "Launch plan"\.Dismiss$/);
  });
});

describe('labels, members and the board', () => {
  const labelOptions = () =>
    [...(screen.getByRole('combobox', { name: 'Label' }) as HTMLSelectElement).options].map((option) => option.text);

  it('labels created, renamed and deleted show in the board’s label choices and on the cards', async () => {
    const labelled = { columns: { todo: [task('1', 'Write brief', { labels: [LABELS[1]!] })] } };
    const { emit } = await openBoard('/boards/1', [boardMock(boardPage(labelled))]);
    await emit(
      boardEvent('LABEL_CREATED', { label: { __typename: 'Label', id: 'l3', name: 'Copy', color: '#16a34a' } }),
    );
    expect(labelOptions()).toEqual(['Any label', 'Bug', 'Copy', 'Design']);
    await emit(
      boardEvent('LABEL_UPDATED', { label: { __typename: 'Label', id: 'l2', name: 'Art', color: '#2563eb' } }),
    );
    expect(labelOptions()).toEqual(['Any label', 'Art', 'Bug', 'Copy']);
    expect(within(region('To do')).getByText('Art')).toBeTruthy();
    await emit(boardEvent('LABEL_DELETED', { labelId: 'l2' }));
    expect(labelOptions()).toEqual(['Any label', 'Bug', 'Copy']);
    expect(within(region('To do')).queryByText('Art')).toBeNull();
  });

  it('members added and removed show in the members panel', async () => {
    const { emit } = await openBoard();
    const members = () =>
      within(region('Members'))
        .getAllByRole('listitem')
        .map((item) => item.textContent);
    const carol = { __typename: 'User' as const, id: 'u3', name: 'Carol New', email: 'carol@example.com' };
    await emit(boardEvent('MEMBER_ADDED', { member: { __typename: 'Member', role: 'MEMBER', user: carol } }));
    expect(members()).toEqual(['AO Alice Owner Owner', 'BM Bob Member Member Remove', 'CN Carol New Member Remove']);
    await emit(boardEvent('MEMBER_REMOVED', { userId: BOB.id }));
    expect(members()).toEqual(['AO Alice Owner Owner', 'CN Carol New Member Remove']);
  });

  it('a new name shows at once', async () => {
    const { emit } = await openBoard();
    await emit(boardEvent('BOARD_RENAMED', { boardName: 'Launch plan 2027' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Launch plan 2027');
  });

  it('a deleted board: back to the boards list, which says who deleted it', async () => {
    const { emit, live, history } = await openBoard('/boards/1', [boardMock(), noBoards]);
    await emit(boardEvent('BOARD_DELETED'));
    act(() => live.end([gqlError('NOT_FOUND', 'This board was deleted.')]));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^The board "Launch plan" was deleted by Bob Member\./,
    );
    expect(history.location.pathname).toBe('/');
    expect(screen.getByRole('heading', { level: 1, name: 'Your boards' })).toBeTruthy();
  });

  it('removed from the board while on it: back to the boards list, which says so', async () => {
    const { emit } = await openBoard('/boards/1', [boardMock(), noBoards]);
    await emit(boardEvent('MEMBER_REMOVED', { userId: VIEWER.id }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^You were removed from the board "Launch plan" by Bob Member\./,
    );
  });

  it('events missed (RESYNC_REQUIRED): the board is loaded again, once, and goes on from there', async () => {
    const fresh = boardPage({ columns: { todo: [task('1', 'Write brief'), task('7', 'Arrived while away')] } });
    fresh.board.liveFrom = '900';
    const columnMock = (columnId: 'todo' | 'doing' | 'done') =>
      mockData(
        ColumnTasksQuery,
        { boardId: '1', columnId, first: COLUMN_PAGE_SIZE },
        { board: { __typename: 'Board', id: '1', tasks: fresh.board.columns.find((c) => c.id === columnId)!.tasks } },
      );
    const { emit, live } = await openBoard('/boards/1', [
      boardMock(),
      boardMock(fresh),
      columnMock('todo'),
      columnMock('doing'),
      columnMock('done'),
    ]);
    await emit({ ...boardEvent('RESYNC_REQUIRED'), id: '0', actor: null });
    await emit({ ...boardEvent('RESYNC_REQUIRED'), id: '0', actor: null });
    await waitFor(() => expect(titles('To do')).toEqual(['Write brief', 'Arrived while away']));
    // a later reconnect resumes from the reloaded board
    act(() => live.drop());
    await waitFor(() => expect(live.started).toHaveLength(2));
    expect(live.started[1]).toEqual({ boardId: '1', after: '900' });
  });
});

describe('a filtered board', () => {
  /** searchTasks' answer for the filter bar: these tasks, in the board's order. */
  const matches = (tasks: ColumnTask[], { hasNextPage = false, first = 1 } = {}) => ({
    searchTasks: {
      __typename: 'TaskConnection' as const,
      totalCount: tasks.length + (hasNextPage ? 1 : 0),
      pageInfo: { __typename: 'PageInfo' as const, hasNextPage, endCursor: `m-${first + tasks.length - 1}` },
      edges: tasks.map((node, i) => ({ __typename: 'TaskEdge' as const, cursor: `m-${first + i}`, node })),
    },
  });
  const filter = { boardId: '1', query: 'brief' };
  const summary = () => screen.getByRole('region', { name: 'Filters' }).querySelector('[aria-live]')?.textContent;

  async function filterBy(user: Awaited<ReturnType<typeof openBoard>>['user']) {
    await user.type(screen.getByRole('searchbox', { name: 'Filter tasks' }), 'brief');
    await waitFor(() => expect(summary()).toMatch(/matching task/));
    return within(screen.getByRole('region', { name: 'Filters' }));
  }

  it('loses a deleted task, shows an edit, and takes in a new match by searching again by itself', async () => {
    const { user, emit } = await openBoard('/boards/1', [
      boardMock(),
      mockData(FilteredTasksQuery, filter, matches([task('1', 'Write brief'), task('2', 'Draft plan')])),
      // the search run again after the changes below: a task created since matches too
      mockData(
        FilteredTasksQuery,
        filter,
        matches([task('1', 'Write the brief', { version: 2 }), task('9', 'Brief the venue', { position: 9000 })]),
      ),
    ]);
    const bar = await filterBy(user);
    expect(titles('To do')).toEqual(['Write brief', 'Draft plan']);
    expect(summary()).toBe('2 matching tasks (1 filter).');

    await emit(boardEvent('TASK_DELETED', { taskId: '2' }));
    expect(titles('To do')).toEqual(['Write brief']);
    expect(summary()).toBe('1 matching task (1 filter).');

    await emit(boardEvent('TASK_UPDATED', { task: eventTask('1', 'Write the brief', { version: 2 }) }));
    expect(titles('To do')).toEqual(['Write the brief']);
    await emit(boardEvent('TASK_CREATED', { task: eventTask('9', 'Brief the venue', { position: 9000 }) }));
    // a burst of changes, one search: the second mock is the last this test has
    await waitFor(() => expect(titles('To do')).toEqual(['Write the brief', 'Brief the venue']));
    expect(summary()).toBe('2 matching tasks (1 filter).');
    expect(bar.queryByText('Tasks have changed since these matches were found.')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('with more pages loaded, asks before searching again, which would take those pages away', async () => {
    const { user, emit } = await openBoard('/boards/1', [
      boardMock(),
      mockData(FilteredTasksQuery, filter, matches([task('1', 'Write brief')], { hasNextPage: true })),
      mockData(FilteredTasksQuery, { ...filter, after: 'm-1' }, matches([task('2', 'Brief again')], { first: 2 })),
      mockData(FilteredTasksQuery, filter, matches([task('9', 'Brief the venue')], { hasNextPage: true })),
    ]);
    const bar = await filterBy(user);
    await user.click(bar.getByRole('button', { name: 'Load more matches' }));
    await waitFor(() => expect(titles('To do')).toEqual(['Write brief', 'Brief again']));

    await emit(boardEvent('TASK_CREATED', { task: eventTask('9', 'Brief the venue', { position: 9000 }) }));
    expect(bar.getByText('Tasks have changed since these matches were found.')).toBeTruthy();
    // nothing is searched by itself: both pages stay
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(titles('To do')).toEqual(['Write brief', 'Brief again']);
    await user.click(bar.getByRole('button', { name: 'Search again' }));
    await waitFor(() => expect(titles('To do')).toEqual(['Brief the venue']));
    expect(bar.queryByText('Tasks have changed since these matches were found.')).toBeNull();
  });

  it('a moved task goes to its new column at once, and leaves the board when it no longer matches', async () => {
    const { user, emit } = await openBoard('/boards/1', [
      boardMock(),
      mockData(FilteredTasksQuery, filter, matches([task('1', 'Write brief')])),
      // searched again after the move: it no longer matches (say, the filter is "overdue", and it is done)
      mockData(FilteredTasksQuery, filter, matches([])),
    ]);
    await filterBy(user);
    expect(titles('To do')).toEqual(['Write brief']);
    await emit(boardEvent('TASK_MOVED', { task: eventTask('1', 'Write brief', { columnId: 'doing', position: 0 }) }));
    expect(titles('To do')).toEqual([]);
    expect(titles('In progress')).toEqual(['Write brief']);
    await waitFor(() => expect(titles('In progress')).toEqual([]));
    expect(summary()).toBe('No tasks match (1 filter).');
  });
});

describe('the indicator', () => {
  it('says whether the board is live, reconnecting or offline, as a status', async () => {
    const { live } = await openBoard();
    expect(indicator()?.textContent).toBe('Live updates: Live');
    act(() => live.setStatus('reconnecting'));
    expect(indicator()?.textContent).toBe('Live updates: Reconnecting…');
    act(() => live.setStatus('offline'));
    expect(indicator()?.textContent).toBe('Live updates: Offline');
    expect(indicator()?.getAttribute('title')).toMatch(/will show up once it is back/);
    act(() => live.setStatus('connecting'));
    expect(indicator()?.textContent).toBe('Live updates: Connecting…');
  });

  it('says reconnecting until the subscription itself has been started again', async () => {
    const { live } = await openBoard();
    act(() => live.drop());
    expect(indicator()?.textContent).toBe('Live updates: Reconnecting…');
    await waitFor(() => expect(live.started).toHaveLength(2));
    expect(indicator()?.textContent).toBe('Live updates: Live');
  });
});
