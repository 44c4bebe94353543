// The load generator: a long-lived child process (pinned by the harness to the CPU the servers are
// not on) that runs autocannon when asked over IPC and answers with the figures. Every response is
// checked: HTTP 200, no GraphQL `errors`, and for queries the same length as the validated answer.
import autocannon, { type Request, type Result } from 'autocannon';
import { body, MOVE_INDEXES, nextColumn, type GraphQLBody } from './operations.js';

export interface MovableTaskState {
  id: number;
  version: number;
  columnId: number;
}

export type LoadRequest =
  | { kind: 'static'; body: GraphQLBody; expectLength?: number }
  /** CreateTask with a new idempotency key per request, as every "Add task" has */
  | { kind: 'create'; boardId: number; columnId: number }
  /** MoveTask of the board's tasks, each to the next of `columnIds` (the board's columns in order) */
  | { kind: 'move'; tasks: MovableTaskState[]; columnIds: number[] };

export interface LoadCommand {
  id: number;
  url: string;
  cookie: string;
  connections: number;
  seconds: number;
  request: LoadRequest;
}

export interface LoadResult {
  requestsPerSecond: number;
  completed: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** non-2xx answers, socket errors, timeouts and answers that failed the checks */
  errors: number;
  errorDetail: { non2xx: number; socket: number; timeouts: number; mismatches: number };
  /** moves refused as stale because the harness read a task's version too early (see runLoad): not errors */
  staleReads: number;
  firstBadBody?: string;
}

interface MoveAnswer {
  data?: { moveTask?: { version: number } | null } | null;
  errors?: { extensions?: { code?: string; currentVersion?: number } }[];
}

/** The version a move refused as stale gives the task (its only error), if that is the answer. */
function staleVersion(answer: MoveAnswer): number | undefined {
  const [error, ...more] = answer.errors ?? [];
  const current = error?.extensions?.currentVersion;
  return error?.extensions?.code === 'CONFLICT' && !more.length && typeof current === 'number' ? current : undefined;
}

async function runLoad(command: LoadCommand): Promise<LoadResult> {
  const headers = { 'content-type': 'application/json', cookie: command.cookie };
  let firstBadBody: string | undefined;
  const bad = (text: string) => {
    firstBadBody ??= text.slice(0, 500);
    return false;
  };
  const ok = (text: string, expectLength?: number) => {
    if (text.includes('"errors"')) return bad(text);
    if (expectLength !== undefined && text.length !== expectLength) return bad(text);
    return true;
  };

  let requests: Request[];
  let verifyBody: (text: string) => boolean;
  let staleReads = () => 0;
  if (command.request.kind === 'static') {
    const { expectLength } = command.request;
    requests = [{ method: 'POST', path: '/graphql', headers, body: JSON.stringify(command.request.body) }];
    verifyBody = (text) => ok(text, expectLength);
  } else if (command.request.kind === 'create') {
    const { boardId, columnId } = command.request;
    requests = [
      {
        method: 'POST',
        path: '/graphql',
        headers,
        setupRequest: (request) => ({ ...request, body: JSON.stringify(body.create(boardId, columnId)) }),
      },
    ];
    verifyBody = (text) => ok(text);
  } else {
    // Each request moves a task no other connection holds, from the version it last returned, so
    // no move is refused as stale (CONFLICT): concurrency without conflicts, as on a busy board.
    //
    // Except where the harness read a version too early: the moves a warm-up had in flight when its
    // window closed still land (autocannon drops their answers, not the server's work), and a server
    // whose requests wait on the database can look idle before they have. Such a task is one version
    // ahead, and its next move is refused with the version it has (extensions.currentVersion), which
    // the task then takes. At most one per connection (what can be in flight): past that, a refusal
    // is an error as any other.
    let staleAllowed = command.connections;
    const { columnIds } = command.request;
    const free = command.request.tasks.map((t) => ({ ...t }));
    let turn = 0;
    requests = [
      {
        method: 'POST',
        path: '/graphql',
        headers,
        setupRequest: (request, context) => {
          const task = free.shift();
          if (!task) throw new Error('more connections than movable tasks');
          const columnId = nextColumn(columnIds, task.columnId);
          context.task = task;
          context.columnId = columnId;
          return {
            ...request,
            body: JSON.stringify(body.move(task.id, task.version, columnId, turn++ % MOVE_INDEXES)),
          };
        },
        onResponse: (_status, text, context) => {
          const task = context.task as MovableTaskState;
          try {
            const answer = JSON.parse(text) as MoveAnswer;
            if (answer.data?.moveTask) {
              task.version = answer.data.moveTask.version;
              task.columnId = context.columnId as number;
            }
            const current = staleVersion(answer);
            if (current !== undefined) task.version = current;
          } catch {
            // counted by verifyBody
          }
          free.push(task);
        },
      },
    ];
    verifyBody = (text) => {
      if (staleAllowed > 0 && text.includes('"CONFLICT"')) {
        try {
          if (staleVersion(JSON.parse(text) as MoveAnswer) !== undefined) {
            staleAllowed--;
            return true;
          }
        } catch {
          // not JSON: a mismatch below
        }
      }
      return ok(text);
    };
    staleReads = () => command.connections - staleAllowed;
  }

  const result: Result = await autocannon({
    url: command.url,
    connections: command.connections,
    duration: command.seconds,
    pipelining: 1,
    timeout: 30,
    requests,
    verifyBody,
  });
  const detail = {
    non2xx: result.non2xx,
    socket: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
  };
  return {
    requestsPerSecond: result.requests.average,
    completed: result['2xx'] + result.non2xx,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: detail.non2xx + detail.socket + detail.timeouts + detail.mismatches,
    errorDetail: detail,
    staleReads: staleReads(),
    ...(firstBadBody ? { firstBadBody } : {}),
  };
}

process.on('message', (command: LoadCommand) => {
  runLoad(command).then(
    (result) => process.send?.({ id: command.id, result }),
    (error: unknown) => process.send?.({ id: command.id, error: String((error as Error).stack ?? error) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
