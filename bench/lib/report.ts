// Results: one JSON file holding the latest API, start-up, live-updates and web figures (each command
// updates its own part), rendered to Markdown for bench/results/latest.md and the table in bench/README.md.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import type { ImplKey } from '../api/impls.js';
import type { ScenarioName } from '../api/operations.js';
import type { SqlCount } from '../api/scenarios.js';
import type { LivePhase, LiveSection } from '../live/fanout.js';
import { BENCH, REPO, RESULTS } from './paths.js';
import type { StartupSection } from './startup.js';
import { round } from './stats.js';

export interface RunFigures {
  run: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  rssMB: number;
  errors: number;
}

export interface Cell {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  rssMB: number;
  errors: number;
  runs: RunFigures[];
}

export interface Provenance {
  date: string;
  commit: string;
  /** 1-minute load average before and after, and the busiest other processes at the start */
  loadBefore: number[];
  loadAfter: number[];
  busy: string[];
  pinned: boolean;
}

export interface ApiSection extends Provenance {
  mode: 'quick' | 'full';
  settings: {
    runs: number;
    seconds: number;
    warmupSeconds: number;
    connections: number;
    poolSize: number;
    sqlSamples: number;
    /** gateway-api's chart NODE_OPTIONS, which every server ran with (absent in older results) */
    nodeOptions?: { memoryLimit: string; flags: string[] };
  };
  database: string;
  impls: { key: ImplKey; name: string; what: string }[];
  scenarios: { name: ScenarioName; label: string }[];
  cells: Partial<Record<ImplKey, Partial<Record<ScenarioName, Cell>>>>;
  /** statements per operation; board5 is the board view with 5 tasks per column */
  sql: Partial<Record<ImplKey, Partial<Record<ScenarioName | 'board5', SqlCount>>>>;
  /** bytes of JSON.stringify(data) in each implementation's checked answer */
  answerBytes: Partial<Record<ImplKey, Partial<Record<ScenarioName, number>>>>;
  problems: string[];
  warnings: string[];
}

export interface ChunkSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export interface BundleFigures {
  initial: { raw: number; gzip: number; brotli: number; chunks: ChunkSize[] };
  css: { raw: number; gzip: number; brotli: number };
}

export interface WebSection extends Provenance {
  app?: BundleFigures & {
    playground?: { raw: number; gzip: number; brotli: number; chunks: string[] };
    graphiqlInInitial: boolean;
  };
  minimal?: BundleFigures;
  browser?: {
    samples: number;
    page: string;
    lcpMs: number;
    cls: number;
    tbtMs: number;
    graphqlRequests: number;
    operations: string[];
    perSample: { lcpMs: number; cls: number; tbtMs: number; graphqlRequests: number }[];
  };
  /** minified bytes of the initial chunks by package (source maps) */
  composition?: { app: Record<string, number>; minimal: Record<string, number> };
  notes: string[];
}

export interface Results {
  api?: ApiSection;
  startup?: StartupSection & Provenance & { mode: 'quick' | 'full' };
  live?: LiveSection;
  web?: WebSection;
}

export function provenance(loadBefore: number[], busy: string[], pinned: boolean): Provenance {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPO, encoding: 'utf8' }).trim();
    if (dirty) commit += ' + uncommitted changes';
  } catch {
    // not a checkout
  }
  return { date: new Date().toISOString(), commit, loadBefore, loadAfter: [], busy, pinned };
}

/** The busiest processes right now that are not this benchmark (for the "how noisy" note). */
export function busyProcesses(): string[] {
  try {
    const out = execFileSync('ps', ['-eo', 'pcpu,pid,ppid,args', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' });
    return out
      .split('\n')
      .map((l) => l.trim())
      .filter(
        (l) =>
          l && !l.includes('ps -eo') && Number(l.split(/\s+/)[0]) >= 5 && Number(l.split(/\s+/)[1]) !== process.pid,
      )
      .slice(0, 5)
      .map((l) => l.replace(/\s+/g, ' ').slice(0, 120));
  } catch {
    return [];
  }
}

export async function readResults(file: string): Promise<Results> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Results;
  } catch {
    return {};
  }
}

const fmt = (value: number | null | undefined, digits = 0) =>
  value === undefined || value === null || Number.isNaN(value)
    ? '—'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const kb = (bytes: number | undefined) => (bytes === undefined ? '—' : `${fmt(bytes / 1024, 1)} kB`);
const ratio = (a?: number, b?: number) => (a && b ? round(a / b, 2) : undefined);

/** A Markdown table; the first `text` columns are left-aligned words, the rest right-aligned figures. */
function table(head: string[], rows: (string | number)[][], text = 1): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i < text ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** a count that is usually whole (statements per operation): no decimals unless it has some */
const count = (value: number | undefined) => fmt(value, value !== undefined && !Number.isInteger(value) ? 1 : 0);

function noise(p: Provenance): string {
  const busy = p.busy.length
    ? ` Busiest other processes at the start: ${p.busy.map((b) => `\`${b}\``).join(', ')}.`
    : '';
  return `Machine load (1-min average) ${fmt(p.loadBefore[0], 2)} before, ${fmt(p.loadAfter[0], 2)} after;${p.pinned ? '' : ' NOT pinned (taskset or a 2nd CPU missing);'}${busy}`;
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean | undefined;
}

export function targets(results: Results): Target[] {
  const out: Target[] = [];
  const api = results.api;
  const cell = (k: ImplKey, s: ScenarioName) => api?.cells[k]?.[s];
  if (api) {
    const s50 = api.sql.a?.board?.perOperation;
    const s5 = api.sql.a?.board5?.perOperation;
    out.push({
      name: 'SQL statements per board view',
      goal: '≤ 8, same for 3 x 5 and 3 x 50 tasks',
      measured: `${count(s5)} (3 x 5), ${count(s50)} (3 x 50)`,
      met: s50 === undefined || s5 === undefined ? undefined : s50 <= 8 && s5 === s50,
    });
    const ratioTo = (k: ImplKey, s: ScenarioName) =>
      ratio(cell('a', s)?.requestsPerSecond, cell(k, s)?.requestsPerSecond);
    /** the board view's ratio to another implementation, at least `min` */
    const boardTarget = (name: string, k: ImplKey, min: number, goal = `≥ ${min}`) => {
      const r = ratioTo(k, 'board');
      out.push({ name, goal, measured: fmt(r, 2), met: r === undefined ? undefined : r >= min });
    };
    /** each chosen scenario's ratio to another implementation, every one at least `min` */
    const scenariosTarget = (name: string, k: ImplKey, chosen: (s: ScenarioName) => boolean, min: number) => {
      const known = api.scenarios
        .filter((s) => chosen(s.name))
        .map((s) => [s.name, ratioTo(k, s.name)] as const)
        .filter((pair): pair is readonly [ScenarioName, number] => pair[1] !== undefined);
      out.push({
        name,
        goal: `≥ ${min}`,
        measured: known.map(([s, r]) => `${s} ${fmt(r, 2)}`).join(', ') || '—',
        met: known.length ? known.every(([, r]) => r >= min) : undefined,
      });
    };
    boardTarget('board view a/c (vs naive)', 'c', 3);
    // issue 16's targets
    boardTarget('board view a/b (vs floor)', 'b', 0.35);
    scenariosTarget('writes a/b (vs floor)', 'b', (s) => s === 'create' || s === 'move', 0.5);
    boardTarget('board view a/d (vs plain Apollo)', 'd', 2, '≥ 2.0');
    scenariosTarget('a/d (vs plain Apollo), every other scenario', 'd', (s) => s !== 'board', 1.3);
    const rss = api.scenarios
      .map((s) => cell('a', s.name)?.rssMB)
      .filter((mb): mb is number => mb !== undefined && Number.isFinite(mb));
    if (rss.length) {
      const most = Math.max(...rss);
      out.push({
        name: `gateway-api RSS at ${api.settings.connections} connections (the most after any scenario)`,
        goal: '≤ 256 MB',
        measured: `${fmt(most, 0)} MB`,
        met: most <= 256,
      });
    }
    const tails = api.scenarios
      .map((s) => [s.name, cell('a', s.name)] as const)
      .filter(([, c]) => c)
      .map(([s, c]) => [s, round(c!.p99 / c!.p50, 1)] as const);
    out.push({
      name: `gateway-api p99 / p50 at ${api.settings.connections} connections, every scenario`,
      goal: '≤ 4',
      measured: tails.map(([s, r]) => `${s} ${fmt(r, 1)}`).join(', ') || '—',
      met: tails.length ? tails.every(([, r]) => r <= 4) : undefined,
    });
  }
  out.push(...liveTargets(results.live));
  const web = results.web;
  if (web?.app && web.minimal) {
    const r = round(web.app.initial.gzip / web.minimal.initial.gzip, 2);
    out.push({
      name: 'initial JS vs minimal React 19 + Apollo Client 4 app (gzip)',
      goal: '≤ 1.15 x',
      measured: `${fmt(r, 2)} x (${kb(web.app.initial.gzip)} vs ${kb(web.minimal.initial.gzip)})`,
      met: r <= 1.15,
    });
  }
  const api2 = results.startup?.api;
  if (api2) {
    out.push({
      name: 'gateway-api ready after spawn',
      goal: '≤ 500 ms',
      measured: `${fmt(api2.medianReadyMs)} ms`,
      met: api2.medianReadyMs <= 500,
    });
    out.push({
      name: 'gateway-api idle RSS',
      goal: '≤ 120 MB',
      measured: `${fmt(api2.medianIdleRssMB, 1)} MB`,
      met: api2.medianIdleRssMB <= 120,
    });
  }
  return out;
}

const boardsLabel = (boards: number) => `${boards} board${boards > 1 ? 's' : ''}`;

/** Fan-out statements per replica per second, the most followers' phase ÷ the fewest's (same layout). */
function liveSqlRatio(phases: LivePhase[]): number | undefined {
  const perReplica = (p: LivePhase) => {
    const sql = p.replicas.map((r) => r.sql?.perSecond);
    return sql.every((v) => v !== undefined) ? sql.reduce((a, b) => a! + b!, 0)! / sql.length : undefined;
  };
  const few = phases[0] && perReplica(phases[0]);
  const many = phases.length > 1 ? perReplica(phases[phases.length - 1]!) : undefined;
  return few && many !== undefined ? round(many / few, 2) : undefined;
}

/** Issue 14's targets, for each layout's phase with the most followers. */
function liveTargets(live: LiveSection | undefined): Target[] {
  const out: Target[] = [];
  for (const layout of live?.layouts ?? []) {
    const last = layout.phases[layout.phases.length - 1];
    if (!last) continue;
    const where = `${last.followers} followers, ${boardsLabel(layout.boards)}`;
    const { p95, p99 } = last.load.latencyMs;
    out.push({ name: `live delivery p95 (${where})`, goal: '≤ 1 s', measured: `${fmt(p95)} ms`, met: p95 <= 1000 });
    out.push({ name: `live delivery p99 (${where})`, goal: '≤ 2 s', measured: `${fmt(p99)} ms`, met: p99 <= 2000 });
    const ratio = liveSqlRatio(layout.phases);
    const first = layout.phases[0]!;
    out.push({
      name: `live fan-out SQL per replica, ${last.followers} vs ${first.followers} followers (${boardsLabel(layout.boards)})`,
      goal: 'independent of followers (ratio ≤ 1.2)',
      measured: ratio === undefined ? (live?.sqlNote ?? '—') : `${fmt(ratio, 2)} x`,
      met: ratio === undefined ? undefined : ratio <= 1.2,
    });
  }
  return out;
}

function renderLive(live: LiveSection): string[] {
  const parts: string[] = [];
  const s = live.settings;
  parts.push(
    `### Live updates fan-out (\`npm run ${live.mode === 'quick' ? 'bench:quick' : 'bench'}\`, ${live.date.slice(0, 16).replace('T', ' ')} UTC, ${live.commit})`,
  );
  parts.push(
    `${s.replicas} gateway-api replicas (the production build) on CPU 0, which they share; a third gateway-api, the writer, ` +
      `and the load process on CPU 1; MariaDB unpinned (${live.database}). ${s.rate} writes/s over HTTP to the writer ` +
      `(createTask and moveTask in turn, round the boards), measured for ${s.seconds} s after ${s.warmupSeconds} s of warm-up. ` +
      `Followers: graphql-ws subscriptions to \`boardEvents\` of ${s.users} users (each signed in once through \`signIn\`, ` +
      `none rate-limited), spread evenly over the replicas and the boards; the phases add followers to the same replicas. ` +
      `Latency: from the write's HTTP response to a follower receiving its event, for every (write, follower) pair. ` +
      `Fan-out SQL: statements per second that each replica's own database user ran (MariaDB's USER_STATISTICS); the ` +
      `writes run as the writer's user, so this is the feed's polls, the event loaders and the session checks alone. ` +
      `CPU: % of one core over the window; waited: % of the window the replica's main thread was ready to run but ` +
      `not running (the other replica, other processes: /proc schedstat); µs per delivery: CPU from the warm-up to the ` +
      `last delivery ÷ deliveries; CPU 0 / 1 busy: the machine's two cores over the window, whoever used them. ` +
      `RSS: at the window's end. ` +
      (live.nodeOptions?.flags.length
        ? `Every gateway-api runs with the chart's NODE_OPTIONS for its ${live.nodeOptions.memoryLimit} memory limit, ` +
          `\`${live.nodeOptions.flags.join(' ')}\`, as a pod does. `
        : '') +
      noise(live),
  );
  const pair = (values: (number | undefined)[], digits = 0) => values.map((v) => fmt(v, digits)).join(' / ');
  const rows: (string | number)[][] = [];
  for (const layout of live.layouts) {
    for (const [i, p] of layout.phases.entries()) {
      const l = p.load;
      const d = l.deliveries;
      rows.push([
        i === 0 ? boardsLabel(layout.boards) : '',
        `${fmt(p.followers)} (${l.perReplica.join(' + ')})`,
        fmt(l.writes.rate, 1),
        `${fmt(d.delivered)} / ${fmt(d.expected)}`,
        `${d.missing} / ${d.duplicates}`,
        fmt(l.latencyMs.p50),
        fmt(l.latencyMs.p95),
        fmt(l.latencyMs.p99),
        fmt(l.latencyMs.max),
        pair(p.replicas.map((r) => r.cpuPercent)),
        pair(p.replicas.map((r) => r.cpuWaitPercent)),
        pair(p.replicas.map((r) => r.cpuPerDeliveryUs)),
        pair(p.replicas.map((r) => r.rssMB)),
        pair(
          p.replicas.map((r) => r.sql?.perSecond),
          1,
        ),
        fmt(p.loadCpuPercent),
        p.coreBusyPercent ? pair(p.coreBusyPercent) : '—',
      ]);
    }
  }
  parts.push(
    table(
      [
        'boards',
        'followers (per replica)',
        'writes/s',
        'deliveries',
        'missing / duplicated',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'CPU % (replica 1 / 2)',
        'waited for CPU %',
        'CPU µs per delivery',
        'RSS MB',
        'fan-out SQL/s',
        'load CPU %',
        'CPU 0 / 1 busy %',
      ],
      rows,
      2,
    ),
  );
  const ratios = live.layouts.map((layout) => {
    const r = liveSqlRatio(layout.phases);
    return `${boardsLabel(layout.boards)} ${r === undefined ? '—' : `${fmt(r, 2)} x`}`;
  });
  const each = (what: (p: LivePhase) => string) =>
    live.layouts
      .flatMap((layout) => layout.phases.map((p) => `${boardsLabel(layout.boards)}, ${p.followers}: ${what(p)}`))
      .join('; ');
  parts.push(
    [
      live.sqlNote
        ? `Fan-out SQL ${live.sqlNote}.`
        : `Fan-out SQL per replica, the most followers ÷ the fewest: ${ratios.join(', ')}.`,
      `Latency to a write's first follower (p50) and to its last (p95), ms: ${each((p) => `${fmt(p.load.firstMs.p50)} / ${fmt(p.load.lastMs.p95)}`)}.`,
      `The writer (CPU %, statements per write, the writes' HTTP p50 ms): ${each(
        (p) =>
          `${fmt(p.writer.cpuPercent)} %, ${fmt(p.writer.statementsPerWrite, 1)}, ${fmt(p.load.writes.httpMs.p50)}`,
      )}.`,
    ].join(' '),
  );
  const starved = live.layouts.flatMap((layout) =>
    layout.phases
      // the replicas share a core, so each waits while the other runs: what is beyond that is other processes'
      .filter((p) =>
        p.replicas.some(
          (r, i) => r.cpuWaitPercent - p.replicas.reduce((sum, o, j) => (j === i ? sum : sum + o.cpuPercent), 0) > 20,
        ),
      )
      .map((p) => `${boardsLabel(layout.boards)}, ${p.followers} followers`),
  );
  if (starved.length) {
    parts.push(
      `**Noisy:** ${starved.join('; ')}: a replica waited for a CPU more than 20 % of the window beyond the time the ` +
        'other replica ran (other processes took its core), so these latencies say more about the machine than about ' +
        'the API; run again on a quiet machine.',
    );
  }
  if (live.problems.length) parts.push(`**Problems:**\n${live.problems.map((p) => `- ${p}`).join('\n')}`);
  return parts;
}

export function renderMarkdown(results: Results): string {
  const parts: string[] = [];
  const api = results.api;
  if (api) {
    const impl = (k: ImplKey) => api.impls.find((i) => i.key === k);
    parts.push(
      `### API (\`npm run ${api.mode === 'quick' ? 'bench:quick' : 'bench'}\`, ${api.date.slice(0, 16).replace('T', ' ')} UTC, ${api.commit})`,
    );
    parts.push(
      `${api.settings.runs === 1 ? 'One run' : `Medians of ${api.settings.runs} runs`} of ${api.settings.seconds} s ` +
        `(after ${api.settings.warmupSeconds} s of warm-up) at ${api.settings.connections} connections; every server on CPU 0 with a ` +
        `pool of ${api.settings.poolSize}, autocannon on CPU 1, MariaDB unpinned (${api.database}). SQL = statements per operation ` +
        `counted by the database server (${api.settings.sqlSamples} operations one at a time). RSS = server after the scenario's run. ` +
        (api.settings.nodeOptions?.flags.length
          ? `Every server runs with gateway-api's chart NODE_OPTIONS for its ${api.settings.nodeOptions.memoryLimit} memory limit, ` +
            `\`${api.settings.nodeOptions.flags.join(' ')}\`, as its pod does. `
          : '') +
        noise(api),
    );
    parts.push(api.impls.map((i) => `- **${i.key}** ${i.name}: ${i.what}`).join('\n'));
    const rows: (string | number)[][] = [];
    for (const s of api.scenarios) {
      for (const i of api.impls) {
        const c = api.cells[i.key]?.[s.name];
        const sql = api.sql[i.key]?.[s.name]?.perOperation;
        rows.push([
          i.key === api.impls[0]!.key ? s.label : '',
          `${i.key} ${i.name}`,
          fmt(c?.requestsPerSecond),
          fmt(c?.p50),
          fmt(c?.p99),
          count(sql),
          c ? String(c.errors) : '—',
          fmt(c?.rssMB),
        ]);
      }
    }
    parts.push(
      table(['scenario', 'implementation', 'req/s', 'p50 ms', 'p99 ms', 'SQL/op', 'errors', 'RSS MB'], rows, 2),
    );
    const rps = (k: ImplKey, s: ScenarioName) => api.cells[k]?.[s]?.requestsPerSecond;
    // results stored by older runs may hold variants of a (a1, a2: patched copies), compared with a and d
    const variants = api.impls.map((i) => i.key).filter((k) => !['a', 'b', 'c', 'd'].includes(k));
    const ratios = api.scenarios.map((s) => [
      s.label,
      ...(['b', 'c', 'd'] as const).map((k) => fmt(ratio(rps('a', s.name), rps(k, s.name)), 2)),
      ...variants.flatMap((v) => (['a', 'd'] as const).map((k) => fmt(ratio(rps(v, s.name), rps(k, s.name)), 2))),
    ]);
    parts.push("Throughput ratios (the first implementation's req/s ÷ the second's):");
    parts.push(
      table(
        ['scenario', 'a/b floor', 'a/c naive', 'a/d plain Apollo', ...variants.flatMap((v) => [`${v}/a`, `${v}/d`])],
        ratios,
      ),
    );
    const sqlKeys: (ScenarioName | 'board5')[] = ['board5', 'board', 'detail', 'search', 'create', 'move'];
    const sqlRow = (k: ImplKey) => [
      `${k} ${impl(k)?.name ?? ''}`,
      ...sqlKeys.map((s) => {
        const c = api.sql[k]?.[s];
        if (!c) return '—';
        const mix = [
          c.select && `${count(c.select)} sel`,
          c.insert && `${count(c.insert)} ins`,
          c.update && `${count(c.update)} upd`,
          c.delete && `${count(c.delete)} del`,
          c.transaction && `${count(c.transaction)} txn`,
        ].filter(Boolean);
        return `${count(c.perOperation)}${mix.length ? ` (${mix.join(', ')})` : ''}`;
      }),
    ];
    parts.push('SQL statements per operation, by kind (txn = BEGIN/COMMIT/ROLLBACK):');
    parts.push(
      table(
        ['implementation', 'board 3 x 5', 'board 3 x 50', 'detail', 'search', 'create', 'move'],
        api.impls.map((i) => sqlRow(i.key)),
      ),
    );
    const reference = api.answerBytes[api.impls[0]!.key] ?? {};
    const same = api.impls.every((i) =>
      api.scenarios.every((s) => api.answerBytes[i.key]?.[s.name] === reference[s.name]),
    );
    parts.push(
      `Answers checked before the load, from the same state: ${same ? 'all implementations answered' : '**answers differ**; reference'} ` +
        `HTTP 200 with ${api.scenarios.map((s) => `${s.name} ${fmt(reference[s.name])}`).join(', ')} bytes of \`data\`.`,
    );
    if (api.problems.length) parts.push(`**Problems:**\n${api.problems.map((p) => `- ${p}`).join('\n')}`);
    if (api.warnings.length) parts.push(`Warnings:\n${api.warnings.map((p) => `- ${p}`).join('\n')}`);
  }
  const startup = results.startup;
  if (startup) {
    parts.push(`### Start-up (${startup.date.slice(0, 16).replace('T', ' ')} UTC, ${startup.commit})`);
    const row = (
      name: string,
      f?: { samples: number; medianReadyMs: number; medianIdleRssMB: number; readyMs: number[] },
    ) =>
      f
        ? [name, fmt(f.medianReadyMs), fmt(f.medianIdleRssMB, 1), f.readyMs.join(', '), String(f.samples)]
        : [name, '—', '—', '—', '0'];
    parts.push(
      'Production builds, spawned on CPU 0; ready = first 200 from /readyz (polled every 5 ms), idle RSS 2 s later. ' +
        (startup.nodeFlags?.length
          ? `gateway-api with the chart's NODE_OPTIONS, \`${startup.nodeFlags.join(' ')}\`. `
          : '') +
        noise(startup),
    );
    parts.push(
      table(
        ['service', 'ready ms (median)', 'idle RSS MB (median)', 'ready ms, each', 'samples'],
        [
          row('gateway-api', startup.api),
          ...(startup.apiLiftoffOnly ? [row('gateway-api, node --liftoff-only', startup.apiLiftoffOnly)] : []),
          row('web server', startup.web),
        ],
      ),
    );
    if (startup.webNote) parts.push(`Web server: ${startup.webNote}`);
  }
  if (results.live) parts.push(...renderLive(results.live));
  const web = results.web;
  if (web) {
    parts.push(`### Web client (\`npm run bench:web\`, ${web.date.slice(0, 16).replace('T', ' ')} UTC, ${web.commit})`);
    const b = (name: string, f?: BundleFigures) =>
      f
        ? [
            name,
            kb(f.initial.raw),
            kb(f.initial.gzip),
            kb(f.initial.brotli),
            String(f.initial.chunks.length),
            kb(f.css.gzip),
          ]
        : [name, '—', '—', '—', '—', '—'];
    parts.push(
      'Initial JavaScript = the entry chunk and every chunk it imports statically (Vite manifest), each compressed on its own ' +
        'with node:zlib (gzip level 9, brotli quality 11), as a server would send them.',
    );
    parts.push(
      table(
        ['build', 'initial JS raw', 'gzip', 'brotli', 'chunks', 'CSS gzip'],
        [b('web-client', web.app), b('minimal React 19 + Apollo Client 4 (bench/web/minimal-app)', web.minimal)],
      ),
    );
    if (web.composition) {
      const { app, minimal } = web.composition;
      const names = [...new Set([...Object.keys(app), ...Object.keys(minimal)])]
        .map((name) => [name, app[name] ?? 0, minimal[name] ?? 0] as const)
        .sort((x, y) => y[1] - y[2] - (x[1] - x[2]));
      const shown = names.filter(([, a, m]) => Math.abs(a - m) >= 1024 || a >= 10 * 1024).slice(0, 14);
      parts.push(
        'What the initial JavaScript is made of (minified bytes by package, from source maps), largest difference first:',
      );
      parts.push(
        table(
          ['package', 'web-client', 'minimal app', 'difference'],
          shown.map(([name, a, m]) => [name, kb(a), kb(m), `${a - m >= 0 ? '+' : ''}${kb(a - m)}`]),
        ),
      );
    }
    if (web.app?.playground) {
      parts.push(
        `Playground (GraphiQL), loaded only on /playground: ${kb(web.app.playground.raw)} raw, ${kb(web.app.playground.gzip)} gzip, ` +
          `${kb(web.app.playground.brotli)} brotli in ${web.app.playground.chunks.length} chunks; ` +
          `${web.app.graphiqlInInitial ? '**GraphiQL code IS in the initial chunks**' : 'none of it is in the initial chunks'}.`,
      );
    }
    if (web.browser) {
      const br = web.browser;
      parts.push(
        `Headless Chromium, ${br.page}, cold cache, medians of ${br.samples} loads through the production web server and gateway-api:`,
      );
      parts.push(
        table(
          ['LCP ms', 'CLS', 'TBT ms', 'GraphQL requests on first load'],
          [[fmt(br.lcpMs), fmt(br.cls, 3), fmt(br.tbtMs), `${br.graphqlRequests} (${br.operations.join(', ')})`]],
          0,
        ),
      );
    }
    if (web.notes.length) parts.push(web.notes.map((n) => `- ${n}`).join('\n'));
    parts.push(noise(web));
  }
  const t = targets(results);
  if (t.length) {
    parts.push('### Targets');
    parts.push(
      table(
        ['target', 'goal', 'measured', 'status'],
        t.map((x) => [x.name, x.goal, x.measured, x.met === undefined ? 'not measured' : x.met ? 'met' : '**gap**']),
        4,
      ),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Written as the repository's Prettier setup formats it, so `npm run lint` stays clean after a run. */
async function writeFormatted(file: string, text: string): Promise<void> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  await writeFile(file, await prettier.format(text, { ...options, filepath: file }));
}

/** Writes <name>.json and <name>.md under bench/results; `latest` also refreshes bench/README.md's table. */
export async function writeResults(results: Results, name: 'latest' | 'quick'): Promise<string> {
  await mkdir(RESULTS, { recursive: true });
  const markdown = renderMarkdown(results);
  await writeFormatted(path.join(RESULTS, `${name}.json`), JSON.stringify(results, null, 2));
  await writeFormatted(path.join(RESULTS, `${name}.md`), `# Benchmark results (${name})\n\n${markdown}`);
  if (name === 'latest') {
    const readme = path.join(BENCH, 'README.md');
    const text = await readFile(readme, 'utf8').catch(() => '');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    if (start >= 0 && end > start) {
      await writeFormatted(readme, `${text.slice(0, start + START.length)}\n\n${markdown}\n${text.slice(end)}`);
    }
  }
  return path.join(RESULTS, `${name}.md`);
}

// `node --import tsx bench/lib/report.ts` renders the stored results again (after a change to this file).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  for (const name of ['latest', 'quick'] as const) {
    const stored = await readResults(path.join(RESULTS, `${name}.json`));
    if (Object.keys(stored).length) console.log(`rendered ${await writeResults(stored, name)}`);
  }
}
