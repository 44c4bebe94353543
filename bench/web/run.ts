// `npm run bench:web`: the web client's weight and first load.
//  1. Initial JavaScript (the entry chunk and the chunks it imports statically, from Vite's
//     manifest), gzip and brotli, next to a minimal React 19 + Apollo Client 4 app built with the
//     same Vite config (bench/web/minimal-app); the lazily loaded playground (GraphiQL) on its own.
//  2. Headless Chromium on the seeded board page, through the production web server and
//     gateway-api: LCP, CLS, total blocking time, and the GraphQL requests of the first load.
// Figures go to bench/results/latest.{json,md} (the "web" part) and bench/README.md.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '@taskboard/test-kit/browser';
import { freePort } from '@taskboard/test-kit/ports';
import type { Service } from '@taskboard/test-kit/processes';
import { SESSION_SECRET } from '../api/impls.js';
import { body } from '../api/operations.js';
import {
  ensureApiBuild,
  ensureMinimalBuild,
  ensureMinimalSourcemapBuild,
  ensureWebBuild,
  ensureWebSourcemapBuild,
} from '../lib/build.js';
import { ensureBenchData } from '../lib/data.js';
import { ensureSeeded, openBenchDatabase } from '../lib/db.js';
import {
  API_ENTRY,
  MINIMAL_BUILD,
  MINIMAL_SOURCEMAP_BUILD,
  REPO,
  RESULTS,
  WEB_BUILD,
  WEB_ENTRY,
  WEB_SOURCEMAP_BUILD,
} from '../lib/paths.js';
import { attribute } from './attribution.js';
import { machineLoad, pinning, SERVER_CPU, startService } from '../lib/proc.js';
import {
  busyProcesses,
  provenance,
  readResults,
  renderMarkdown,
  writeResults,
  type BundleFigures,
  type ChunkSize,
  type WebSection,
} from '../lib/report.js';
import { median, round } from '../lib/stats.js';

const SAMPLES = Number(process.env.BENCH_WEB_SAMPLES ?? 5);
/** strings only GraphiQL's code carries: if the initial chunks hold one, the playground is not lazy */
const GRAPHIQL_MARKERS = ['graphiql-container', 'graphiql-session'];

const started = Date.now();
const say = (message: string) =>
  console.log(`[bench:web ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

async function sizeOf(dir: string, file: string): Promise<ChunkSize> {
  const bytes = await readFile(path.join(dir, file));
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const sum = (chunks: ChunkSize[]) => ({
  raw: chunks.reduce((s, c) => s + c.raw, 0),
  gzip: chunks.reduce((s, c) => s + c.gzip, 0),
  brotli: chunks.reduce((s, c) => s + c.brotli, 0),
});

/** The chunks loaded before the app can run: the entry and everything it imports statically. */
function staticClosure(manifest: Manifest, roots: string[], exclude = new Set<string>()): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || exclude.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const next of manifest[key].imports ?? []) visit(next);
  };
  for (const root of roots) visit(root);
  return [...seen];
}

async function bundle(dir: string): Promise<{ figures: BundleFigures; manifest: Manifest; initialKeys: Set<string> }> {
  const manifest = JSON.parse(await readFile(path.join(dir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entries = Object.keys(manifest).filter((k) => manifest[k]!.isEntry);
  const initialKeys = new Set(staticClosure(manifest, entries));
  const js = await Promise.all([...initialKeys].map((k) => sizeOf(dir, manifest[k]!.file)));
  const cssFiles = [...new Set([...initialKeys].flatMap((k) => manifest[k]!.css ?? []))];
  const css = await Promise.all(cssFiles.map((f) => sizeOf(dir, f)));
  return { figures: { initial: { ...sum(js), chunks: js }, css: sum(css) }, manifest, initialKeys };
}

async function analyseBundles(section: WebSection) {
  await ensureWebBuild();
  await ensureMinimalBuild();
  const publicDir = path.join(WEB_BUILD, 'public');
  const app = await bundle(publicDir);
  const minimal = await bundle(MINIMAL_BUILD);
  const playgroundKey = Object.keys(app.manifest).find((k) =>
    /playground\/Playground\.[jt]sx?$/.test(app.manifest[k]!.src ?? k),
  );
  let playground: NonNullable<WebSection['app']>['playground'];
  if (playgroundKey) {
    const keys = staticClosure(app.manifest, [playgroundKey], app.initialKeys);
    const chunks = await Promise.all(keys.map((k) => sizeOf(publicDir, app.manifest[k]!.file)));
    playground = { ...sum(chunks), chunks: chunks.map((c) => c.file) };
  } else {
    section.notes.push('no lazily loaded playground chunk found in the web client build');
  }
  let graphiqlInInitial = false;
  for (const key of app.initialKeys) {
    const text = await readFile(path.join(publicDir, app.manifest[key]!.file), 'utf8');
    if (GRAPHIQL_MARKERS.some((m) => text.includes(m))) graphiqlInInitial = true;
  }
  section.app = { ...app.figures, ...(playground ? { playground } : {}), graphiqlInInitial };
  section.minimal = minimal.figures;
  const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  say(
    `initial JS: web-client ${kB(app.figures.initial.gzip)} gzip / ${kB(app.figures.initial.brotli)} brotli ` +
      `(${app.figures.initial.chunks.length} chunks); minimal app ${kB(minimal.figures.initial.gzip)} gzip / ${kB(minimal.figures.initial.brotli)} brotli`,
  );
  if (playground) say(`playground (lazy): ${kB(playground.gzip)} gzip in ${playground.chunks.length} chunks`);

  // what the initial chunks are made of, from builds with source maps (same chunks, plus .map files)
  await ensureWebSourcemapBuild();
  await ensureMinimalSourcemapBuild();
  const composition = async (dir: string) => {
    const { manifest, initialKeys } = await bundle(dir);
    return attribute(
      dir,
      [...initialKeys].map((k) => manifest[k]!.file),
    );
  };
  try {
    section.composition = {
      app: await composition(WEB_SOURCEMAP_BUILD),
      minimal: await composition(MINIMAL_SOURCEMAP_BUILD),
    };
  } catch (error) {
    section.notes.push(`composition by package not measured: ${(error as Error).message.split('\n')[0]}`);
  }
}

interface PageFigures {
  lcpMs: number;
  cls: number;
  tbtMs: number;
  graphqlRequests: number;
  operations: string[];
  /** each layout shift's value and what it moved */
  shifts: string[];
}

/** Registered before any page script runs: LCP, CLS (session windows, as web-vitals), long tasks, FCP. */
function observePerformance() {
  const perf = { lcp: 0, cls: 0, fcp: 0, longTasks: [] as [number, number][], shifts: [] as [number, string][] };
  (window as unknown as { __perf: typeof perf }).__perf = perf;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) perf.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  let windowValue = 0;
  let windowEntries: PerformanceEntry[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const e = entry as PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node | null }[];
      };
      if (e.hadRecentInput) continue;
      // what moved: the elements a shift names, as tag.class (for "what shifts" in the report)
      const moved = (e.sources ?? [])
        .map(({ node }) =>
          node instanceof Element
            ? `${node.tagName.toLowerCase()}${node.className ? `.${String(node.className).trim().split(/\s+/).join('.')}` : ''}`
            : '(text)',
        )
        .join(' + ');
      perf.shifts.push([e.value, moved]);
      const first = windowEntries[0];
      const last = windowEntries[windowEntries.length - 1];
      if (first && last && e.startTime - last.startTime < 1000 && e.startTime - first.startTime < 5000) {
        windowValue += e.value;
        windowEntries.push(e);
      } else {
        windowValue = e.value;
        windowEntries = [e];
      }
      perf.cls = Math.max(perf.cls, windowValue);
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) perf.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') perf.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
}

async function loadPage(
  browser: Browser,
  webUrl: string,
  boardId: number,
  email: string,
  password: string,
): Promise<PageFigures> {
  const context = await browser.newContext({ baseURL: webUrl, viewport: { width: 1366, height: 900 } });
  try {
    const signIn = await context.request.post('/graphql', { data: body.signIn(email, password) });
    if (!signIn.ok() || (await signIn.text()).includes('"errors"'))
      throw new Error(`sign-in failed: ${await signIn.text()}`);
    const page = await context.newPage();
    await page.addInitScript(observePerformance);
    const operations: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/graphql')) {
        const name = (request.postDataJSON() as { operationName?: string } | null)?.operationName;
        operations.push(name ?? request.method());
      }
    });
    await page.goto(`/boards/${boardId}`, { waitUntil: 'networkidle' });
    // LCP candidates stop once the page has settled; a second more catches late layout shifts
    await page.waitForTimeout(1000);
    const perf = await page.evaluate(
      () =>
        (
          window as unknown as {
            __perf: {
              lcp: number;
              cls: number;
              fcp: number;
              longTasks: [number, number][];
              shifts: [number, string][];
            };
          }
        ).__perf,
    );
    const tbt = perf.longTasks
      .filter(([start]) => start >= perf.fcp)
      .reduce((s, [, duration]) => s + Math.max(0, duration - 50), 0);
    return {
      lcpMs: round(perf.lcp, 0),
      cls: round(perf.cls, 4),
      tbtMs: round(tbt, 0),
      graphqlRequests: operations.length,
      operations,
      shifts: perf.shifts.map(([value, moved]) => `${round(value, 4)} ${moved}`),
    };
  } finally {
    await context.close();
  }
}

async function measureBrowser(section: WebSection) {
  await ensureApiBuild();
  const db = await openBenchDatabase(say);
  const services: Service[] = [];
  try {
    await ensureSeeded(db, say);
    const data = await ensureBenchData(db, say);
    const apiPort = await freePort();
    services.push(
      await startService('web-bench-api', API_ENTRY, {
        cwd: REPO,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          HOST: '127.0.0.1',
          PORT: String(apiPort),
          DATABASE_URL: db.url,
          SESSION_SECRET,
          // not production: its session cookie is Secure, which a browser keeps only over https
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
        },
        readyUrl: `http://127.0.0.1:${apiPort}/readyz`,
        cpu: SERVER_CPU,
      }),
    );
    const webPort = await freePort();
    const webUrl = `http://127.0.0.1:${webPort}`;
    services.push(
      await startService('web-bench-web', WEB_ENTRY, {
        cwd: REPO,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          HOST: '127.0.0.1',
          PORT: String(webPort),
          GATEWAY_API_URL: `http://127.0.0.1:${apiPort}/graphql`,
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
        },
        readyUrl: `${webUrl}/readyz`,
        cpu: SERVER_CPU,
      }),
    );
    const browser = await launchBrowser();
    try {
      // one load first, not counted: the servers' code is cold on the very first request
      await loadPage(browser, webUrl, data.boardViewId, data.email, data.password);
      const samples: PageFigures[] = [];
      for (let i = 0; i < SAMPLES; i++)
        samples.push(await loadPage(browser, webUrl, data.boardViewId, data.email, data.password));
      section.browser = {
        samples: SAMPLES,
        page: `/boards/${data.boardViewId} ("Bench: board view", 3 columns x 50 tasks; the page shows the first 20 of each)`,
        lcpMs: median(samples.map((s) => s.lcpMs)),
        cls: median(samples.map((s) => s.cls)),
        tbtMs: median(samples.map((s) => s.tbtMs)),
        graphqlRequests: median(samples.map((s) => s.graphqlRequests)),
        operations: samples[0]!.operations,
        perSample: samples.map(({ lcpMs, cls, tbtMs, graphqlRequests }) => ({ lcpMs, cls, tbtMs, graphqlRequests })),
      };
      say(
        `Chromium: LCP ${section.browser.lcpMs} ms, CLS ${section.browser.cls}, TBT ${section.browser.tbtMs} ms, ` +
          `${section.browser.graphqlRequests} GraphQL requests (${section.browser.operations.join(', ')})`,
      );
      const shifts = samples[0]!.shifts;
      if (shifts.length) say(`layout shifts of the first counted load: ${shifts.join('; ')}`);
    } finally {
      await browser.close();
    }
  } finally {
    for (const service of services.reverse()) await service.stop();
    await db.stop();
  }
}

async function main(): Promise<number> {
  const loadBefore = machineLoad().loadavg;
  const section: WebSection = { ...provenance(loadBefore, busyProcesses(), pinning), notes: [] };
  say(`load average ${loadBefore.join(' ')}`);
  let failed = false;
  try {
    await analyseBundles(section);
    await measureBrowser(section);
  } catch (error) {
    failed = true;
    section.notes.push(`failed: ${(error as Error).message.split('\n')[0]}`);
    console.error(error);
  }
  if (section.app?.graphiqlInInitial)
    section.notes.push('GraphiQL code is in the initial chunks: the playground is not lazy');
  section.loadAfter = machineLoad().loadavg;
  const file = path.join(RESULTS, 'latest.json');
  const results = await readResults(file);
  results.web = section;
  await writeResults(results, 'latest');
  console.log(`\n${renderMarkdown({ web: section })}`);
  say(`written to bench/results/latest.md (and .json)`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
