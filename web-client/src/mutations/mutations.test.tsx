// The mutation hooks on their own: what each shows at once (the optimistic cache), what stays when
// the server agrees, what comes back when it refuses, and the message the user gets.
import { ApolloClient, ApolloLink, type InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MockedProvider } from '@apollo/client/testing/react';
import { Observable } from 'rxjs';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { createCache } from '../apollo/client';
import { COLUMN_PAGE_SIZE, ColumnTasksQuery, readColumnTasks } from '../apollo/columnTasks';
import { retryLink } from '../apollo/retry';
import { OUTCOME_UNKNOWN_MESSAGE } from '../apollo/errors';
import { BoardPageQuery } from '../board/BoardPage';
import { TaskDialogQuery } from '../task/TaskDialog';
import { gqlError, mockData, mockErrors } from '../test/apollo';
import { BOARD_PAGE_VARS, BOB, boardPage, DIALOG_COLUMNS, LABELS, task, VIEWER } from '../test/fixtures';
import { RefreshTaskQuery, TaskVersionFragment as TitleOf } from './taskSnapshot';
import { TaskForm_boardFragment as BoardLabels } from '../task/TaskForm';
import { CreateLabelMutation, useCreateLabel } from './useCreateLabel';
import { CreateTaskMutation, useCreateTask } from './useCreateTask';
import { MoveTaskMutation, useMoveTask } from './useMoveTask';
import { UpdateTaskMutation, useUpdateTask } from './useUpdateTask';

type Mocks = ReturnType<typeof mockData>[];

/** A cache holding the board (columns To do: A, B; In progress: C) and task A's dialog data. */
function seededCache(): InMemoryCache {
  const cache = createCache();
  cache.writeQuery({
    query: BoardPageQuery,
    variables: BOARD_PAGE_VARS,
    data: boardPage({ columns: { todo: [task('a', 'A'), task('b', 'B')], doing: [task('c', 'C')] } }),
  });
  cache.writeQuery({
    query: TaskDialogQuery,
    variables: { taskId: 'a', boardId: '1' },
    data: {
      task: {
        __typename: 'Task',
        id: 'a',
        boardId: '1',
        title: 'A',
        description: null,
        dueDate: null,
        version: 1,
        columnId: 'todo',
        assignee: null,
        labels: [],
      },
      board: {
        __typename: 'Board',
        id: '1',
        viewerRole: 'OWNER',
        columns: DIALOG_COLUMNS,
        members: [{ __typename: 'Member', user: { __typename: 'User', id: VIEWER.id, name: VIEWER.name } }],
        labels: LABELS,
      },
    },
  });
  return cache;
}

function setup<T>(hook: () => T, mocks: Mocks) {
  const cache = seededCache();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MockedProvider mocks={mocks} cache={cache}>
      {children}
    </MockedProvider>
  );
  return { cache, ...renderHook(hook, { wrapper }) };
}

const titles = (cache: InMemoryCache, columnId: 'todo' | 'doing', optimistic = true) =>
  cache
    .readQuery({ query: ColumnTasksQuery, variables: { boardId: '1', columnId, first: COLUMN_PAGE_SIZE } }, optimistic)
    ?.board.tasks.edges.map((edge) => edge.node.title);

const taskA = (overrides: object = {}) => ({
  __typename: 'Task' as const,
  id: 'a',
  boardId: '1',
  title: 'A',
  description: null,
  columnId: 'todo' as const,
  version: 1,
  dueDate: null,
  commentCount: 0,
  assignee: null,
  labels: [],
  ...overrides,
});

describe('useMoveTask', () => {
  const move = { input: { id: 'a', columnId: 'doing' as const, index: 1, expectedVersion: 1 } };

  it('moves the card in the cache at once and keeps it there when the server agrees', async () => {
    const { cache, result } = setup(useMoveTask, [
      mockData(
        MoveTaskMutation,
        move,
        { moveTask: { __typename: 'Task', id: 'a', columnId: 'doing', version: 2, position: 2048 } },
        { delay: 50 },
      ),
    ]);
    let done!: Promise<boolean>;
    act(() => {
      done = result.current.moveTask({ boardId: '1', id: 'a', from: 'todo', to: 'doing', index: 1 });
    });
    expect(titles(cache, 'todo')).toEqual(['B']);
    expect(titles(cache, 'doing')).toEqual(['C', 'A']);
    await act(async () => expect(await done).toBe(true));
    expect(titles(cache, 'todo', false)).toEqual(['B']);
    expect(titles(cache, 'doing', false)).toEqual(['C', 'A']);
    expect(readColumnTasks(cache, '1', 'doing')?.totalCount).toBe(2);
    expect(result.current.error).toBeNull();
  });

  it('puts the card back and says why when the server refuses', async () => {
    const { cache, result } = setup(useMoveTask, [
      mockErrors(MoveTaskMutation, move, [gqlError('NOT_FOUND', 'Task not found.')], { delay: 50 }),
    ]);
    let done!: Promise<boolean>;
    act(() => {
      done = result.current.moveTask({ boardId: '1', id: 'a', from: 'todo', to: 'doing', index: 1 });
    });
    expect(titles(cache, 'doing')).toEqual(['C', 'A']);
    await act(async () => expect(await done).toBe(false));
    expect(titles(cache, 'todo')).toEqual(['A', 'B']);
    expect(titles(cache, 'doing')).toEqual(['C']);
    expect(result.current.error).toBe('Task not found.');
  });
});

describe('a task’s writes in quick succession', () => {
  const first = { input: { id: 'a', columnId: 'doing' as const, index: 1, expectedVersion: 1 } };
  // based on the version the first move returned, not the one cached when it was clicked
  const second = { input: { id: 'a', columnId: 'done' as const, index: 0, expectedVersion: 2 } };

  it('show at once, and reach the server one after the other, each based on the last version', async () => {
    const { cache, result } = setup(useMoveTask, [
      mockData(
        MoveTaskMutation,
        first,
        { moveTask: { __typename: 'Task', id: 'a', columnId: 'doing', version: 2, position: 2048 } },
        { delay: 100 },
      ),
      mockData(MoveTaskMutation, second, {
        moveTask: { __typename: 'Task', id: 'a', columnId: 'done', version: 3, position: 0 },
      }),
    ]);
    let moves!: Promise<boolean[]>;
    act(() => {
      moves = Promise.all([
        result.current.moveTask({ boardId: '1', id: 'a', from: 'todo', to: 'doing', index: 1 }),
        result.current.moveTask({ boardId: '1', id: 'a', from: 'doing', to: 'done', index: 0 }),
      ]);
    });
    const done = () =>
      cache.readQuery(
        { query: ColumnTasksQuery, variables: { boardId: '1', columnId: 'done', first: COLUMN_PAGE_SIZE } },
        true,
      );
    expect(done()?.board.tasks.edges.map((edge) => edge.node.id)).toEqual(['a']);
    expect(titles(cache, 'doing')).toEqual(['C']);
    await act(async () => expect(await moves).toEqual([true, true]));
    expect(cache.readFragment({ fragment: TitleOf, id: 'Task:a' })).toMatchObject({ columnId: 'done', version: 3 });
    expect(result.current.error).toBeNull();
  });

  it('drop a waiting move when the one it follows is refused', async () => {
    const { cache, result } = setup(useMoveTask, [
      mockErrors(MoveTaskMutation, first, [gqlError('FORBIDDEN', 'Not allowed.')], { delay: 100 }),
    ]);
    let moves!: Promise<boolean[]>;
    act(() => {
      moves = Promise.all([
        result.current.moveTask({ boardId: '1', id: 'a', from: 'todo', to: 'doing', index: 1 }),
        result.current.moveTask({ boardId: '1', id: 'a', from: 'doing', to: 'done', index: 0 }),
      ]);
    });
    await act(async () => expect(await moves).toEqual([false, false]));
    expect(titles(cache, 'todo')).toEqual(['A', 'B']);
    expect(result.current.error).toBe('Not allowed.');
  });
});

describe('useUpdateTask', () => {
  const input = { id: 'a', expectedVersion: 1, title: 'A2' };

  it('shows the change at once and keeps it when saved', async () => {
    const { cache, result } = setup(useUpdateTask, [
      mockData(UpdateTaskMutation, { input }, { updateTask: taskA({ title: 'A2', version: 2 }) }, { delay: 50 }),
    ]);
    let done!: Promise<unknown>;
    act(() => {
      done = result.current.updateTask('a', { title: 'A2' });
    });
    expect(cache.readFragment({ fragment: TitleOf, id: 'Task:a' }, true)?.title).toBe('A2');
    expect(cache.readFragment({ fragment: TitleOf, id: 'Task:a' }, false)?.title).toBe('A');
    await act(async () => void (await done));
    expect(cache.readFragment({ fragment: TitleOf, id: 'Task:a' })).toMatchObject({ title: 'A2', version: 2 });
    expect(result.current.conflict).toBe(false);
  });

  it('on CONFLICT rolls back, says so, and loads the version that won', async () => {
    const { cache, result } = setup(useUpdateTask, [
      mockErrors(UpdateTaskMutation, { input }, [
        gqlError('CONFLICT', 'This task was changed by someone else; reload it and try again.', { currentVersion: 2 }),
      ]),
      mockData(RefreshTaskQuery, { id: 'a' }, { task: taskA({ title: 'Theirs', version: 2 }) }),
    ]);
    await act(async () => expect(await result.current.updateTask('a', { title: 'A2' })).toBe(false));
    expect(result.current.conflict).toBe(true);
    expect(result.current.error).toMatch(/changed by someone else/);
    await waitFor(() =>
      expect(cache.readFragment({ fragment: TitleOf, id: 'Task:a' })).toMatchObject({ title: 'Theirs', version: 2 }),
    );
  });

  it('rolls back a refused change with the server’s per-field message', async () => {
    const { cache, result } = setup(useUpdateTask, [
      mockErrors(UpdateTaskMutation, { input: { id: 'a', expectedVersion: 1, assigneeId: BOB.id } }, [
        gqlError('BAD_USER_INPUT', 'The input is not valid.', {
          fields: { assigneeId: ['must be a member of the board'] },
        }),
      ]),
    ]);
    await act(
      async () =>
        void (await result.current.updateTask('a', { assignee: { __typename: 'User', id: BOB.id, name: BOB.name } })),
    );
    expect(result.current.error).toBe('Assignee must be a member of the board.');
    expect(cache.readFragment({ fragment: TitleOf, id: 'Task:a' })?.version).toBe(1);
  });
});

describe('useCreateTask', () => {
  it('adds the task at the top of its column at once, and takes it back out if refused', async () => {
    const { cache, result } = setup(useCreateTask, [
      mockErrors(
        CreateTaskMutation,
        { input: { boardId: '1', columnId: 'todo', title: 'D', index: 0 } },
        [gqlError('FORBIDDEN', 'Not allowed.')],
        {
          delay: 50,
        },
      ),
    ]);
    let done!: Promise<unknown>;
    act(() => {
      done = result.current.createTask({ boardId: '1', columnId: 'todo', title: 'D' });
    });
    expect(titles(cache, 'todo')).toEqual(['D', 'A', 'B']);
    await act(async () => void (await done));
    expect(titles(cache, 'todo')).toEqual(['A', 'B']);
    expect(result.current.error).toBe('Not allowed.');
  });
});

describe('useCreateLabel', () => {
  it('adds the label to the board’s set at once, in name order, with the server’s id once created', async () => {
    const { cache, result } = setup(useCreateLabel, [
      mockData(
        CreateLabelMutation,
        { input: { boardId: '1', name: 'Chore', color: '#00aa00' } },
        { createLabel: { __typename: 'Label', id: 'l9', name: 'Chore', color: '#00aa00' } },
        { delay: 50 },
      ),
    ]);
    let done!: Promise<unknown>;
    act(() => {
      done = result.current.createLabel('1', 'Chore', '#00aa00');
    });
    const names = (optimistic: boolean) =>
      cache.readFragment({ fragment: BoardLabels, id: 'Board:1' }, optimistic)?.labels.map((label) => label.name);
    expect(names(true)).toEqual(['Bug', 'Chore', 'Design']);
    await act(async () => expect(await done).toMatchObject({ id: 'l9' }));
    expect(cache.readFragment({ fragment: BoardLabels, id: 'Board:1' })?.labels.map((label) => label.id)).toEqual([
      'l1',
      'l9',
      'l2',
    ]);
  });
});

describe('idempotency keys and retries', () => {
  type Answer = { errors: ReturnType<typeof gqlError>[] } | { data: Record<string, unknown> } | Error;
  const created = taskA({ id: 'd', title: 'D', version: 1, position: -1024 });
  const outcomeUnknown: Answer = {
    errors: [gqlError('OUTCOME_UNKNOWN', 'The change may or may not have been saved.')],
  };
  const unavailable: Answer = { errors: [gqlError('DATABASE_UNAVAILABLE', 'The service is temporarily unavailable.')] };

  /**
   * The hook with the app's retry link in front of a fake server that gives `answers` in turn (the
   * last one again once they run out), and the variables of every request it received.
   */
  function withServer<T>(hook: () => T, answers: Answer[], attempts = 4) {
    const requests: Record<string, unknown>[] = [];
    const server = new ApolloLink(
      (operation) =>
        new Observable((observer) => {
          requests.push(operation.variables);
          const answer = answers[Math.min(requests.length, answers.length) - 1]!;
          if (answer instanceof Error) observer.error(answer);
          else {
            observer.next(answer as ApolloLink.Result);
            observer.complete();
          }
        }),
    );
    const cache = seededCache();
    const client = new ApolloClient({
      cache,
      link: ApolloLink.from([retryLink({ attempts, initialDelay: 1 }), server]),
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ApolloProvider client={client}>{children}</ApolloProvider>
    );
    return { cache, requests, ...renderHook(hook, { wrapper }) };
  }
  const keyOf = (variables: Record<string, unknown> | undefined) =>
    (variables?.input as { idempotencyKey?: string } | undefined)?.idempotencyKey;

  it('every create sends a key the API accepts, a new one for each action', async () => {
    const { requests, result } = withServer(useCreateTask, [{ data: { createTask: created } }]);
    await act(async () => void (await result.current.createTask({ boardId: '1', columnId: 'todo', title: 'D' })));
    await act(async () => void (await result.current.createTask({ boardId: '1', columnId: 'todo', title: 'D' })));
    expect(requests).toHaveLength(2);
    expect(keyOf(requests[0])).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    // the same title twice on purpose: two actions, two keys
    expect(keyOf(requests[1])).not.toBe(keyOf(requests[0]));

    const label = withServer(useCreateLabel, [
      { data: { createLabel: { __typename: 'Label', id: 'l9', name: 'Chore', color: '#00aa00' } } },
    ]);
    await act(async () => void (await label.result.current.createLabel('1', 'Chore', '#00aa00')));
    expect(keyOf(label.requests[0])).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  });

  it('retries an unknown outcome, a network failure and an unavailable database with the same key', async () => {
    const { cache, requests, result } = withServer(useCreateTask, [
      outcomeUnknown,
      new TypeError('Failed to fetch'),
      unavailable,
      { data: { createTask: created } },
    ]);
    let id: unknown;
    await act(async () => {
      id = await result.current.createTask({ boardId: '1', columnId: 'todo', title: 'D' });
    });
    expect(id).toBe('d');
    expect(requests).toHaveLength(4);
    expect(new Set(requests.map(keyOf)).size).toBe(1);
    expect(keyOf(requests[0])).toBeTruthy();
    // the user sees the task once, and no error
    expect(titles(cache, 'todo')).toEqual(['D', 'A', 'B']);
    expect(result.current.error).toBeNull();
  });

  it('once the retries give up, the same action again keeps its key; another action gets a new one', async () => {
    const { cache, requests, result } = withServer(
      useCreateTask,
      [outcomeUnknown, outcomeUnknown, { data: { createTask: created } }],
      2,
    );
    await act(async () => void (await result.current.createTask({ boardId: '1', columnId: 'todo', title: 'D' })));
    expect(requests).toHaveLength(2);
    expect(result.current.error).toContain(OUTCOME_UNKNOWN_MESSAGE);
    expect(titles(cache, 'todo')).toEqual(['A', 'B']);

    await act(async () => void (await result.current.createTask({ boardId: '1', columnId: 'todo', title: 'D' })));
    expect(requests).toHaveLength(3);
    expect(keyOf(requests[2])).toBe(keyOf(requests[0]));
    expect(titles(cache, 'todo')).toEqual(['D', 'A', 'B']);
    expect(result.current.error).toBeNull();

    await act(async () => void (await result.current.createTask({ boardId: '1', columnId: 'todo', title: 'D' })));
    expect(keyOf(requests[3])).not.toBe(keyOf(requests[0]));
  });

  it('does not repeat a write without a key whose outcome is unknown, nor a refused create', async () => {
    const update = withServer(() => useUpdateTask(), [outcomeUnknown, { data: { updateTask: taskA() } }]);
    await act(async () => void (await update.result.current.updateTask('a', { title: 'A2' })));
    expect(update.requests).toHaveLength(1);
    expect(update.result.current.error).toContain(OUTCOME_UNKNOWN_MESSAGE);

    const create = withServer(useCreateTask, [{ errors: [gqlError('FORBIDDEN', 'Not allowed.')] }]);
    await act(
      async () => void (await create.result.current.createTask({ boardId: '1', columnId: 'todo', title: 'D' })),
    );
    expect(create.requests).toHaveLength(1);
    expect(create.result.current.error).toBe('Not allowed.');
  });
});
