// `npm run bench` / `npm run bench:quick`: the API side by side (gateway-api, the floor, the naive
// peer, plain Apollo) on the same database, data and pool size, plus start-up and footprint, plus
// gateway-api's live-updates fan-out (bench/live). Figures are printed and written to bench/results;
// the run fails only on errors, on answers that differ between implementations, or on live events
// missing or duplicated, never on timing.
//   --quick                 1 run of 2 s per scenario, 5 s live windows (smoke test, < 3 min once data and builds exist)
//   --runs N --seconds S --warmup W --connections C
//   --impls a,b,c,d --scenarios board,detail,search,create,move
//   --no-startup            skip the start-up measurements
//   --liftoff-only          also gateway-api's start-up with `node --liftoff-only`
//   --no-live               skip the live-updates fan-out
//   --live-only             only the live-updates fan-out (the stored API and start-up figures are kept)
//   --live-seconds S        the live windows' length (default 30, quick 5)
//   --live-boards 1,5       the live layouts: how many boards the followers and writes are spread over (default 5)
//   --cpu-prof              CPU profiles of the API servers (node --cpu-prof), one per implementation and run,
//                           in bench/.data/profiles (with --scenarios, of those scenarios alone)
//   --live-cpu-prof         CPU profiles of the live replicas (node --cpu-prof) in bench/.data/profiles
//   --help                  print these options and exit
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureApiBuild, ensureServersBuild, ensureWebBuild } from '../lib/build.js';
import { post } from '../lib/client.js';
import { compactTasks, ensureBenchData, type BenchData } from '../lib/data.js';
import { ensureSeeded, openBenchDatabase } from '../lib/db.js';
import { PROFILES, RESULTS, WEB_ENTRY } from '../lib/paths.js';
import { machineLoad, pinning, rssBytes, waitIdle } from '../lib/proc.js';
import {
  busyProcesses,
  provenance,
  readResults,
  renderMarkdown,
  writeResults,
  type ApiSection,
  type Cell,
  type RunFigures,
} from '../lib/report.js';
import { chartNodeOptions } from '../lib/chart.js';
import { measureApiStartup, measureWebStartup, type StartupSection } from '../lib/startup.js';
import { mb, median, round } from '../lib/stats.js';
import { liveSettings, measureLive, type LiveSection } from '../live/fanout.js';
import { driftWarnings } from './drift.js';
import { IMPLS, POOL_SIZE, startImpl, type Impl, type ImplKey } from './impls.js';
import { startLoadGenerator, type LoadGenerator } from './loadgen-client.js';
import { body, type ScenarioName } from './operations.js';
import {
  compareAnswers,
  countStatements,
  loadRequest,
  Mover,
  readBody,
  referenceAnswers,
  resetFor,
  SCENARIOS,
  type Reference,
} from './scenarios.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    impls: { type: 'string' },
    scenarios: { type: 'string' },
    'no-startup': { type: 'boolean', default: false },
    'liftoff-only': { type: 'boolean', default: false },
    'no-live': { type: 'boolean', default: false },
    'live-only': { type: 'boolean', default: false },
    'live-seconds': { type: 'string' },
    'live-boards': { type: 'string' },
    'live-cpu-prof': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log(`npm run bench [-- options] | npm run bench:quick [-- options]
  --quick                 1 run of 2 s per scenario, 5 s live windows (what bench:quick passes)
  --runs N --seconds S --warmup W --connections C
  --impls a,b,c,d --scenarios board,detail,search,create,move
  --no-startup            skip the start-up measurements
  --liftoff-only          also gateway-api's start-up with \`node --liftoff-only\`
  --no-live               skip the live-updates fan-out
  --live-only             only the live-updates fan-out (the stored API and start-up figures are kept)
  --live-seconds S        the live windows' length (default 30, quick 5)
  --live-boards 1,5       the live layouts: how many boards the followers and writes are spread over (default 5)
  --cpu-prof              CPU profiles of the API servers (node --cpu-prof), one per implementation and run,
                          in bench/.data/profiles (with --scenarios, of those scenarios alone)
  --live-cpu-prof         CPU profiles of the live replicas (node --cpu-prof) in bench/.data/profiles
See bench/README.md.`);
  process.exit(0);
}
const quick = flags.quick!;
const settings = {
  runs: Number(flags.runs ?? (quick ? 1 : 3)),
  seconds: Number(flags.seconds ?? (quick ? 2 : 10)),
  warmupSeconds: Number(flags.warmup ?? (quick ? 1 : 3)),
  connections: Number(flags.connections ?? 32),
  poolSize: POOL_SIZE,
  sqlSamples: quick ? 3 : 20,
  nodeOptions: chartNodeOptions(),
};
const startupSamples = quick ? 1 : 5;
const impls = flags.impls ? IMPLS.filter((i) => flags.impls!.split(',').includes(i.key)) : IMPLS;
const scenarios = flags.scenarios ? SCENARIOS.filter((s) => flags.scenarios!.split(',').includes(s.name)) : SCENARIOS;
const liveOnly = flags['live-only']!;
const live = flags['no-live']
  ? undefined
  : liveSettings(quick, {
      ...(flags['live-seconds'] ? { seconds: Number(flags['live-seconds']) } : {}),
      ...(flags['live-boards'] ? { boards: flags['live-boards'].split(',').map(Number) } : {}),
    });
if (liveOnly && !live) {
  console.error('--live-only and --no-live: nothing to do');
  process.exit(2);
}

const started = Date.now();
const say = (message: string) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

async function main(): Promise<number> {
  const loadBefore = machineLoad().loadavg;
  const busy = busyProcesses();
  say(
    `${quick ? 'quick' : 'full'} run: ` +
      (liveOnly
        ? ''
        : `${settings.runs} x ${settings.seconds} s per scenario at ${settings.connections} connections; `) +
      (live ? `live fan-out ${live.seconds} s per phase; ` : '') +
      `load average ${loadBefore.join(' ')}`,
  );
  if (busy.length) say(`other busy processes: ${busy.join(' | ')}`);
  if (!pinning) say('taskset or a second CPU is missing: servers and load generator are NOT pinned');

  const [apiBuilt, serversBuilt] = [await ensureApiBuild(), !liveOnly && (await ensureServersBuild())];
  if (apiBuilt || serversBuilt)
    say(`built ${[apiBuilt && 'gateway-api', serversBuilt && 'comparison servers'].filter(Boolean).join(' and ')}`);

  const db = await openBenchDatabase(say);
  const loadgen = liveOnly ? undefined : await startLoadGenerator();
  const section: ApiSection = {
    ...provenance(loadBefore, busy, pinning),
    mode: quick ? 'quick' : 'full',
    settings,
    database: db.describe,
    impls: impls.map(({ key, name, what }) => ({ key, name, what })),
    scenarios: scenarios.map(({ name, label }) => ({ name, label })),
    cells: {},
    sql: {},
    answerBytes: {},
    problems: [],
    warnings: [],
  };
  let startup: StartupSection | undefined;
  let data: BenchData | undefined;
  let liveSection: LiveSection | undefined;
  try {
    await ensureSeeded(db, say);
    if (!liveOnly) await compareImplementations(loadgen!);
    if (live) {
      liveSection = await measureLive(
        db,
        live,
        quick ? 'quick' : 'full',
        say,
        flags['live-cpu-prof'] ? PROFILES : undefined,
      );
    }
  } finally {
    await loadgen?.stop();
    await db.stop();
  }

  section.loadAfter = machineLoad().loadavg;
  const file = path.join(RESULTS, quick ? 'quick.json' : 'latest.json');
  const results = await readResults(file);
  if (!liveOnly) results.api = section;
  if (startup)
    results.startup = {
      ...provenance(loadBefore, busy, pinning),
      loadAfter: section.loadAfter,
      mode: section.mode,
      ...startup,
    };
  if (liveSection) results.live = liveSection;
  const written = await writeResults(results, quick ? 'quick' : 'latest');
  console.log(`\n${renderMarkdown(results)}`);
  say(`written to ${path.relative(process.cwd(), written)} (and .json)`);

  const errors = liveOnly
    ? 0
    : impls
        .flatMap((i) => scenarios.map((s) => section.cells[i.key]?.[s.name]?.errors ?? 0))
        .reduce((a, b) => a + b, 0);
  const liveProblems = liveSection?.problems.length ?? 0;
  if (section.problems.length || errors || liveProblems) {
    say(
      `FAILED: ${section.problems.length} mismatched answers, ${errors} errors under load, ` +
        `${liveProblems} live problems (errors, events missing or duplicated)`,
    );
    return 1;
  }
  return 0;

  /** the four implementations side by side: answers, SQL per operation, load; then start-up */
  async function compareImplementations(loadgen: LoadGenerator) {
    data = await ensureBenchData(db, say);
    await resetFor('create', db, data);
    await compactTasks(db);
    for (const warning of await driftWarnings()) {
      section.warnings.push(warning);
      say(`warning: ${warning}`);
    }

    const answers = new Map<ImplKey, Record<ScenarioName, Reference>>();
    const runs = new Map<string, RunFigures[]>();
    for (let run = 1; run <= settings.runs; run++) {
      // each run starts with another implementation, so a slow patch of the machine does not always hit the same one
      const order = [...impls.slice((run - 1) % impls.length), ...impls.slice(0, (run - 1) % impls.length)];
      for (const impl of order) {
        const profile = flags['cpu-prof'] ? { dir: PROFILES, run } : undefined;
        const server = await startImpl(impl, db, data, settings.nodeOptions.flags, profile);
        try {
          say(`run ${run}/${settings.runs}: ${impl.key} ${impl.name} ready in ${server.service.readyMs.toFixed(0)} ms`);
          if (!answers.has(impl.key)) {
            const mine = await referenceAnswers(server.url, server.cookie, db, data);
            answers.set(impl.key, mine);
            const reference = answers.get(impls[0]!.key)!;
            const { problems, warnings } = compareAnswers(mine, reference);
            section.problems.push(...problems.map((p) => `${impl.key} ${impl.name}: ${p}`));
            section.warnings.push(...warnings.map((w) => `${impl.key} ${impl.name}: ${w}`));
            for (const p of problems) say(`PROBLEM ${impl.key}: ${p}`);
            section.answerBytes[impl.key] = Object.fromEntries(scenarios.map((s) => [s.name, mine[s.name].dataBytes]));
            if (!problems.length) {
              say(
                `  answers match ${impls[0]!.key}'s (HTTP status and bytes of data): ${scenarios.map((s) => `${s.name} ${mine[s.name].dataBytes}`).join(', ')}`,
              );
            }
            section.sql[impl.key] = await countAll(impl, server.url, server.cookie);
          }
          for (const scenario of scenarios) {
            const cell = await measure(
              loadgen,
              impl,
              scenario.name,
              server,
              answers.get(impl.key)![scenario.name].textLength,
            );
            const key = `${impl.key}:${scenario.name}`;
            runs.set(key, [...(runs.get(key) ?? []), { run, ...cell }]);
            say(
              `  ${scenario.name.padEnd(6)} ${cell.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${cell.p50} ms  p99 ${cell.p99} ms  ` +
                `errors ${cell.errors}  RSS ${cell.rssMB} MB`,
            );
          }
        } finally {
          await server.service.stop();
        }
      }
    }
    for (const impl of impls) {
      const cells: Partial<Record<ScenarioName, Cell>> = {};
      for (const scenario of scenarios) {
        const list = runs.get(`${impl.key}:${scenario.name}`) ?? [];
        cells[scenario.name] = {
          requestsPerSecond: round(median(list.map((r) => r.requestsPerSecond)), 1),
          p50: median(list.map((r) => r.p50)),
          p99: median(list.map((r) => r.p99)),
          rssMB: median(list.map((r) => r.rssMB)),
          errors: list.reduce((sum, r) => sum + r.errors, 0),
          runs: list,
        };
      }
      section.cells[impl.key] = cells;
    }

    if (!flags['no-startup']) startup = await measureStartup(db);
  }

  function bench(): BenchData {
    if (!data) throw new Error('bench data not ready');
    return data;
  }

  async function countAll(impl: Impl, url: string, cookie: string) {
    const n = settings.sqlSamples;
    const out: NonNullable<ApiSection['sql'][ImplKey]> = {};
    out.board5 = await countStatements(() => post(url, body.board(bench().boardViewId, 5), cookie), db, n);
    for (const { name } of scenarios) {
      const tasks = await resetFor(name, db, bench());
      const mover = new Mover(tasks, bench().moveColumnIds);
      out[name] = await countStatements(
        () => (name === 'move' ? mover.move(url, cookie) : post(url, readBody(name, bench()), cookie)),
        db,
        n,
      );
    }
    say(
      `  SQL/op ${impl.key}: ${Object.entries(out)
        .map(([k, v]) => `${k} ${round(v.perOperation, 1)}`)
        .join(', ')}`,
    );
    return out;
  }

  async function measure(
    loadgen: LoadGenerator,
    impl: Impl,
    name: ScenarioName,
    server: Awaited<ReturnType<typeof startImpl>>,
    expectLength: number,
  ) {
    await resetFor(name, db, bench());
    const common = { url: server.url, cookie: server.cookie, connections: settings.connections };
    const expect = SCENARIOS.find((s) => s.name === name)!.write ? undefined : expectLength;
    await loadgen.run({
      ...common,
      seconds: settings.warmupSeconds,
      request: await loadRequest(name, db, bench(), expect),
    });
    // the warm-up's last requests may still be running: let them finish (the move scenario also
    // needs the versions they leave)
    await waitIdle(server.service.pid);
    const result = await loadgen.run({
      ...common,
      seconds: settings.seconds,
      request: await loadRequest(name, db, bench(), expect),
    });
    if (result.staleReads)
      say(
        `  ${impl.key} ${name}: ${result.staleReads} task(s) moved after their versions were read (one refusal each, then the version the server gave)`,
      );
    if (result.errors)
      say(
        `  ${impl.key} ${name}: ${result.errors} errors ${JSON.stringify(result.errorDetail)} ${result.firstBadBody ?? ''}`,
      );
    const rss = mb((await rssBytes(server.service.pid)) ?? Number.NaN);
    const drained = await waitIdle(server.service.pid);
    if (drained > 2_000)
      say(`  ${impl.key} ${name}: still busy ${(drained / 1000).toFixed(0)} s after the window closed`);
    // a window in which no request finished (the naive board view in a quick run) has no latency
    const none = result.completed === 0;
    if (none) say(`  ${impl.key} ${name}: no request completed within ${settings.seconds} s`);
    return {
      requestsPerSecond: result.requestsPerSecond,
      p50: none ? Number.NaN : result.p50,
      p99: none ? Number.NaN : result.p99,
      rssMB: rss,
      errors: result.errors,
    };
  }

  async function measureStartup(database: typeof db): Promise<StartupSection> {
    say(`start-up: ${startupSamples} sample(s) each`);
    const podFlags = settings.nodeOptions.flags;
    const out: StartupSection = {
      api: await measureApiStartup(database, startupSamples, podFlags),
      nodeFlags: podFlags,
    };
    say(`  gateway-api ready in ${out.api!.medianReadyMs} ms, idle RSS ${out.api!.medianIdleRssMB} MB`);
    if (flags['liftoff-only']) {
      // V8 keeps WebAssembly code twice (baseline and optimised): Prisma's query compiler is WebAssembly
      out.apiLiftoffOnly = await measureApiStartup(database, startupSamples, [...podFlags, '--liftoff-only']);
      say(
        `  gateway-api --liftoff-only: ready in ${out.apiLiftoffOnly.medianReadyMs} ms, idle RSS ${out.apiLiftoffOnly.medianIdleRssMB} MB`,
      );
    }
    try {
      // quick: whatever web build exists (its readiness only reads index.html); full: an up-to-date one
      if (!quick) await ensureWebBuild();
      if (existsSync(WEB_ENTRY)) {
        out.web = await measureWebStartup(startupSamples);
        say(`  web server ready in ${out.web.medianReadyMs} ms, idle RSS ${out.web.medianIdleRssMB} MB`);
      } else {
        out.webNote = 'not measured: no web build yet (npm run bench or bench:web builds it)';
      }
    } catch (error) {
      out.webNote = `not measured: ${(error as Error).message.split('\n')[0]}`;
      say(`  web server: ${out.webNote}`);
    }
    return out;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
