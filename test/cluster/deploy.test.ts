// The chart and the deploy workflow on a real Kubernetes API server, in the order an operator goes:
// deploy/helm/README.md's namespace and database Secret (its own commands), server-side validation and
// Pod Security admission of every chart-test scenario, then the deploy workflow's command (install,
// helm test, upgrade, a failed migration rolled back) and helm uninstall. Each test needs the ones before
// it; a failure makes the later ones fail too, never skip.
//
// Two clusters run it (test/cluster/global-setup.ts): here, kube-apiserver with kwok's simulated node (no
// container runs: pods become Ready, Job pods complete); in CI's kind job, real pods with the real images
// and MySQL 8.4 outside the cluster (then the CLUSTER_TEST_* variables below say where things are).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CHART_DIR, type K8sObject, names, pods, REPO_ROOT, render, RELEASE, SCENARIOS, SHA } from '../helm/support.js';
import { KUBERNETES_VERSION, KWOK_FAILING_SECRET } from './support/control-plane.js';
import {
  bash,
  cluster,
  clusterEnv,
  helm,
  kubectl,
  kubectlJson,
  kubectlOk,
  runAsync,
  type Result,
} from './support/kube.js';

const c = cluster();

// --- what the deploy workflow does ----------------------------------------------------------------

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}
const workflow = parse(readFileSync(path.join(REPO_ROOT, '.github/workflows/deploy.yml'), 'utf8')) as {
  jobs: { deploy: { env: Record<string, string>; steps: Step[] } };
};
const deployJob = workflow.jobs.deploy;
const deployStep = deployJob.steps.find((s) => s.name === 'Deploy');
const smokeStep = deployJob.steps.find((s) => s.name?.startsWith('Smoke test'));
/** The value a job variable has when the repository sets none: `${{ vars.X || 'default' }}`. */
function workflowDefault(name: string): string {
  const found = /\|\|\s*'([^']*)'\s*}}$/.exec(deployJob.env[name] ?? '');
  if (!found) throw new Error(`deploy.yml's deploy job has no default for ${name}: ${deployJob.env[name]}`);
  return found[1]!;
}
const NAMESPACE = workflowDefault('NAMESPACE');
const VALUES_FILE = workflowDefault('VALUES_FILE');

// --- deploy/helm/README.md, followed as written -------------------------------------------------

const README = readFileSync(path.join(CHART_DIR, 'README.md'), 'utf8');

/** The text of README section `### <number>. ...` up to the next heading. */
function readmeStep(number: number): string {
  const start = README.indexOf(`\n### ${number}. `);
  if (start < 0) throw new Error(`deploy/helm/README.md has no section "### ${number}. "`);
  const rest = README.slice(start + 1);
  const end = rest.slice(4).search(/\n#{2,3} /);
  return end < 0 ? rest : rest.slice(0, end + 4);
}

function shellBlocks(text: string): string[] {
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

// --- the cluster this runs on ---------------------------------------------------------------------

/** Real containers (CI's kind job): where the images, the database and the Ingress are. */
interface RealCluster {
  imageRepository: string;
  tags: [string, string];
  database: { host: string; port: string; name: string; user: string; password: string };
  /** mysql://... as this process reaches the same database */
  databaseUrl: string;
  /** https://host:port where Traefik's websecure entry point answers */
  ingressUrl: string;
}

function realCluster(): RealCluster {
  const env = process.env;
  const required = [
    'CLUSTER_TEST_IMAGE_REPOSITORY',
    'CLUSTER_TEST_IMAGE_TAGS',
    'CLUSTER_TEST_MYSQL_HOST',
    'CLUSTER_TEST_MYSQL_PORT',
    'CLUSTER_TEST_MYSQL_DATABASE',
    'CLUSTER_TEST_MYSQL_USER',
    'CLUSTER_TEST_MYSQL_PASSWORD',
    'CLUSTER_TEST_MYSQL_URL',
    'CLUSTER_TEST_INGRESS_URL',
  ];
  const missing = required.filter((name) => !env[name]);
  const tags = (env.CLUSTER_TEST_IMAGE_TAGS ?? '').split(',');
  if (missing.length > 0 || tags.length !== 2) {
    throw new Error(
      `KUBECONFIG's cluster runs real containers, so npm run test:cluster needs to know where the images, the ` +
        `database and the Ingress are: set ${missing.join(', ') || 'CLUSTER_TEST_IMAGE_TAGS to two tags'} ` +
        '(.github/workflows/ci.yml, job "cluster", shows every one).',
    );
  }
  return {
    imageRepository: env.CLUSTER_TEST_IMAGE_REPOSITORY!,
    tags: [tags[0]!, tags[1]!],
    database: {
      host: env.CLUSTER_TEST_MYSQL_HOST!,
      port: env.CLUSTER_TEST_MYSQL_PORT!,
      name: env.CLUSTER_TEST_MYSQL_DATABASE!,
      user: env.CLUSTER_TEST_MYSQL_USER!,
      password: env.CLUSTER_TEST_MYSQL_PASSWORD!,
    },
    databaseUrl: env.CLUSTER_TEST_MYSQL_URL!,
    ingressUrl: env.CLUSTER_TEST_INGRESS_URL!,
  };
}

const real = c.simulated ? undefined : realCluster();
const IMAGE_REPOSITORY = real?.imageRepository ?? 'Example/Taskboard';
const [TAG_A, TAG_B] = real?.tags ?? [SHA, 'fedcba9876543210fedcba9876543210fedcba98'];
/**
 * What the deploy adds on top of the workflow's command, and why: MySQL 8.4's certificate in CI is the
 * server's own self-signed one, which values-clever.yaml's verification rightly refuses (TLS stays on).
 */
const EXTRA_HELM_ARGS = real ? ['--set', 'gateway-api.externalDatabase.tls.rejectUnauthorized=false'] : [];

/** The add-on's variables: a password with every character a shell or an env file would mangle, on kwok. */
const addonVariables: Record<string, string> = real
  ? {
      MYSQL_ADDON_DB: real.database.name,
      MYSQL_ADDON_HOST: real.database.host,
      MYSQL_ADDON_PASSWORD: real.database.password,
      MYSQL_ADDON_PORT: real.database.port,
      MYSQL_ADDON_ROLE: 'owner',
      MYSQL_ADDON_URI: `mysql://${real.database.user}:${real.database.password}@${real.database.host}:${real.database.port}/${real.database.name}`,
      MYSQL_ADDON_USER: real.database.user,
    }
  : {
      MYSQL_ADDON_DB: 'b7kzxq1oq2mcd8zdamcp',
      MYSQL_ADDON_HOST: 'b7kzxq1oq2mcd8zdamcp-mysql.services.clever-cloud.com',
      MYSQL_ADDON_PASSWORD: `p"a$s\\w 'o\`r=d#`,
      MYSQL_ADDON_PORT: '3306',
      MYSQL_ADDON_ROLE: 'owner',
      MYSQL_ADDON_URI:
        'mysql://u5tcgxdcwjtqwlns:xxx@b7kzxq1oq2mcd8zdamcp-mysql.services.clever-cloud.com:3306/b7kzxq1oq2mcd8zdamcp',
      MYSQL_ADDON_USER: 'u5tcgxdcwjtqwlns',
    };

/** As `clever addon env` prints it by default: NAME="value", sorted, double quotes always (clever-tools). */
function cleverEnvHuman(vars: Record<string, string>): string {
  return (
    Object.keys(vars)
      .sort()
      .map(
        (name) =>
          `${name}="${vars[name]!.replace(/(\\*)"/g, (_, slashes: string) => '\\'.repeat(slashes.length * 2 + 1) + '"')}"`,
      )
      .join('\n') + '\n'
  );
}

/** As `clever addon env -F json` prints it: one object, two-space indentation. */
function cleverEnvJson(vars: Record<string, string>): string {
  return JSON.stringify(vars, null, 2) + '\n';
}

// --- helpers --------------------------------------------------------------------------------------

const timings: Record<string, number> = {};
async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[name] = Math.round(performance.now() - started) / 1000;
  }
}

/** The workflow's Deploy step, its `run` as written, with the test's values for what GitHub provides. */
function deploy(tag: string, extraArgs: string[] = []): Promise<Result> {
  return runAsync(
    'bash',
    ['-euo', 'pipefail', '-c', `${deployStep!.run!.trim()} "$@"`, 'deploy', ...EXTRA_HELM_ARGS, ...extraArgs],
    {
      env: clusterEnv(c, {
        IMAGE_REPOSITORY,
        IMAGE_TAG: tag,
        NAMESPACE,
        VALUES_FILE,
        APP_HOST: '',
      }),
    },
  );
}

function ok(result: Result, what: string): string {
  if (result.status !== 0)
    throw new Error(`${what} failed (exit ${result.status}):\n${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

interface Meta {
  name: string;
  uid: string;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { kind: string; name: string }[];
}
interface JobObject {
  metadata: Meta;
  status: {
    succeeded?: number;
    failed?: number;
    startTime?: string;
    completionTime?: string;
    conditions?: { type: string; status: string }[];
  };
}
interface DeploymentObject {
  metadata: Meta;
  spec: {
    replicas: number;
    template: {
      spec: { containers: { image: string; env?: { valueFrom?: { secretKeyRef?: { name: string } } }[] }[] };
    };
  };
  status: { availableReplicas?: number; conditions?: { type: string; status: string }[] };
}
interface List<T> {
  items: T[];
}

const migrationJob = () => kubectlJson<JobObject>(c, ['-n', NAMESPACE, 'get', 'job', names.migrationJob]);
const deployments = () =>
  kubectlJson<List<DeploymentObject>>(c, [
    '-n',
    NAMESPACE,
    'get',
    'deployments',
    '-l',
    `app.kubernetes.io/instance=${RELEASE}`,
  ]).items;
const sessionSecret = () =>
  kubectlOk(c, ['-n', NAMESPACE, 'get', 'secret', names.api, '-o', 'jsonpath={.data.SESSION_SECRET}']);
const seconds = (time: string | undefined) => (time ? Date.parse(time) / 1000 : NaN);

async function eventually<T>(what: string, timeoutSeconds: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let last: unknown;
  for (;;) {
    try {
      const result = await attempt();
      if (result !== undefined) return result;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not after ${timeoutSeconds} s${last ? ` (${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface Revision {
  revision: number;
  status: string;
  description: string;
}
async function helmHistory(): Promise<Revision[]> {
  return JSON.parse(
    ok(await helm(c, ['history', RELEASE, '-n', NAMESPACE, '-o', 'json']), 'helm history'),
  ) as Revision[];
}

/** An HTTPS request to Traefik as a browser for `host` makes it (Traefik's own certificate: no cert-manager here). */
function throughIngress(
  url: string,
  host: string,
  request: { method: string; path: string; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(request.path, url),
      {
        method: request.method,
        servername: host,
        rejectUnauthorized: false,
        headers: { host, 'content-type': 'application/json' },
        timeout: 10_000,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(request.body);
  });
}

interface ReplicaSetObject {
  metadata: Meta;
  spec: { template: { spec: { containers: { image: string }[] } } };
}

// --------------------------------------------------------------------------------------------------

describe(`deploy/helm on Kubernetes (${c.simulated ? 'kwok: no container runs' : 'real containers'})`, () => {
  let createdNamespace = false;

  beforeAll(() => {
    if (!deployStep?.run || !smokeStep?.run) throw new Error('deploy.yml has no "Deploy" or "Smoke test" step');
    // Another cluster than ours: never touch a namespace that was there before (a production one).
    if (!c.local && kubectl(c, ['get', 'namespace', NAMESPACE]).status === 0) {
      throw new Error(
        `namespace ${NAMESPACE} already exists in KUBECONFIG's cluster (${c.kubeconfig}); npm run test:cluster installs ` +
          'and uninstalls my-app there. Point KUBECONFIG at a throwaway cluster, or unset it to use a local control plane.',
      );
    }
  });

  // After a failure the namespace stays, for whoever collects its pods' logs and events (CI's kind job).
  let failed = false;
  afterEach(({ task }) => {
    if (task.result?.state === 'fail') failed = true;
  });

  afterAll(() => {
    console.log(`test:cluster timings (s): ${JSON.stringify(timings)}`);
    const artifacts = path.join(import.meta.dirname, 'artifacts');
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(path.join(artifacts, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    if (createdNamespace && !c.local && !failed) kubectl(c, ['delete', 'namespace', NAMESPACE, '--wait=false']);
  });

  it(`runs on Kubernetes ${c.local ? KUBERNETES_VERSION : '>= 1.30 (the chart needs it)'}`, () => {
    if (c.local) expect(c.serverVersion).toBe(KUBERNETES_VERSION);
    const [major, minor] = c.serverVersion.replace(/^v/, '').split('.').map(Number);
    expect(major! > 1 || minor! >= 30).toBe(true);
  });

  it('deploy.yml deploys with scripts/cluster/deploy.sh, from the commit and repository GitHub gives it', () => {
    expect(deployStep!.run!.trim()).toBe('scripts/cluster/deploy.sh');
    expect(deployStep!.env).toEqual({ IMAGE_REPOSITORY: '${{ github.repository }}', IMAGE_TAG: '${{ github.sha }}' });
    expect([NAMESPACE, VALUES_FILE]).toEqual(['taskboard', 'deploy/helm/values-clever.yaml']);
  });

  it('README step 5 creates the namespace with Pod Security "restricted" enforced, audited and warned about', async () => {
    const blocks = shellBlocks(readmeStep(5));
    expect(blocks).toHaveLength(1);
    createdNamespace = true;
    ok(await bash(c, blocks[0]!), 'README step 5');
    const labels = kubectlJson<{ metadata: Meta }>(c, ['get', 'namespace', NAMESPACE]).metadata.labels ?? {};
    for (const mode of ['enforce', 'audit', 'warn']) {
      expect(labels[`pod-security.kubernetes.io/${mode}`], mode).toBe('restricted');
    }
  });

  it("README step 6 makes the database Secret from `clever addon env`'s output, every value byte for byte", async () => {
    const [block, ...others] = shellBlocks(readmeStep(6));
    expect(others).toEqual([]);
    const lines = block!.split('\n');
    // The first line is the one command this machine cannot run; the test writes its output instead.
    const clever = lines[0]!.replace(/\s+#.*$/, '');
    expect(clever).toBe('clever addon env taskboard-db -F json > mysql.json');
    const dir = mkdtempSync(path.join(tmpdir(), 'readme-step-6-'));
    writeFileSync(path.join(dir, 'mysql.json'), cleverEnvJson(addonVariables));
    try {
      ok(await bash(c, lines.slice(1).join('\n'), { cwd: dir }), 'README step 6');
      expect(readdirSync(dir)).toEqual([]); // the step removes the file with the credentials
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const secret = kubectlJson<{ data: Record<string, string> }>(c, [
      '-n',
      NAMESPACE,
      'get',
      'secret',
      'taskboard-mysql',
    ]);
    const decoded = Object.fromEntries(
      Object.entries(secret.data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
    );
    expect(decoded).toEqual(addonVariables);
    // Nothing of the values is kept in clear beside the data (kubectl apply would keep an annotation).
    expect(kubectlOk(c, ['-n', NAMESPACE, 'get', 'secret', 'taskboard-mysql', '-o', 'yaml'])).not.toContain(
      addonVariables.MYSQL_ADDON_HOST,
    );
  });

  it("why step 6 does not use --from-env-file: it keeps clever addon env's double quotes in the values", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'env-file-'));
    writeFileSync(path.join(dir, 'mysql.env'), cleverEnvHuman(addonVariables));
    const out = ok(
      await bash(
        c,
        'kubectl -n "$NS" create secret generic quoted --from-env-file=mysql.env --dry-run=server -o json',
        {
          cwd: dir,
          env: { NS: NAMESPACE },
        },
      ),
      'kubectl create secret --from-env-file',
    );
    rmSync(dir, { recursive: true, force: true });
    const host = Buffer.from((JSON.parse(out) as { data: Record<string, string> }).data.MYSQL_ADDON_HOST!, 'base64');
    expect(host.toString()).toBe(`"${addonVariables.MYSQL_ADDON_HOST}"`);
  });

  it('README step 7 creates the GHCR pull Secret (placeholders filled in)', async () => {
    const [block] = shellBlocks(readmeStep(7));
    const filled = block!
      .replace(/<github user>/g, 'taskboard-ci')
      .replace(/<[^>]*token[^>]*>/g, 'ghp_not-a-real-token');
    expect(filled).not.toMatch(/<[^>]+>/);
    ok(await bash(c, filled), 'README step 7');
    expect(kubectlOk(c, ['-n', NAMESPACE, 'get', 'secret', 'ghcr-pull', '-o', 'jsonpath={.type}'])).toBe(
      'kubernetes.io/dockerconfigjson',
    );
  });

  describe('kubectl apply --dry-run=server --server-side of every chart-test scenario (test/helm)', () => {
    it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s: valid, admitted, no warning', (_, scenario) => {
      const objects = render(scenario);
      const manifest = objects.map((o) => stringify(o)).join('---\n');
      // The API server admits a pod only if its ServiceAccount exists, and a dry run creates nothing: the
      // scenario's ServiceAccounts exist for the length of the check (helm test's pod names one).
      const accounts = JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: objects.filter((o) => o.kind === 'ServiceAccount'),
      });
      kubectlOk(c, ['create', '-f', '-'], accounts);
      try {
        const result = kubectl(
          c,
          ['apply', '--dry-run=server', '--server-side', '--field-manager=test-cluster', '-n', NAMESPACE, '-f', '-'],
          manifest,
        );
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        expect(result.stdout.trim().split('\n')).toHaveLength(objects.length);
        // PodSecurity only warns about a Deployment's or Job's template; enforce applies to pods. Every
        // template, as the pod its controller would create, must be admitted too.
        for (const { object, labels, spec } of pods(objects)) {
          if (object.kind === 'Pod') continue;
          const pod = {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: `${object.metadata.name}-template`, namespace: NAMESPACE, labels },
            spec: { ...spec, restartPolicy: object.kind === 'Job' ? 'Never' : 'Always' },
          };
          const created = kubectl(c, ['create', '--dry-run=server', '-f', '-'], JSON.stringify(pod));
          expect(created.stderr, `${object.kind}/${object.metadata.name}'s pod`).toBe('');
          expect(created.status).toBe(0);
        }
      } finally {
        kubectlOk(c, ['delete', '-f', '-'], accounts);
      }
    });
  });

  it('admission is on: the chart pod made non-compliant is refused, its Deployment warned about and audited', async () => {
    const objects = render(SCENARIOS[0]!);
    const web = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === names.web)!;
    const broken = structuredClone(web) as K8sObject & {
      spec: { template: { spec: { containers: { securityContext: Record<string, unknown> }[] } } };
    };
    broken.metadata.name = 'privilege-escalation';
    broken.spec.template.spec.containers[0]!.securityContext.allowPrivilegeEscalation = true;
    const deployment = kubectl(
      c,
      ['apply', '--dry-run=server', '--server-side', '-n', NAMESPACE, '-f', '-'],
      JSON.stringify(broken),
    );
    expect(deployment.status).toBe(0); // a template is only warned about...
    expect(deployment.stderr).toMatch(
      /Warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false/,
    );

    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'privilege-escalation', namespace: NAMESPACE },
      // the namespace's own account: the chart's does not exist here, and that is not what is tested
      spec: { ...broken.spec.template.spec, serviceAccountName: 'default' },
    };
    const refused = kubectl(c, ['create', '--dry-run=server', '-f', '-'], JSON.stringify(pod));
    expect(refused.status).not.toBe(0); // ...a pod is refused
    expect(refused.stderr).toMatch(
      /forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false/,
    );

    if (c.auditLog) {
      // audit=restricted: the API server's audit log records the violation (only a cluster started here
      // gives the test its audit log).
      const auditLog = c.auditLog;
      const event = await eventually('the audit event of the non-compliant Deployment', 30, async () =>
        readFileSync(auditLog, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map(
            (line) =>
              JSON.parse(line) as {
                objectRef?: { resource?: string; name?: string };
                annotations?: Record<string, string>;
              },
          )
          .find(
            (e) =>
              e.objectRef?.resource === 'deployments' &&
              e.objectRef.name === 'privilege-escalation' &&
              e.annotations?.['pod-security.kubernetes.io/audit-violations'],
          ),
      );
      expect(event.annotations!['pod-security.kubernetes.io/audit-violations']).toMatch(
        /allowPrivilegeEscalation != false/,
      );
    }
  });

  let installed: { job: JobObject; session: string };

  it("installs with the deploy workflow's command: the migration Job completes before the Deployments exist, both become Available", async () => {
    const result = await timed('install', () => deploy(TAG_A));
    ok(result, 'scripts/cluster/deploy.sh (install)');
    const job = migrationJob();
    expect(job.status.succeeded).toBe(1);
    const created = deployments();
    expect(created.map((d) => d.metadata.name).sort()).toEqual([names.api, names.web]);
    for (const d of created) {
      // to the second, the resolution of both timestamps (kwok keeps a Job pod running for 2 s)
      expect(
        seconds(d.metadata.creationTimestamp),
        `${d.metadata.name} created after the migration ended`,
      ).toBeGreaterThanOrEqual(seconds(job.status.completionTime));
      expect(d.status.conditions?.find((cond) => cond.type === 'Available')?.status).toBe('True');
      expect(d.status.availableReplicas).toBe(d.spec.replicas);
      for (const container of d.spec.template.spec.containers) {
        expect(container.image).toBe(
          `ghcr.io/${IMAGE_REPOSITORY.toLowerCase()}/${d.metadata.name.replace(`${RELEASE}-`, '')}:${TAG_A}`,
        );
      }
    }
    // What makes the order above mean something on kwok: its Job pods run 2 s, more than the resolution.
    if (c.simulated) expect(seconds(job.status.completionTime)).toBeGreaterThan(seconds(job.status.startTime));
    const session = sessionSecret();
    expect(Buffer.from(session, 'base64').toString().length).toBeGreaterThanOrEqual(32);
    installed = { job, session };
    if (real) {
      const logs = kubectlOk(c, ['-n', NAMESPACE, 'logs', `job/${names.migrationJob}`]);
      expect(logs).toMatch(/applied \d+ migration\(s\)|already up to date/);
    }
  });

  it("passes helm test (the deploy workflow's smoke test: a GraphQL query through the web client's Service)", async () => {
    // kwok serves no container logs, so there the workflow's --logs would fail after the test passed.
    const command = c.simulated ? smokeStep!.run!.replace(' --logs', '') : smokeStep!.run!;
    const result = await timed('helm test', () => bash(c, command, { env: { NAMESPACE } }));
    ok(result, command);
    expect(result.stdout).toMatch(new RegExp(`TEST SUITE:\\s+${names.testPod}[\\s\\S]*Phase:\\s+Succeeded`));
  });

  it('serves the app through its Ingress: the Services have ready endpoints; with real containers, GraphQL answers through Traefik', async () => {
    for (const service of [names.web, names.api]) {
      const readyEndpoints = () =>
        kubectlJson<List<{ endpoints?: { conditions: { ready: boolean } }[] }>>(c, [
          '-n',
          NAMESPACE,
          'get',
          'endpointslices',
          '-l',
          `kubernetes.io/service-name=${service}`,
        ])
          .items.flatMap((s) => s.endpoints ?? [])
          .filter((e) => e.conditions.ready).length;
      // The EndpointSlice controller follows the pods' readiness a moment after helm's --wait returns.
      const ready = await eventually(`${service}: two ready endpoints`, 60, async () =>
        readyEndpoints() === 2 ? 2 : undefined,
      ).catch(() => readyEndpoints());
      expect(ready, `${service}'s ready endpoints`).toBe(2);
    }
    const ingress = kubectlJson<{ spec: { rules: { host: string }[] } }>(c, [
      '-n',
      NAMESPACE,
      'get',
      'ingress',
      RELEASE,
    ]);
    const host = ingress.spec.rules[0]!.host;
    expect(host).toBe(parse(readFileSync(path.join(CHART_DIR, 'values-clever.yaml'), 'utf8')).ingress.host);
    if (real) {
      const ingressUrl = real.ingressUrl;
      const graphql = await eventually('a GraphQL answer through Traefik', 120, async () => {
        const answer = await throughIngress(ingressUrl, host, {
          method: 'POST',
          path: '/graphql',
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        return answer.status === 200 ? answer : undefined;
      });
      expect(JSON.parse(graphql.body)).toEqual({ data: { __typename: 'Query' } });
      const page = await throughIngress(ingressUrl, host, { method: 'GET', path: '/' });
      expect(page.status).toBe(200);
      expect(page.body).toMatch(/<!doctype html>/i);
      // The migration Job's work, seen from outside the cluster: every migration applied, none failed.
      const mariadb = (await import('mariadb')).default;
      const url = new URL(real.databaseUrl);
      const connection = await mariadb.createConnection({
        host: url.hostname,
        port: Number(url.port || 3306),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: url.pathname.slice(1),
        // MySQL 8.4's caching_sha2_password wants TLS or the server's RSA key for a first login
        allowPublicKeyRetrieval: true,
      });
      try {
        const rows = (await connection.query(
          'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations',
        )) as { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[];
        const migrations = readdirSync(path.join(REPO_ROOT, 'gateway-api/prisma/migrations'), { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => e.name);
        expect(rows.map((r) => r.migration_name).sort()).toEqual(migrations.sort());
        expect(rows.every((r) => r.finished_at && !r.rolled_back_at)).toBe(true);
      } finally {
        await connection.end();
      }
    }
  });

  it('an upgrade to a new image tag runs the migration hook again, before the new pods, and keeps the session secret', async () => {
    ok(await timed('upgrade', () => deploy(TAG_B)), 'scripts/cluster/deploy.sh (upgrade)');
    const job = migrationJob();
    expect(job.metadata.uid).not.toBe(installed.job.metadata.uid);
    expect(job.status.succeeded).toBe(1);
    const replicaSets = kubectlJson<List<ReplicaSetObject>>(c, [
      '-n',
      NAMESPACE,
      'get',
      'replicasets',
      '-l',
      `app.kubernetes.io/instance=${RELEASE}`,
    ]).items.filter((rs) => rs.spec.template.spec.containers.every((ct) => ct.image.endsWith(`:${TAG_B}`)));
    expect(replicaSets).toHaveLength(2);
    for (const rs of replicaSets) {
      expect(
        seconds(rs.metadata.creationTimestamp),
        `${rs.metadata.name} created after the migration ended`,
      ).toBeGreaterThanOrEqual(seconds(job.status.completionTime));
    }
    for (const d of deployments()) {
      expect(d.status.conditions?.find((cond) => cond.type === 'Available')?.status).toBe('True');
      expect(d.spec.template.spec.containers[0]!.image).toMatch(new RegExp(`:${TAG_B}$`));
    }
    expect(sessionSecret()).toBe(installed.session);
    expect((await helmHistory()).map((r) => r.status)).toEqual(['superseded', 'deployed']);
    if (real)
      expect(kubectlOk(c, ['-n', NAMESPACE, 'logs', `job/${names.migrationJob}`])).toMatch(/already up to date/);
  });

  it('a failing migration makes --rollback-on-failure put the previous revision back', async () => {
    // The database Secret with a password the database refuses (on kwok, a pod reading this Secret fails).
    const refused = { ...addonVariables, MYSQL_ADDON_PASSWORD: `refused-${randomBytes(6).toString('hex')}` };
    const literals = Object.entries(refused).map(([k, v]) => `--from-literal=${k}=${v}`);
    kubectlOk(c, ['-n', NAMESPACE, 'create', 'secret', 'generic', KWOK_FAILING_SECRET, ...literals]);
    const result = await timed('failed upgrade and rollback', () =>
      deploy(TAG_A, ['--set-string', `gateway-api.externalDatabase.existingSecret=${KWOK_FAILING_SECRET}`]),
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/pre-upgrade hooks failed/);
    expect(result.stderr).toMatch(/rolled back|rollback/i);
    const job = migrationJob();
    expect(job.status.conditions?.find((cond) => cond.type === 'Failed')?.status).toBe('True');
    const history = await helmHistory();
    expect(history.map((r) => r.status)).toEqual(['superseded', 'superseded', 'failed', 'deployed']);
    expect(history.at(-1)!.description).toMatch(/Rollback to 2/);
    for (const d of deployments()) {
      expect(d.status.conditions?.find((cond) => cond.type === 'Available')?.status).toBe('True');
      const container = d.spec.template.spec.containers[0]!;
      expect(container.image).toMatch(new RegExp(`:${TAG_B}$`));
      const secrets = (container.env ?? []).map((e) => e.valueFrom?.secretKeyRef?.name).filter(Boolean);
      expect(secrets).not.toContain(KWOK_FAILING_SECRET);
    }
    expect(sessionSecret()).toBe(installed.session);
    if (real) {
      const logs = kubectlOk(c, ['-n', NAMESPACE, 'logs', `job/${names.migrationJob}`]);
      expect(logs).toMatch(/Access denied|ER_ACCESS_DENIED/i);
    }
    kubectlOk(c, ['-n', NAMESPACE, 'delete', 'secret', KWOK_FAILING_SECRET]);
  });

  it('helm uninstall, as the README says, leaves exactly what the README says it leaves', async () => {
    const bullet = /^- \*\*Uninstall\*\*[\s\S]*?(?=\n- \*\*|\n\n)/m.exec(README)?.[0];
    if (!bullet) throw new Error('deploy/helm/README.md has no "- **Uninstall**" item under Operations');
    const command = /`(helm uninstall [^`]+)`/.exec(bullet)?.[1];
    if (!command) throw new Error(`the Uninstall item names no helm uninstall command:\n${bullet}`);
    const documented = [...bullet.matchAll(/`([a-z]+\/[a-z0-9][a-z0-9.-]*)`/g)].map((m) => m[1]!);
    ok(await timed('uninstall', () => bash(c, command)), command);

    // Deleting a Deployment leaves its pods to the garbage collector and their grace period.
    const instance = `app.kubernetes.io/instance=${RELEASE}`;
    await eventually("the release's pods gone", 180, async () => {
      const left = kubectlJson<List<{ metadata: Meta }>>(c, [
        '-n',
        NAMESPACE,
        'get',
        'pods,replicasets',
        '-l',
        instance,
      ]).items;
      const ours = left.filter(
        (o) => !o.metadata.ownerReferences?.some((r) => r.kind === 'Job') && o.metadata.name !== names.testPod,
      );
      return ours.length === 0 ? true : undefined;
    });

    const types = kubectlOk(c, ['api-resources', '--verbs=list', '--namespaced', '-o', 'name'])
      .split('\n')
      .filter((t) => t && !/^events(\.|$)/.test(t));
    const everything = kubectlJson<List<{ kind: string; metadata: Meta }>>(c, [
      '-n',
      NAMESPACE,
      'get',
      types.join(','),
    ]).items;
    const jobs = new Set(everything.filter((o) => o.kind === 'Job').map((o) => o.metadata.name));
    const left = everything
      // what Kubernetes puts in every namespace
      .filter((o) => !(o.kind === 'ServiceAccount' && o.metadata.name === 'default'))
      .filter((o) => !(o.kind === 'ConfigMap' && o.metadata.name === 'kube-root-ca.crt'))
      // a kept Job's pods go with it
      .filter(
        (o) => !(o.kind === 'Pod' && o.metadata.ownerReferences?.some((r) => r.kind === 'Job' && jobs.has(r.name))),
      )
      .map((o) => `${o.kind.toLowerCase()}/${o.metadata.name}`);
    expect(left.sort()).toEqual(documented.filter((d) => !d.startsWith('namespace/')).sort());
    if (documented.includes(`namespace/${NAMESPACE}`)) kubectlOk(c, ['get', 'namespace', NAMESPACE]);
  });
});
