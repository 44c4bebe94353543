// `npm run images:test`: builds both production images with podman from the real Dockerfiles and
// runs them exactly as the Helm chart would (env, command, user, read-only root filesystem, /tmp,
// probes and grace period all taken from `helm template`), against a throwaway MySQL-compatible
// server on the host network, with the chart's CPU and memory limits (`podman run --cpus --memory`).
// Then loads each as the bench does (its board view, 32 connections, 60 s on the API) and fails on an
// OOM kill, an exit or a liveness probe that would restart the pod; times start-up under the CPU limit
// on an idle and on a busy machine. Prints each image's size, start-up and memory figures.
// Cleans up after itself.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { eventually } from '@taskboard/test-kit/waiting';
import { startLocalDatabase } from 'gateway-api/dev';
import { find, type K8sObject, names, onlyContainer, pods, render, secretData } from '../test/helm/support.js';
import {
  boardViewRequest,
  hogCpus,
  limitArgs,
  type Limits,
  loadContainers,
  loadProblems,
  type LoadOutcome,
  mib,
  seedBoardView,
  type Startup,
  waitStartup,
} from './container-load.js';

const { values: flags } = parseArgs({
  options: {
    // the load phase on the API (the web client's is a third of it); shorter only to try changes out
    'load-seconds': { type: 'string', default: '60' },
    connections: { type: 'string', default: '32' },
    // extra `helm template --set` values, e.g. a smaller memory limit to see the run fail on an OOM kill
    set: { type: 'string', multiple: true, default: [] },
  },
});
const LOAD_SECONDS = Number(flags['load-seconds']);
const CONNECTIONS = Number(flags.connections);

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BASE_IMAGE = 'docker.io/library/node:24-bookworm-slim';
const TAG = `taskboard-images-test-${process.pid}`;
const images = { api: `localhost/gateway-api:${TAG}`, web: `localhost/web-client:${TAG}` };
const containers: string[] = [];
const problems: string[] = [];

const say = (message: string) => console.log(`[images] ${message}`);
function check(ok: boolean, message: string) {
  say(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) problems.push(message);
}

async function podman(args: string[], options: { allowFailure?: boolean } = {}) {
  try {
    const { stdout } = await run('podman', args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    if (options.allowFailure) return '';
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`podman ${args.join(' ')} failed:\n${stderr || stdout || String(error)}`, { cause: error });
  }
}

async function ensureTools() {
  if (spawnSync('sh', ['-c', 'command -v podman']).status !== 0) {
    throw new Error('podman is not installed: run `sudo scripts/install-system-deps.sh` (Debian/Ubuntu).');
  }
  if (!baseImagePresent()) {
    // Machines without a registry build a stand-in; elsewhere pull the official image.
    const tool = path.resolve(root, '../shared/tools/node-base-image');
    if (existsSync(tool)) {
      say(`preparing ${BASE_IMAGE} with ${tool} ...`);
      const result = spawnSync('bash', [tool], { stdio: 'inherit' });
      if (result.status !== 0) throw new Error(`${tool} failed`);
    } else {
      say(`pulling ${BASE_IMAGE} ...`);
      await podman(['pull', BASE_IMAGE]);
    }
  }
}

function baseImagePresent() {
  return spawnSync('podman', ['image', 'exists', BASE_IMAGE]).status === 0;
}

async function build(image: string, dockerfile: string) {
  const revision = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || 'unknown';
  const started = Date.now();
  await podman([
    'build',
    '--pull=never',
    '--quiet',
    '-f',
    dockerfile,
    '-t',
    image,
    '--build-arg',
    `REVISION=${revision}`,
    '--build-arg',
    'VERSION=images-test',
    root,
  ]);
  const size = Number(await podman(['image', 'inspect', image, '--format', '{{.Size}}']));
  const labels = JSON.parse(await podman(['image', 'inspect', image, '--format', '{{json .Labels}}'])) as Record<
    string,
    string
  >;
  check(labels['org.opencontainers.image.revision'] === revision, `${image}: OCI revision label is ${revision}`);
  return { size, seconds: (Date.now() - started) / 1000 };
}

/** How the cluster runs a pod's container, taken from the rendered manifest. */
interface PodRun {
  env: Record<string, string>;
  /** entrypoint + arguments, when the manifest sets them */
  command: string[];
  user: string;
  readOnly: boolean;
  tmpfs: string[];
  ports: Map<string, number>;
  probes: { kind: string; path: string; port: number }[];
  liveness?: { path: string; port: number; periodSeconds: number; timeoutSeconds: number; failureThreshold: number };
  limits?: Limits;
  requests?: Limits;
  /** failureThreshold x periodSeconds of the startup probe: how long the kubelet lets the process start */
  startupBudgetSeconds?: number;
  gracePeriodSeconds: number;
}

function podRun(objects: K8sObject[], kind: string, name: string): PodRun {
  const owner = pods(objects).find((p) => p.object.kind === kind && p.object.metadata.name === name);
  if (!owner) throw new Error(`the chart renders no ${kind} ${name}`);
  const { spec } = owner;
  const container = onlyContainer(spec);
  const env: Record<string, string> = {};
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    if (ref) env[variable.name] = secretData(find(objects, 'Secret', ref.name))[ref.key] ?? '';
    else env[variable.name] = variable.value ?? '';
  }
  const pod = (spec.securityContext ?? {}) as { runAsUser?: number; runAsGroup?: number };
  const own = (container.securityContext ?? {}) as {
    runAsUser?: number;
    runAsGroup?: number;
    readOnlyRootFilesystem?: boolean;
  };
  const ports = new Map((container.ports ?? []).map((p) => [p.name ?? String(p.containerPort), p.containerPort]));
  const portOf = (port: string | number) => (typeof port === 'number' ? port : (ports.get(port) ?? Number(port)));
  const probes = (['startupProbe', 'readinessProbe', 'livenessProbe'] as const).flatMap((kind) => {
    const get = container[kind]?.httpGet;
    return get ? [{ kind, path: get.path, port: portOf(get.port) }] : [];
  });
  const emptyDirs = new Set((spec.volumes ?? []).filter((v) => v.emptyDir !== undefined).map((v) => v.name));
  const live = container.livenessProbe;
  const startup = container.startupProbe;
  return {
    env,
    command: [...(container.command ?? []), ...(container.args ?? [])],
    user: `${own.runAsUser ?? pod.runAsUser}:${own.runAsGroup ?? pod.runAsGroup}`,
    readOnly: own.readOnlyRootFilesystem === true,
    tmpfs: (container.volumeMounts ?? []).filter((m) => emptyDirs.has(m.name)).map((m) => m.mountPath),
    ports,
    probes,
    ...(live?.httpGet
      ? {
          liveness: {
            path: live.httpGet.path,
            port: portOf(live.httpGet.port),
            // the kubelet's defaults
            periodSeconds: live.periodSeconds ?? 10,
            timeoutSeconds: live.timeoutSeconds ?? 1,
            failureThreshold: live.failureThreshold ?? 3,
          },
        }
      : {}),
    ...(container.resources?.limits ? { limits: container.resources.limits } : {}),
    ...(container.resources?.requests ? { requests: container.resources.requests } : {}),
    ...(startup
      ? {
          startupBudgetSeconds:
            (startup.initialDelaySeconds ?? 0) + (startup.failureThreshold ?? 3) * (startup.periodSeconds ?? 10),
        }
      : {}),
    gracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
  };
}

/** podman arguments that run a container as the manifest says (host network stands in for the cluster's). */
function podmanArgs(pod: PodRun, hosts: string[]): string[] {
  const args = ['--network', 'host', '--user', pod.user, ...limitArgs(pod.limits)];
  if (pod.readOnly) args.push('--read-only');
  for (const mount of pod.tmpfs) args.push('--tmpfs', mount);
  for (const host of hosts) args.push('--add-host', `${host}:127.0.0.1`);
  for (const [key, value] of Object.entries(pod.env)) args.push('-e', `${key}=${value}`);
  return args;
}

async function start(name: string, image: string, pod: PodRun, hosts: string[] = []) {
  containers.push(name);
  const [entrypoint, ...rest] = pod.command;
  await podman([
    'run',
    '-d',
    '--name',
    name,
    ...podmanArgs(pod, hosts),
    ...(entrypoint ? ['--entrypoint', entrypoint] : []),
    image,
    ...rest,
  ]);
  return name;
}

async function waitReady(url: string, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  await eventually(
    timeoutMs / 1000,
    async () => {
      const status = await fetch(url)
        .then((response) => response.status)
        .catch(() => 0); // refused: not listening yet
      return status === 200;
    },
    { intervalMs: 25, context: () => `${url} did not answer 200` },
  );
  return Date.now() - started;
}

/** As the kubelet does: SIGTERM, then SIGKILL after the pod's grace period. */
async function stopGracefully(name: string, graceSeconds: number) {
  const started = Date.now();
  await podman(['stop', '--time', String(graceSeconds), name]);
  const exitCode = Number(await podman(['inspect', name, '--format', '{{.State.ExitCode}}']));
  return { exitCode, ms: Date.now() - started };
}

async function main() {
  await ensureTools();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'images-test-db-'));
  const db = await startLocalDatabase({ dataDir, database: 'taskboard', ephemeral: true });
  try {
    say('building images ...');
    const apiImage = await build(images.api, 'gateway-api/Dockerfile');
    const webImage = await build(images.web, 'web-client/Dockerfile');

    // The release as the cluster would get it: helm renders the chart, and every container below runs
    // with the env, command, user, filesystem and probes of its rendered manifest.
    const objects = render(
      {
        name: 'images-test',
        values: {
          global: { image: { tag: TAG } },
          'gateway-api': {
            externalDatabase: { existingSecret: '', url: db.url },
            networkPolicy: { database: { port: db.port } },
            session: { secret: 'images-test-session-secret-0123456789abcdef' },
          },
        },
      },
      flags.set!.flatMap((value) => ['--set', value]),
    );
    const job = podRun(objects, 'Job', names.migrationJob);
    const apiPod = podRun(objects, 'Deployment', names.api);
    const webPod = podRun(objects, 'Deployment', names.web);
    const apiPort = apiPod.ports.values().next().value!;
    const webPort = webPod.ports.values().next().value!;
    // The web client reaches the API by its Service name; on the host network that name is us.
    const apiHost = new URL(webPod.env.GATEWAY_API_URL ?? 'http://missing').hostname;

    // Migrations run from the API image, as the chart's hook Job runs them: no Prisma CLI or engine.
    const [jobEntrypoint, ...jobArgs] = job.command;
    const migrate = await podman([
      'run',
      '--rm',
      ...podmanArgs(job, []),
      ...(jobEntrypoint ? ['--entrypoint', jobEntrypoint] : []),
      images.api,
      ...jobArgs,
    ]);
    check(
      /applied \d+ migration/.test(migrate),
      `the migration Job's command runs from the gateway-api image (${migrate.split('\n').at(-1)})`,
    );

    const probe = async (pod: PodRun, service: string) => {
      let readyMs = 0;
      for (const { kind, path: probePath, port } of pod.probes) {
        const ms = await waitReady(`http://127.0.0.1:${port}${probePath}`);
        if (kind === 'readinessProbe') readyMs = ms;
        check(true, `${service} ${kind} GET ${probePath} on :${port} answers 200`);
      }
      return readyMs;
    };
    const startedApi = Date.now();
    const api = await start(`${TAG}-api`, images.api, apiPod);
    await probe(apiPod, 'gateway-api');
    const apiReadyMs = Date.now() - startedApi;

    const startedWeb = Date.now();
    const web = await start(`${TAG}-web`, images.web, webPod, [apiHost]);
    await probe(webPod, 'web-client');
    const webReadyMs = Date.now() - startedWeb;
    const page = await fetch(`http://127.0.0.1:${webPort}/`, { headers: { accept: 'text/html' } });
    check(page.status === 200 && (await page.text()).includes('<div id="root">'), 'web-client serves the app');

    // Through the web image's proxy to the API image and the database.
    const signUp = await fetch(`http://127.0.0.1:${webPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: SignUpInput!) { signUp(input: $input) { user { id name } } }',
        variables: { input: { email: 'images@example.com', name: 'Image Test', password: 'correct horse battery' } },
      }),
    });
    // production cookies are Secure (__Host-); this plain-HTTP check carries them by hand
    const cookie = signUp.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await fetch(`http://127.0.0.1:${webPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: '{ me { name } boards { totalCount } }' }),
    });
    const body = (await me.json()) as { data?: { me?: { name?: string }; boards?: { totalCount: number } } };
    check(
      signUp.status === 200 && body.data?.me?.name === 'Image Test' && body.data.boards?.totalCount === 0,
      'sign-up and a query through the web image reach the API image and the database',
    );
    check((await fetch(`http://127.0.0.1:${apiPort}/metrics`)).status === 200, 'gateway-api serves /metrics');

    for (const name of [api, web]) {
      const uid = await podman(['exec', name, 'id', '-u']);
      check(uid !== '0' && uid === apiPod.user.split(':')[0], `${name} runs as uid ${uid} (not root)`);
      const write = await podman(['exec', name, 'sh', '-c', 'touch /app/x 2>&1 || echo refused'], {
        allowFailure: true,
      });
      check(/refused|Read-only/.test(write), `${name}: the root filesystem is read-only`);
    }

    // Under load, with the chart's limits: the bench's board view straight to the API, then through
    // the web client's proxy (both watched). An OOM kill, an exit, or as many failed liveness probes
    // in a row as make the kubelet restart a pod fails the run.
    say('seeding the bench board view ...');
    const view = await seedBoardView(db.url, () => {});
    const watched = (name: string, pod: PodRun) => ({
      name,
      ...(pod.liveness
        ? { liveness: { ...pod.liveness, url: `http://127.0.0.1:${pod.liveness.port}${pod.liveness.path}` } }
        : {}),
    });
    const loads: { label: string; outcome: LoadOutcome }[] = [];
    const loadPhase = async (
      label: string,
      url: string,
      seconds: number,
      connections: number,
      watch: ReturnType<typeof watched>[],
    ) => {
      const { cookie, request } = await boardViewRequest(url, view);
      say(`${label}: ${connections} connections for ${seconds} s ...`);
      const outcome = await loadContainers({ podman, url, cookie, request, connections, seconds, watch });
      loads.push({ label, outcome });
      const { load } = outcome;
      check(
        load.errors === 0,
        `${label}: ${load.requestsPerSecond.toFixed(1)} req/s, p99 ${load.p99} ms, ${load.errors} errors${load.errors ? ` ${JSON.stringify(load.errorDetail)} ${load.firstBadBody ?? ''}` : ''}`,
      );
      const problems = loadProblems(outcome, watch);
      for (const w of outcome.watched) {
        const mine = problems.filter((p) => p.startsWith(w.name));
        check(
          mine.length === 0,
          mine.length
            ? mine.join('; ')
            : `${label}: ${w.name} survived: peak working set ${mib(w.max.workingSet)}, RSS ${mib(w.max.rssPeak)}, no OOM kill, no exit, liveness worst ${w.livenessSlowestMs} ms`,
        );
      }
    };
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const webUrl = `http://127.0.0.1:${webPort}`;
    await loadPhase('gateway-api board view', apiUrl, LOAD_SECONDS, CONNECTIONS, [watched(api, apiPod)]);
    if (loads[0]!.outcome.watched.some((w) => !w.state.running))
      throw new Error('gateway-api did not survive its load');
    await loadPhase(
      'web-client proxy board view',
      webUrl,
      Math.max(10, Math.round(LOAD_SECONDS / 3)),
      CONNECTIONS / 2,
      [watched(web, webPod), watched(api, apiPod)],
    );

    const webStop = await stopGracefully(web, webPod.gracePeriodSeconds);
    check(
      webStop.exitCode === 0,
      `web-client stopped on SIGTERM with exit code ${webStop.exitCode} in ${webStop.ms} ms`,
    );
    const apiStop = await stopGracefully(api, apiPod.gracePeriodSeconds);
    check(
      apiStop.exitCode === 0,
      `gateway-api stopped on SIGTERM with exit code ${apiStop.exitCode} in ${apiStop.ms} ms`,
    );

    // Start-up under the CPU limit with every core of the machine busy (a loaded node): the figures
    // the startup probe's failureThreshold x periodSeconds must cover.
    const startupUnderLoad = async (name: string, image: string, pod: PodRun, hosts: string[] = [], busy = true) => {
      const [up, ready] = [
        pod.probes.find((p) => p.kind === 'startupProbe'),
        pod.probes.find((p) => p.kind === 'readinessProbe'),
      ];
      const hog = busy ? hogCpus() : { stop: () => {} };
      try {
        const started = Date.now();
        await start(name, image, pod, hosts);
        return await waitStartup(
          started,
          `http://127.0.0.1:${up!.port}${up!.path}`,
          `http://127.0.0.1:${ready!.port}${ready!.path}`,
        );
      } finally {
        hog.stop();
        await podman(['rm', '--force', '--time', '0', name], { allowFailure: true });
      }
    };
    const apiBusy: Startup = await startupUnderLoad(`${TAG}-api-busy`, images.api, apiPod);
    const webBusy: Startup = await startupUnderLoad(`${TAG}-web-busy`, images.web, webPod, [apiHost]);
    // ... and with only its CPU request (what a pod gets when every pod of the node uses its requests)
    const atRequest = { ...apiPod, limits: { ...apiPod.limits, cpu: apiPod.requests?.cpu ?? apiPod.limits?.cpu } };
    const apiAtRequest: Startup = await startupUnderLoad(`${TAG}-api-request`, images.api, atRequest, [], false);

    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
    const base = Number(await podman(['image', 'inspect', BASE_IMAGE, '--format', '{{.Size}}']));
    const limits = (pod: PodRun) => `${pod.limits?.cpu ?? '-'} CPU, ${pod.limits?.memory ?? '-'}`;
    console.log(
      '\n| image | size | of which base image | limits | ready after `podman run` | same, all cores busy | build |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    console.log(
      `| gateway-api | ${mb(apiImage.size)} | ${mb(base)} | ${limits(apiPod)} | ${apiReadyMs} ms | ${apiBusy.readyMs} ms (up ${apiBusy.upMs}) | ${apiImage.seconds.toFixed(0)} s |`,
    );
    console.log(
      `| web-client | ${mb(webImage.size)} | ${mb(base)} | ${limits(webPod)} | ${webReadyMs} ms | ${webBusy.readyMs} ms (up ${webBusy.upMs}) | ${webImage.seconds.toFixed(0)} s |`,
    );
    // printed, not checked: wall-clock figures vary with the machine (the chart README has the derivation)
    const budget = (service: string, pod: PodRun, how: string, s: Startup) =>
      say(
        `${service}: the startup probe allows ${pod.startupBudgetSeconds} s; up in ${(s.upMs / 1000).toFixed(1)} s, ready in ${(s.readyMs / 1000).toFixed(1)} s ${how} (${(pod.startupBudgetSeconds! / (s.upMs / 1000)).toFixed(1)}x)`,
      );
    budget('gateway-api', apiPod, `under its ${apiPod.limits?.cpu} CPU limit, every core busy`, apiBusy);
    budget('gateway-api', apiPod, `at its ${apiPod.requests?.cpu} CPU request`, apiAtRequest);
    budget('web-client', webPod, `under its ${webPod.limits?.cpu} CPU limit, every core busy`, webBusy);
    console.log(
      '\n| load | container | req/s | p99 | working set / RSS before | peak working set / RSS | OOM kills | running | slowest liveness |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const { label, outcome } of loads) {
      for (const w of outcome.watched) {
        const idle = w.idle ? `${mib(w.idle.workingSet)} / ${mib(w.idle.rss ?? Number.NaN)}` : '-';
        console.log(
          `| ${label}, ${outcome.seconds.toFixed(0)} s | ${w.name.replace(`${TAG}-`, '')} | ${outcome.load.requestsPerSecond.toFixed(1)} | ${outcome.load.p99} ms | ${idle} | ${mib(w.max.workingSet)} / ${mib(w.max.rssPeak)} | ${w.oomKills} | ${w.state.running} | ${w.livenessSlowestMs} ms |`,
        );
      }
    }
  } finally {
    for (const name of containers) await podman(['rm', '--force', '--time', '0', name], { allowFailure: true });
    await podman(['rmi', '--force', images.api, images.web], { allowFailure: true });
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  if (problems.length) {
    console.error(`\nimages:test FAILED:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('\nimages:test: both images build, run hardened, serve, and stop cleanly');
}

main().catch((error: unknown) => {
  if (problems.length) console.error(`\nimages:test FAILED:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  console.error(`images:test: ${error instanceof Error ? error.message : String(error)}`);
  for (const name of containers) spawnSync('podman', ['rm', '--force', '--time', '0', name]);
  process.exit(1);
});
