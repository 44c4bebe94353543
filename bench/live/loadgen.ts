// The live scenario's load: a long-lived child process (pinned by the harness to the load CPU) that
// holds the followers (graphql-ws clients, each with its user's session cookie, spread over the
// replicas) and makes the writes over HTTP at a fixed rate, open loop. Every write's event is known
// before the write is sent, a created task by its title (unique) and a move by its task id (each
// task is moved at most once per run, data.ts), so each delivery is matched to its write, even one
// that arrives before the write's answer: latency = the follower's receipt - the write's HTTP
// response, both on this process's monotonic clock. Driven over IPC by fanout.ts.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { body, nextColumn, type GraphQLBody } from '../api/operations.js';
import type { LiveBoard } from './data.js';
import type { WriteKind } from './operations.js';

export interface SetupCommand {
  type: 'setup';
  writerUrl: string;
  replicaUrls: string[];
  /** one session cookie per user */
  cookies: string[];
  boards: LiveBoard[];
  /** the subscription document (operations.ts) */
  query: string;
}
export interface FollowCommand {
  type: 'follow';
  /** followers wanted in all: the new ones are opened and waited for until the server delivers to them */
  total: number;
}
export interface LoadCommand {
  type: 'load';
  phase: number;
  rate: number;
  warmupSeconds: number;
  seconds: number;
  /** writes go on this long after the window, so that its last events are delivered under the same load */
  tailSeconds: number;
  /** after the writes stop, the longest wait for the window's deliveries */
  drainSeconds: number;
}
export type Command = (SetupCommand | FollowCommand | LoadCommand) & { id: number };

/** Sent while a load runs: the measured window's edges, for the harness's counters. */
export interface WindowMessage {
  type: 'window';
  edge: 'start' | 'end';
}

export interface Distribution {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface FollowResult {
  followers: number;
  perReplica: number[];
  /** from opening the new followers to every one of them receiving an event */
  readyMs: number;
  /** the writes it took (each board's next event shows who is listening) */
  probes: number;
}

export interface PhaseResult {
  followers: number;
  perReplica: number[];
  writes: {
    /** writes sent in the measured window */
    measured: number;
    creates: number;
    moves: number;
    /** writes per second actually sent in the window */
    rate: number;
    /** HTTP answers that were not 200 with data and no errors (the whole load, warm-up included) */
    errors: number;
    firstError?: string;
    /** deliveries of writes that failed: an error whose outcome is unknown may have been saved */
    deliveredAfterError: number;
    /** the writes' own HTTP latency */
    httpMs: Distribution;
  };
  deliveries: {
    /** measured writes x the followers of their board */
    expected: number;
    delivered: number;
    missing: number;
    /** the same write's event twice to one follower */
    duplicates: number;
    /** events that match no write of the load */
    unexpected: number;
    /** RESYNC_REQUIRED events (a follower fell too far behind) */
    resyncs: number;
    /** results with errors, and sockets that closed */
    errors: number;
    closedSockets: number;
    firstError?: string;
  };
  /** write acknowledged (HTTP response) -> follower received the event, every (write, follower) pair */
  latencyMs: Distribution;
  /** per write: to its first follower, and to its last */
  firstMs: Distribution;
  lastMs: Distribution;
  /** how long after the writes stopped the last of the window's deliveries arrived (or the drain gave up) */
  drainMs: number;
  /** every delivery each replica made during the whole load (warm-up, window, tail and drain) */
  deliveredPerReplica: number[];
}

interface Follower {
  index: number;
  replica: number;
  board: number;
  client: Client;
  openedAt: number;
  ready: boolean;
  closed: boolean;
}

interface Write {
  kind: WriteKind;
  board: number;
  sentAt: number;
  /** when its HTTP answer arrived (NaN until then); failed: the answer was an error */
  ackAt: number;
  failed: boolean;
  /** receipts before the answer, whose latency is known once it arrives */
  early: number[];
  /** the phase whose window it was sent in */
  phase: number | undefined;
  /** one byte per follower: delivered */
  got: Uint8Array;
  count: number;
  first: number;
  last: number;
}

const MAX_FOLLOWERS = 4096;
const now = () => performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let setup: SetupCommand | undefined;
const followers: Follower[] = [];
/** by the key its event will carry (eventKey) */
const writes = new Map<string, Write>();
const inFlight = new Set<Promise<void>>();
/** where each board's pool of tasks to move has got to */
const poolNext: number[] = [];
let writeCount = 0;
const createTitle = (n: number) => `Live create ${n}`;
const eventKey = (kind: string, id: string) => `${kind}:${id}`;

/** per phase: every delivery's latency */
const latencies = new Map<number, number[]>();
const deliveredByReplica: number[] = [];
const counters = {
  writeErrors: 0,
  firstWriteError: undefined as string | undefined,
  duplicates: 0,
  unexpected: 0,
  resyncs: 0,
  errors: 0,
  closed: 0,
  firstError: undefined as string | undefined,
};

function record(write: Write, follower: number, at: number) {
  if (write.got[follower]) {
    counters.duplicates++;
    return;
  }
  write.got[follower] = 1;
  write.count++;
  write.first = Math.min(write.first, at);
  write.last = Math.max(write.last, at);
  const f = followers[follower]!;
  deliveredByReplica[f.replica]!++;
  if (!f.ready && write.sentAt > f.openedAt) f.ready = true;
  if (Number.isNaN(write.ackAt)) write.early.push(at);
  // (a phase's latencies are gone once it has reported: a delivery that late counts, not its time)
  else if (write.phase !== undefined && !write.failed) latencies.get(write.phase)?.push(at - write.ackAt);
}

interface ReceivedEvent {
  kind: string;
  taskId: string | null;
  task: { title: string } | null;
}

function received(follower: number, event: ReceivedEvent | undefined, errors?: unknown) {
  const at = now();
  if (!event) {
    counters.errors++;
    counters.firstError ??= JSON.stringify(errors).slice(0, 500);
    return;
  }
  if (event.kind === 'RESYNC_REQUIRED') {
    counters.resyncs++;
    return;
  }
  const id = event.kind === 'TASK_CREATED' ? event.task?.title : event.taskId;
  const write = id ? writes.get(eventKey(event.kind, id)) : undefined;
  if (write) record(write, follower, at);
  else counters.unexpected++;
}

function open(index: number) {
  const { replicaUrls, cookies, boards } = setup!;
  const replica = index % replicaUrls.length;
  const slot = Math.floor(index / replicaUrls.length);
  const cookie = cookies[slot % cookies.length]!;
  const board = slot % boards.length;
  class CookieWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie }, perMessageDeflate: false });
    }
  }
  const follower: Follower = {
    index,
    replica,
    board,
    openedAt: now(),
    ready: false,
    closed: false,
    client: createClient({
      url: `${replicaUrls[replica]!.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: CookieWebSocket,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: (error) => {
        counters.errors++;
        counters.firstError ??= String((error as Error).message ?? error);
      },
      on: {
        closed: () => {
          if (!follower.closed && !closing) counters.closed++;
          follower.closed = true;
        },
      },
    }),
  };
  follower.client.subscribe<{ boardEvents: ReceivedEvent }>(
    { query: setup!.query, variables: { boardId: String(boards[board]!.id) } },
    {
      next: (result) => {
        // a throw here would end the subscription: count it instead
        try {
          received(index, result.data?.boardEvents, result.errors);
        } catch (error) {
          counters.errors++;
          counters.firstError ??= String((error as Error).stack ?? error).slice(0, 500);
        }
      },
      error: (error) => received(index, undefined, error),
      complete: () => {},
    },
  );
  followers.push(follower);
}

async function post(
  cookie: string,
  request: object,
): Promise<{ ok: boolean; data?: Record<string, unknown>; text: string }> {
  const response = await fetch(`${setup!.writerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  try {
    const answer = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown };
    return { ok: response.status === 200 && !answer.errors && !!answer.data, data: answer.data, text };
  } catch {
    return { ok: false, text };
  }
}

/** One write through the writer: a task created on `board`, or the board's next pool task moved. */
function write(kind: WriteKind, board: number, phase?: number): Promise<void> {
  const { boards, cookies } = setup!;
  const n = writeCount++;
  const cookie = cookies[n % cookies.length]!;
  let request: GraphQLBody;
  let key: string;
  if (kind === 'TASK_CREATED') {
    // CreateTask as the API scenarios send it (api/operations.ts: at the top of the first column, a new
    // idempotency key), with a title of its own
    request = body.create(boards[board]!.id, boards[board]!.columnIds[0]!, createTitle(n));
    key = eventKey(kind, createTitle(n));
  } else {
    const task = boards[board]!.pool[poolNext[board]!++];
    if (!task) throw new Error('the pool of tasks to move is used up: fanout.ts makes it too small');
    // to the top of the next column, where there is always room: a move that renumbers its column
    // also announces every other task of it as moved (task.service.ts), a cost this scenario leaves out
    request = body.move(task.id, 1, nextColumn(boards[board]!.columnIds, task.columnId), 0);
    key = eventKey(kind, String(task.id));
  }
  const entry: Write = {
    kind,
    board,
    sentAt: now(),
    ackAt: Number.NaN,
    failed: false,
    early: [],
    phase,
    got: new Uint8Array(MAX_FOLLOWERS),
    count: 0,
    first: Infinity,
    last: -Infinity,
  };
  writes.set(key, entry);
  if (phase !== undefined) phaseWrites.get(phase)!.push(entry);
  const answered = (failure?: string) => {
    entry.ackAt = now();
    if (failure !== undefined) {
      entry.failed = true;
      counters.writeErrors++;
      counters.firstWriteError ??= failure.slice(0, 500);
    } else if (phase !== undefined) {
      for (const at of entry.early) latencies.get(phase)?.push(at - entry.ackAt);
    }
    entry.early = [];
  };
  const done = post(cookie, request).then(
    ({ ok, text }) => answered(ok ? undefined : text),
    (error: unknown) => answered(String(error)),
  );
  inFlight.add(done);
  void done.finally(() => inFlight.delete(done));
  return done;
}

const phaseWrites = new Map<number, Write[]>();
let closing = false;

async function follow(total: number): Promise<FollowResult> {
  if (total > MAX_FOLLOWERS) throw new Error(`at most ${MAX_FOLLOWERS} followers`);
  const started = now();
  for (let i = followers.length; i < total; i++) open(i);
  // A follower is ready once it receives an event written after it opened: the server then has its
  // subscription. Each probe is a task created on a board that still has followers to wait for.
  let probes = 0;
  for (let attempt = 1; ; attempt++) {
    const waiting = followers.filter((f) => !f.ready && !f.closed);
    if (!waiting.length) break;
    if (attempt > 40) {
      throw new Error(
        `${waiting.length} followers received nothing after ${probes} probes (${counters.firstError ?? 'no error'})`,
      );
    }
    const boards = [...new Set(waiting.map((f) => f.board))];
    probes += boards.length;
    await Promise.all(boards.map((b) => write('TASK_CREATED', b)));
    const deadline = now() + 3000;
    while (now() < deadline && followers.some((f) => !f.ready && !f.closed)) await sleep(20);
  }
  if (counters.closed)
    throw new Error(`${counters.closed} followers' sockets closed (${counters.firstError ?? 'no error'})`);
  // the probes' deliveries to the followers that were already there
  await sleep(1000);
  return { followers: followers.length, perReplica: perReplica(), readyMs: now() - started, probes };
}

const perReplica = () => setup!.replicaUrls.map((_, r) => followers.filter((f) => f.replica === r && !f.closed).length);

function distribution(values: number[]): Distribution {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : NaN;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    count: sorted.length,
    min: round(sorted[0] ?? NaN),
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

async function load(command: LoadCommand): Promise<PhaseResult> {
  const { phase, rate } = command;
  latencies.set(phase, []);
  phaseWrites.set(phase, []);
  const before = { ...counters, byReplica: [...deliveredByReplica] };
  const expectedPerBoard = setup!.boards.map((_, b) => followers.filter((f) => f.board === b && !f.closed).length);
  const interval = 1000 / rate;
  const t0 = now();
  const windowStart = t0 + command.warmupSeconds * 1000;
  const windowEnd = windowStart + command.seconds * 1000;
  const stopAt = windowEnd + command.tailSeconds * 1000;
  const edge = (name: WindowMessage['edge'], at: number) =>
    setTimeout(() => process.send?.({ type: 'window', edge: name } satisfies WindowMessage), at - t0);
  edge('start', windowStart);
  edge('end', windowEnd);
  const sent = { TASK_CREATED: 0, TASK_MOVED: 0 };
  const made = { TASK_CREATED: 0, TASK_MOVED: 0 };
  const boards = setup!.boards.length;
  for (let i = 0; ; i++) {
    const due = t0 + i * interval;
    if (due >= stopAt) break;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    const at = now();
    const measured = at >= windowStart && at < windowEnd;
    // creates and moves in turn, each kind going round the boards
    const kind: WriteKind = i % 2 ? 'TASK_MOVED' : 'TASK_CREATED';
    if (measured) sent[kind]++;
    void write(kind, made[kind]++ % boards, measured ? phase : undefined);
  }
  // the window's last writes: their answers, then their deliveries
  const stopped = now();
  while (inFlight.size) await Promise.race(inFlight);
  const all = phaseWrites.get(phase)!;
  // a write that failed has no delivery to wait for (nor, when its outcome is unknown, to rule out)
  const list = all.filter((w) => !w.failed);
  const deadline = stopped + command.drainSeconds * 1000;
  while (now() < deadline && list.some((w) => w.count < expectedPerBoard[w.board]!)) await sleep(20);
  const drainMs = now() - stopped;
  // late duplicates would come now
  await sleep(500);

  const expected = list.reduce((sum, w) => sum + expectedPerBoard[w.board]!, 0);
  const delivered = list.reduce((sum, w) => sum + w.count, 0);
  const answered = list.filter((w) => w.count > 0);
  const result: PhaseResult = {
    followers: followers.filter((f) => !f.closed).length,
    perReplica: perReplica(),
    writes: {
      measured: sent.TASK_CREATED + sent.TASK_MOVED,
      creates: sent.TASK_CREATED,
      moves: sent.TASK_MOVED,
      rate: (sent.TASK_CREATED + sent.TASK_MOVED) / command.seconds,
      errors: counters.writeErrors - before.writeErrors,
      ...(counters.firstWriteError ? { firstError: counters.firstWriteError } : {}),
      deliveredAfterError: all.filter((w) => w.failed).reduce((sum, w) => sum + w.count, 0),
      httpMs: distribution(all.map((w) => w.ackAt - w.sentAt)),
    },
    deliveries: {
      expected,
      delivered,
      missing: expected - delivered,
      duplicates: counters.duplicates - before.duplicates,
      unexpected: counters.unexpected - before.unexpected,
      resyncs: counters.resyncs - before.resyncs,
      errors: counters.errors - before.errors,
      closedSockets: counters.closed - before.closed,
      ...(counters.firstError ? { firstError: counters.firstError } : {}),
    },
    latencyMs: distribution(latencies.get(phase)!),
    firstMs: distribution(answered.map((w) => w.first - w.ackAt)),
    lastMs: distribution(answered.map((w) => w.last - w.ackAt)),
    drainMs: Math.round(drainMs),
    deliveredPerReplica: deliveredByReplica.map((n, r) => n - before.byReplica[r]!),
  };
  latencies.delete(phase);
  return result;
}

process.on('message', (command: Command) => {
  const run = async (): Promise<unknown> => {
    switch (command.type) {
      case 'setup':
        setup = command;
        poolNext.push(...command.boards.map(() => 0));
        deliveredByReplica.push(...command.replicaUrls.map(() => 0));
        return {};
      case 'follow':
        return follow(command.total);
      case 'load':
        return load(command);
    }
  };
  run().then(
    (result) => process.send?.({ id: command.id, result }),
    (error: unknown) => process.send?.({ id: command.id, error: String((error as Error).stack ?? error) }),
  );
});
process.on('disconnect', () => {
  closing = true;
  void Promise.all(followers.map((f) => f.client.dispose())).finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
process.send?.({ ready: true });
