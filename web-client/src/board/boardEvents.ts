// What a live event does to Apollo's cache. An event carries the current state of what it names (the
// task, comment, label, member or column), which goes into the normalised cache, and from there into
// every view that shows it; where a list holds it (a column, the board's columns, the open task's
// comments, the board's labels and members, search results) the list is set to match. Applying an event sets state rather than
// replaying a change, so the same event twice, or the event of a change the viewer's own mutation has
// already put in the cache, changes nothing.
import type { ApolloCache, Reference, StoreObject } from '@apollo/client';
import type { Unmasked } from '@apollo/client/masking';
import { isReference } from '@apollo/client/utilities';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { placeColumn, readColumnIds, removeColumn } from '../apollo/boardColumns';
import { withoutListed } from '../apollo/boards';
import { placeTask, readColumnTasks, updateColumnTasks, withoutEdge } from '../apollo/columnTasks';
import { TaskCommentsQuery, withComment, withoutComment } from '../apollo/taskComments';
import { graphql } from '../gql';
import { CommentItem_commentFragment } from '../task/Comments';
import { boardDeletedNotice, boardLeftNotice } from './notices';

/** Where the board's live updates start (see useLiveBoard); the board query spreads it. */
export const LiveBoard_boardFragment = graphql(`
  fragment LiveBoard_board on Board {
    id
    liveFrom
  }
`);

/** A task as an event brings it: every field a card, the task dialog and a column's order use. */
export const LiveTaskFragment = graphql(`
  fragment LiveTask on Task {
    id
    position
    ...TaskSnapshot
  }
`);

export const LiveLabelFragment = graphql(`
  fragment LiveLabel on Label {
    id
    name
    color
  }
`);

export const BoardEventsSubscription = graphql(`
  subscription BoardEvents($boardId: ID!, $after: ID) {
    boardEvents(boardId: $boardId, after: $after) {
      id
      kind
      taskId
      commentId
      labelId
      userId
      columnId
      boardName
      actor {
        id
        name
      }
      task {
        id
        ...LiveTask
      }
      comment {
        id
        ...CommentItem_comment
      }
      label {
        id
        ...LiveLabel
      }
      member {
        role
        user {
          id
          name
          email
        }
      }
      column {
        id
        name
        position
        wipLimit
      }
    }
  }
`);

/** What the cache knows of a task before an event about it: whether it is older, and its column. */
const TaskStateFragment = graphql(`
  fragment LiveTaskState on Task {
    id
    columnId
    version
  }
`);

/** The board's name, for the message shown when the board goes away. */
const BoardNameFragment = graphql(`
  fragment LiveBoardName on Board {
    id
    name
  }
`);

export type BoardEvent = Unmasked<ResultOf<typeof BoardEventsSubscription>>['boardEvents'];
type EventTask = NonNullable<BoardEvent['task']>;

/** What the caller has to do beyond the cache edits. */
export interface EventEffect {
  /** a task left or joined a column where it was never loaded: the column counts must be read again */
  recount?: boolean;
  /** tasks were added, edited or moved: search results may no longer match their search */
  tasksChanged?: boolean;
  /** the board is gone for the viewer (deleted, or the viewer removed from it): why, in words */
  ended?: string;
  /** events were missed: reload what is on screen */
  resync?: boolean;
  /** a column was deleted, its tasks moved to another: load the board's columns again */
  reloadColumns?: boolean;
}

export interface EventScope {
  boardId: string;
  /** the signed-in user */
  viewerId: string | undefined;
}

/** Applies one event to the cache; the caller wraps it in cache.batch so views render once. */
export function applyBoardEvent(cache: ApolloCache, event: BoardEvent, scope: EventScope): EventEffect {
  const own = event.actor !== null && event.actor.id === scope.viewerId;
  switch (event.kind) {
    case 'TASK_CREATED':
    case 'TASK_UPDATED':
    case 'TASK_MOVED':
      // null: deleted since (the TASK_DELETED event follows)
      return event.task ? applyTask(cache, scope.boardId, event.kind, event.task, own) : {};
    case 'TASK_DELETED':
      return event.taskId ? deleteTask(cache, scope.boardId, event.taskId, own) : {};
    case 'COMMENT_ADDED':
    case 'COMMENT_UPDATED':
    case 'COMMENT_DELETED':
      applyComment(cache, event);
      return {};
    case 'LABEL_CREATED':
    case 'LABEL_UPDATED':
    case 'LABEL_DELETED':
      applyLabel(cache, scope.boardId, event);
      return {};
    case 'MEMBER_ADDED':
    case 'MEMBER_REMOVED':
      return applyMember(cache, scope, event);
    case 'BOARD_RENAMED':
      if (event.boardName !== null) {
        cache.modify<{ name: string }>({
          id: cache.identify({ __typename: 'Board', id: scope.boardId }),
          fields: { name: () => event.boardName ?? '' },
        });
      }
      return {};
    case 'BOARD_DELETED':
      // the viewer's own: the words their delete button's page goes to the boards list with
      if (own) return { ended: boardDeletedNotice(boardName(cache, scope.boardId)) };
      return { ended: `The board "${boardName(cache, scope.boardId)}" was deleted${by(event)}.` };
    case 'COLUMN_CREATED':
    case 'COLUMN_UPDATED':
    case 'COLUMN_MOVED':
      // the column where its position puts it among the board's (null: deleted since, COLUMN_DELETED follows)
      if (event.column) placeColumn(cache, scope.boardId, event.column);
      return {};
    case 'COLUMN_DELETED':
      // the viewer's own delete took it out already, and loaded the board's columns again
      if (!event.columnId || !removeColumn(cache, scope.boardId, event.columnId)) return {};
      return { reloadColumns: true, tasksChanged: true };
    case 'RESYNC_REQUIRED':
      return { resync: true };
    default:
      // a kind this page does not know (a newer API): nothing to apply
      return {};
  }
}

const by = (event: BoardEvent) => (event.actor ? ` by ${event.actor.name}` : '');

function boardName(cache: ApolloCache, boardId: string): string {
  const board = cache.readFragment({
    fragment: BoardNameFragment,
    id: cache.identify({ __typename: 'Board', id: boardId }),
  });
  return board?.name ?? 'this board';
}

function readTaskState(cache: ApolloCache, id: string) {
  // partial: a task known from a search result has a column but no version
  const state = cache.readFragment({
    fragment: TaskStateFragment,
    id: cache.identify({ __typename: 'Task', id }),
    optimistic: false,
    returnPartialData: true,
  });
  return { columnId: state?.columnId as string | undefined, version: state?.version as number | undefined };
}

function applyTask(
  cache: ApolloCache,
  boardId: string,
  kind: 'TASK_CREATED' | 'TASK_UPDATED' | 'TASK_MOVED',
  task: EventTask,
  own: boolean,
): EventEffect {
  const before = readTaskState(cache, task.id);
  // The cache already holds a later version (the viewer's own later save, or an event not yet seen
  // in order): this one would take the task back in time.
  if (before.version !== undefined && before.version > task.version) return {};
  cache.writeFragment({
    fragment: LiveTaskFragment,
    fragmentName: 'LiveTask',
    id: cache.identify({ __typename: 'Task', id: task.id }),
    data: task,
  });
  // updateTask never changes the column: a task not loaded anywhere stays where it was
  const previous =
    kind === 'TASK_CREATED' ? null : (before.columnId ?? (kind === 'TASK_UPDATED' ? task.columnId : undefined));
  const recount = setColumns(cache, boardId, task.id, task, previous);
  return { tasksChanged: true, recount: recount && !own };
}

function deleteTask(cache: ApolloCache, boardId: string, taskId: string, own: boolean): EventEffect {
  const recount = setColumns(cache, boardId, taskId, null, readTaskState(cache, taskId).columnId);
  const ref = cache.identify({ __typename: 'Task', id: taskId });
  // Views of the task show that it is gone (the open dialog says so) without asking the server.
  cache.modify<Record<string, unknown>>({
    id: 'ROOT_QUERY',
    fields: {
      task: (value) => (isReference(value) && value.__ref === ref ? null : value),
      searchTasks: (value) => withoutListed(value, ref),
    },
  });
  // The board query's own first pages (on each Column) too: a late answer about the task (its
  // comments, say) would otherwise bring a partial Task back into them, and the board would read as
  // incomplete and load again.
  for (const columnId of readColumnIds(cache, boardId)) {
    cache.modify<{ tasks: StoreObject }>({
      id: cache.identify({ __typename: 'Column', id: columnId }),
      fields: { tasks: (tasks) => withoutListed(tasks, ref) as StoreObject },
    });
  }
  cache.evict({ id: ref });
  return { recount: recount && !own };
}

/**
 * Puts the task in its column (columnId), at its place among the loaded tasks, and takes it out of
 * the others (task null: out of every column). `previous` is the column it was in before when it
 * was not loaded in any: null for a new task, undefined when not known. Returns true when it was not
 * known, so that a column's count may be off.
 */
function setColumns(
  cache: ApolloCache,
  boardId: string,
  taskId: string,
  task: EventTask | null,
  previous: string | null | undefined,
): boolean {
  // The lists as the server last answered them, without the viewer's optimistic changes still on
  // their way: the edit below writes there, and a list read with them would keep an optimistic card
  // (a new task still saving, say) for good, after its answer has replaced it.
  const lists = readColumnIds(cache, boardId).map((columnId) => ({
    columnId,
    tasks: readColumnTasks(cache, boardId, columnId, false),
  }));
  const loadedIn = lists.find(({ tasks }) => tasks?.edges.some((edge) => edge.node.id === taskId))?.columnId;
  const from = loadedIn ?? previous;
  const to = task?.columnId ?? null;
  for (const { columnId, tasks } of lists) {
    if (!tasks) continue;
    const placed = task && columnId === to ? placeTask(tasks, task) : withoutEdge(tasks, taskId);
    // a task that changed columns leaves one count and joins the other, loaded or not
    const change = from === undefined || from === to ? 0 : (columnId === to ? 1 : 0) - (columnId === from ? 1 : 0);
    if (placed === tasks && change === 0) continue;
    updateColumnTasks(cache, boardId, columnId, () => ({
      ...placed,
      totalCount: Math.max(0, placed.totalCount + change),
    }));
  }
  return from === undefined;
}

function applyComment(cache: ApolloCache, event: BoardEvent) {
  const { kind, taskId, commentId, comment, task } = event;
  if (!taskId || !commentId) return;
  const ref = cache.identify({ __typename: 'Comment', id: commentId });
  if (comment) cache.writeFragment({ fragment: CommentItem_commentFragment, id: ref, data: comment });
  if (task) {
    cache.modify<{ commentCount: number }>({
      id: cache.identify({ __typename: 'Task', id: taskId }),
      fields: { commentCount: () => task.commentCount },
    });
  }
  cache.updateQuery({ query: TaskCommentsQuery, variables: { taskId } }, (data) => {
    if (!data?.task) return undefined;
    let comments = data.task.comments;
    const listed = comments.edges.some((edge) => edge.node.id === commentId);
    // a new comment goes at the end: shown when the end is loaded, else on a page still to load
    if (kind === 'COMMENT_ADDED' && comment && !listed && !comments.pageInfo.hasNextPage) {
      comments = withComment(comments, comment);
    }
    if (kind === 'COMMENT_DELETED' && listed) comments = withoutComment(comments, commentId);
    if (task) comments = { ...comments, totalCount: task.commentCount };
    if (comments.edges === data.task.comments.edges && comments.totalCount === data.task.comments.totalCount) {
      return undefined;
    }
    return { ...data, task: { ...data.task, comments } };
  });
  if (kind === 'COMMENT_DELETED') cache.evict({ id: ref });
}

function applyLabel(cache: ApolloCache, boardId: string, event: BoardEvent) {
  const { kind, labelId, label } = event;
  if (!labelId) return;
  const ref = cache.identify({ __typename: 'Label', id: labelId });
  if (label) cache.writeFragment({ fragment: LiveLabelFragment, id: ref, data: label });
  cache.modify<{ labels: Reference[] }>({
    id: cache.identify({ __typename: 'Board', id: boardId }),
    fields: {
      labels: (labels, { readField, toReference }) => {
        const others = labels.filter((l) => l.__ref !== ref);
        if (kind === 'LABEL_DELETED' || !label) return others.length === labels.length ? labels : others;
        const added = toReference(label);
        if (!added) return labels;
        // by name, as the API lists them (and as useCreateLabel keeps them)
        const nameOf = (l: Reference) => String(readField('name', l) ?? '');
        const sorted = [...others, added].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
        return sorted.every((l, i) => l.__ref === labels[i]?.__ref) && sorted.length === labels.length
          ? labels
          : sorted;
      },
    },
  });
  // tasks that carried it lose it at once (their TASK_UPDATED events follow with their new versions)
  if (kind === 'LABEL_DELETED') cache.evict({ id: ref });
}

interface StoredMember {
  __typename: 'Member';
  role: string;
  user: Reference;
}

function applyMember(cache: ApolloCache, { boardId, viewerId }: EventScope, event: BoardEvent): EventEffect {
  const { kind, userId, member } = event;
  if (!userId) return {};
  if (kind === 'MEMBER_REMOVED' && userId === viewerId) {
    if (event.actor?.id === viewerId) return { ended: boardLeftNotice(boardName(cache, boardId)) };
    return { ended: `You were removed from the board "${boardName(cache, boardId)}"${by(event)}.` };
  }
  cache.modify<{ members: StoredMember[] }>({
    id: cache.identify({ __typename: 'Board', id: boardId }),
    fields: {
      members: (members, { readField, toReference }) => {
        const isUser = (m: (typeof members)[number]) => readField('id', readField<Reference>('user', m)) === userId;
        const listed = members.some(isUser);
        if (kind === 'MEMBER_REMOVED') return listed ? members.filter((m) => !isUser(m)) : members;
        if (listed || !member) return members;
        const user = toReference(member.user, true);
        return user ? [...members, { __typename: 'Member', role: member.role, user }] : members;
      },
    },
  });
  return {};
}
