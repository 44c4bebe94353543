// A real Kubernetes control plane on 127.0.0.1 for `npm run test:cluster`: etcd, kube-apiserver,
// kube-controller-manager and kube-scheduler v1.36.3 as built by scripts/cluster/build-control-plane.sh,
// and kwok, which plays the kubelet of one fake Node: pods are scheduled, become Ready, Job pods complete,
// but no container runs. Each process logs to a file; stop() ends them all, and none outlives the test
// process even when it is killed (setpriv --pdeathsig).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
export const BUILD_SCRIPT = 'scripts/cluster/build-control-plane.sh';
export const KUBERNETES_VERSION = 'v1.36.3';
/** The annotation kwok manages nodes by; a cluster whose nodes all carry it runs no containers. */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';
/**
 * kwok runs no container, so nothing would notice wrong database credentials: a Job pod that reads its
 * credentials from a Secret of this name fails (exit code 1) instead of completing, as the real migration
 * does against a database that refuses the password (which is what the kind job in CI runs).
 */
export const KWOK_FAILING_SECRET = 'taskboard-mysql-refused';
/** Job pods run this long under kwok, so that "the hook finished before the Deployments were created"
 * shows at the API's one-second timestamp resolution. */
const KWOK_JOB_POD_MS = 2_000;

const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'kwok'] as const;

/** Where build-control-plane.sh keeps the binaries for the committed go.sum; throws when they are not built. */
export function controlPlaneBinDir(): string {
  const given = process.env.TASKBOARD_CONTROL_PLANE_BIN;
  const bin =
    given ??
    spawnSync('bash', [path.join(REPO_ROOT, BUILD_SCRIPT), '--print-bin-dir'], { encoding: 'utf8' }).stdout.trim();
  const missing = BINARIES.filter((name) => !existsSync(path.join(bin, name)));
  if (!bin || missing.length > 0 || (!given && !existsSync(path.join(bin, '..', 'complete')))) {
    throw new Error(
      `The Kubernetes control plane for npm run test:cluster is not built (${missing.join(', ') || 'incomplete'} ` +
        `missing in ${bin || '?'}). Build it with \`${BUILD_SCRIPT}\` (needs Go >= 1.26 and the Go module proxy; ` +
        '6-12 min on 2 cores the first time, cached afterwards; .ci/run does it), or set KUBECONFIG to a cluster.',
    );
  }
  return bin;
}

export interface ControlPlane {
  kubeconfig: string;
  /** the kubectl built from the same Kubernetes module */
  kubectl: string;
  logDir: string;
  /** the API server's audit log (JSON lines, every request at Metadata level) */
  auditLog: string;
  pids: number[];
  /** milliseconds from the first spawn to a Ready node */
  readyMs: number;
  stop(): Promise<void>;
}

interface Proc {
  name: string;
  child: ChildProcess;
  logFile: string;
  exited: Promise<void>;
}

// Not gateway-api/test-support's freePort: importing that module loads the whole API.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function tail(file: string, lines = 30): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

// When the test process dies without running stop() (kill -9, a crash), the kernel sends SIGKILL to
// every process it started: setpriv (util-linux) sets the parent-death signal, then execs the command.
const pdeathsig = spawnSync('setpriv', ['--pdeathsig', 'KILL', 'true']).status === 0;

function start(name: string, command: string, args: string[], logDir: string): Proc {
  const logFile = path.join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const [file, argv] = pdeathsig ? ['setpriv', ['--pdeathsig', 'KILL', '--', command, ...args]] : [command, args];
  const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => log.end(() => resolve())));
  return { name, child, logFile, exited };
}

async function stopProc(proc: Proc): Promise<void> {
  if (proc.child.exitCode === null && proc.child.signalCode === null) {
    proc.child.kill('SIGTERM');
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), 10_000);
    await proc.exited;
    clearTimeout(timer);
  }
}

/** GET over HTTPS; resolves with the status (0 when nothing answers). */
function httpsStatus(url: string, options: { ca?: string; token?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const request = https.get(
      url,
      {
        ca: options.ca,
        // the controller-manager's and scheduler's own self-signed serving certificates: only probed here
        rejectUnauthorized: Boolean(options.ca),
        headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
        timeout: 2_000,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', (error) => resolve({ status: 0, body: String(error) }));
  });
}

async function waitFor(
  what: string,
  procs: Proc[],
  seconds: number,
  check: () => Promise<string | true>,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const dead = procs.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
    if (dead) {
      throw new Error(`${dead.name} exited while waiting for ${what}:\n${await tail(dead.logFile)}\n(${dead.logFile})`);
    }
    const result = await check();
    if (result === true) return;
    if (Date.now() > deadline) {
      const logs = await Promise.all(procs.map(async (p) => `--- ${p.name}\n${await tail(p.logFile, 10)}`));
      throw new Error(`${what} not ready after ${seconds} s (last: ${result}):\n${logs.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** kwok's own "fast" stages (copied from the kwok module by the build script), plus this project's two. */
async function kwokStages(bin: string): Promise<string> {
  const dir = path.join(bin, '..', 'kwok-stages');
  const docs: Record<string, unknown>[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const doc of parseAllDocuments(await readFile(path.join(dir, file), 'utf8'))) {
      docs.push(doc.toJS() as Record<string, unknown>);
    }
  }
  type Stage = {
    metadata: { name: string };
    spec: {
      selector: { matchExpressions: { key: string; operator: string; values?: string[] }[] };
      delay?: unknown;
      next: { statusTemplate: string };
    };
  };
  const stages = docs as unknown as Stage[];
  const complete = stages.find((s) => s.metadata.name === 'pod-complete');
  if (!complete) throw new Error(`kwok's pod-complete stage is not in ${dir}`);
  const secretRefs = '.spec.containers.[].env.[].valueFrom.secretKeyRef.name';
  complete.spec.delay = { durationMilliseconds: KWOK_JOB_POD_MS };
  complete.spec.selector.matchExpressions.push({ key: secretRefs, operator: 'NotIn', values: [KWOK_FAILING_SECRET] });
  const running = [
    { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
    { key: '.status.phase', operator: 'In', values: ['Running'] },
  ];
  // `helm test` pods have no owner, so kwok's pod-complete leaves them running for ever.
  const helmTest = {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: 'pod-complete-helm-test' },
    spec: {
      resourceRef: { apiGroup: 'v1', kind: 'Pod' },
      selector: {
        matchExpressions: [
          ...running,
          { key: '.metadata.annotations["helm.sh/hook"]', operator: 'In', values: ['test'] },
        ],
      },
      next: complete.spec.next,
    },
  };
  const refused = {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: 'pod-fail-refused-credentials' },
    spec: {
      resourceRef: { apiGroup: 'v1', kind: 'Pod' },
      selector: {
        matchExpressions: [
          ...running,
          { key: '.metadata.ownerReferences.[].kind', operator: 'In', values: ['Job'] },
          { key: secretRefs, operator: 'In', values: [KWOK_FAILING_SECRET] },
        ],
      },
      delay: { durationMilliseconds: KWOK_JOB_POD_MS },
      next: {
        statusTemplate: complete.spec.next.statusTemplate
          .replace('exitCode: 0', 'exitCode: 1')
          .replace('reason: Completed', 'reason: Error')
          .replace('phase: Succeeded', 'phase: Failed'),
      },
    },
  };
  if (!refused.spec.next.statusTemplate.includes('phase: Failed')) {
    throw new Error("kwok's pod-complete template changed: the failing stage could not be derived from it");
  }
  return [...stages, helmTest, refused].map((s) => stringify(s)).join('---\n');
}

/**
 * Starts the control plane; resolves once a Node is Ready and pods can be created. Its state lives in a
 * temporary directory removed by stop(); the processes' logs (and the API server's audit log) go to
 * logDir, which is emptied first and kept.
 */
export async function startControlPlane(options: { logDir: string }): Promise<ControlPlane> {
  const bin = controlPlaneBinDir();
  const started = performance.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'taskboard-cluster-'));
  const { logDir } = options;
  const pki = path.join(dir, 'pki');
  await rm(logDir, { recursive: true, force: true });
  await mkdir(logDir, { recursive: true });
  await mkdir(pki, { mode: 0o700 });
  const procs: Proc[] = [];
  const stop = async () => {
    for (const proc of [...procs].reverse()) await stopProc(proc);
    if (process.env.TASKBOARD_CLUSTER_KEEP) console.log(`control plane files kept in ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  };

  try {
    const [etcdPort, peerPort, apiPort, cmPort, schedPort, kwokPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const token = randomBytes(24).toString('hex');
    await writeFile(path.join(pki, 'tokens.csv'), `${token},admin,admin,system:masters\n`, { mode: 0o600 });
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    await writeFile(path.join(pki, 'sa.pub'), publicKey);
    await writeFile(path.join(pki, 'sa.key'), privateKey, { mode: 0o600 });
    // Every request at Metadata level: the PodSecurity `audit` mode writes its findings as annotations here.
    await writeFile(
      path.join(dir, 'audit-policy.yaml'),
      stringify({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'Metadata' }] }),
    );

    const etcd = start(
      'etcd',
      path.join(bin, 'etcd'),
      [
        '--name=default',
        `--data-dir=${path.join(dir, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
        `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-cluster=default=http://127.0.0.1:${peerPort}`,
        // a throwaway cluster: durability buys nothing and fsyncs cost seconds on a busy disk
        '--unsafe-no-fsync',
        '--log-level=warn',
      ],
      logDir,
    );
    procs.push(etcd);
    await waitFor('etcd', procs, 60, async () => {
      try {
        const response = await fetch(`http://127.0.0.1:${etcdPort}/health`, { signal: AbortSignal.timeout(2_000) });
        const body = await response.text();
        return response.ok && body.includes('"health":"true"') ? true : `HTTP ${response.status} ${body}`;
      } catch (error) {
        return String(error);
      }
    });

    const apiserver = start(
      'kube-apiserver',
      path.join(bin, 'kube-apiserver'),
      [
        `--etcd-servers=http://127.0.0.1:${etcdPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        // no certificate given: it writes a self-signed one (and its CA) for 127.0.0.1 here
        `--cert-dir=${pki}`,
        // one API server, not in a Service's endpoints: nothing to reconcile
        '--endpoint-reconciler-type=none',
        `--token-auth-file=${path.join(pki, 'tokens.csv')}`,
        '--authorization-mode=RBAC',
        '--anonymous-auth=false',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${path.join(pki, 'sa.pub')}`,
        `--service-account-signing-key-file=${path.join(pki, 'sa.key')}`,
        '--service-cluster-ip-range=10.96.0.0/16',
        // PodSecurity is among the default admission plugins; named so that it is plainly on
        '--enable-admission-plugins=PodSecurity',
        `--audit-policy-file=${path.join(dir, 'audit-policy.yaml')}`,
        `--audit-log-path=${path.join(logDir, 'audit.jsonl')}`,
        '--profiling=false',
      ],
      logDir,
    );
    procs.push(apiserver);
    const caFile = path.join(pki, 'apiserver.crt');
    await waitFor('kube-apiserver', procs, 120, async () => {
      if (!existsSync(caFile)) return 'no certificate yet';
      const { status, body } = await httpsStatus(`https://127.0.0.1:${apiPort}/readyz`, {
        ca: readFileSync(caFile, 'utf8'),
        token,
      });
      return status === 200 ? true : `HTTP ${status} ${body.slice(0, 300)}`;
    });

    const kubeconfig = path.join(dir, 'kubeconfig');
    await writeFile(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          { name: 'local', cluster: { server: `https://127.0.0.1:${apiPort}`, 'certificate-authority': caFile } },
        ],
        users: [{ name: 'admin', user: { token } }],
        contexts: [{ name: 'local', context: { cluster: 'local', user: 'admin' } }],
        'current-context': 'local',
      }),
      { mode: 0o600 },
    );

    const controllerManager = start(
      'kube-controller-manager',
      path.join(bin, 'kube-controller-manager'),
      [
        `--kubeconfig=${kubeconfig}`,
        '--leader-elect=false',
        '--bind-address=127.0.0.1',
        `--secure-port=${cmPort}`,
        // no cloud, no pod CIDRs to hand out, no load balancers
        '--controllers=*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller',
        `--service-account-private-key-file=${path.join(pki, 'sa.key')}`,
        `--root-ca-file=${caFile}`,
        '--service-cluster-ip-range=10.96.0.0/16',
      ],
      logDir,
    );
    const scheduler = start(
      'kube-scheduler',
      path.join(bin, 'kube-scheduler'),
      [`--kubeconfig=${kubeconfig}`, '--leader-elect=false', '--bind-address=127.0.0.1', `--secure-port=${schedPort}`],
      logDir,
    );
    procs.push(controllerManager, scheduler);

    const stagesFile = path.join(dir, 'kwok-stages.yaml');
    await writeFile(stagesFile, await kwokStages(bin));
    const kwok = start(
      'kwok',
      path.join(bin, 'kwok'),
      [
        `--kubeconfig=${kubeconfig}`,
        `--config=${stagesFile}`,
        `--manage-nodes-with-annotation-selector=${KWOK_NODE_ANNOTATION}=fake`,
        `--server-address=127.0.0.1:${kwokPort}`,
        '--node-lease-duration-seconds=40',
        '--cidr=10.244.0.0/16',
      ],
      logDir,
    );
    procs.push(kwok);

    const kubectl = path.join(bin, 'kubectl');
    // No taint: the chart's pods carry no toleration, and nothing else could land here.
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'kwok-node-0',
        annotations: { [KWOK_NODE_ANNOTATION]: 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
        labels: { 'kubernetes.io/hostname': 'kwok-node-0', 'kubernetes.io/os': 'linux', type: 'kwok' },
      },
    };
    const created = spawnSync(kubectl, ['--kubeconfig', kubeconfig, 'create', '-f', '-'], {
      input: JSON.stringify(node),
      encoding: 'utf8',
    });
    if (created.status !== 0) throw new Error(`creating the kwok Node failed: ${created.stderr}`);

    const health = (port: number) => async () => {
      const { status, body } = await httpsStatus(`https://127.0.0.1:${port}/healthz`, {});
      return status === 200 ? true : `HTTP ${status} ${body.slice(0, 200)}`;
    };
    await waitFor('kube-controller-manager', procs, 60, health(cmPort));
    await waitFor('kube-scheduler', procs, 60, health(schedPort));
    // Ready node (kwok's node-initialize stage) and the default ServiceAccount (the controller-manager),
    // without which the ServiceAccount admission plugin refuses every pod.
    await waitFor('the kwok node and the default ServiceAccount', procs, 60, async () => {
      const result = spawnSync(
        kubectl,
        [
          '--kubeconfig',
          kubeconfig,
          'get',
          'node/kwok-node-0',
          'serviceaccount/default',
          '-o',
          'jsonpath={.items[0].status.conditions[?(@.type=="Ready")].status} {.items[1].metadata.name}',
        ],
        { encoding: 'utf8' },
      );
      return result.stdout.trim() === 'True default' ? true : (result.stdout + result.stderr).trim();
    });

    return {
      kubeconfig,
      kubectl,
      logDir,
      auditLog: path.join(logDir, 'audit.jsonl'),
      pids: procs.map((p) => p.child.pid!),
      readyMs: performance.now() - started,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Processes still running one of the control plane's binaries (there should be none after stop()). */
export function runningControlPlaneProcesses(bin: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const exe = readlinkSync(`/proc/${pid}/exe`);
      if (exe.startsWith(`${bin}/`)) found.push(`${pid} ${exe}`);
    } catch {
      // gone meanwhile, or not ours to look at
    }
  }
  return found;
}
