// Shared by the chart tests: the real helm binary, the scenarios rendered from deploy/helm, and
// offline validation of every rendered object against Kubernetes' own schemas (kubernetes-models).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Pod, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHART_DIR = path.join(REPO_ROOT, 'deploy/helm');
export const RELEASE = 'my-app';
export const NAMESPACE = 'taskboard';

/** A commit SHA as the deploy workflow passes it. */
export const SHA = '0123456789abcdef0123456789abcdef01234567';

/** Distinctive values for every secret the tests put in values: they must never surface outside a Secret. */
export const FAKE = {
  dbPassword: 'fake-db-password-Zq7Kp2Wm',
  dbUrlPassword: 'fake-url-password-Xv4Ld9Tn',
  sessionSecret: 'fake-session-secret-Rb8Nc3Hy-0123456789abcdef',
  caPem: '-----BEGIN CERTIFICATE-----\nMIIFAKECERTIFICATEFORTESTSONLY\n-----END CERTIFICATE-----\n',
} as const;

// --- helm -------------------------------------------------------------------------------------

let helmPath: string | undefined;

/** The helm binary: on PATH, or where `go install` puts it. Its absence is a failure, not a skip. */
export function helmBinary(): string {
  if (helmPath) return helmPath;
  const onPath = spawnSync('sh', ['-c', 'command -v helm'], { encoding: 'utf8' }).stdout.trim();
  const gopath = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).stdout?.trim();
  const candidates = [
    onPath,
    gopath && path.join(gopath, 'bin', 'helm'),
    path.join(process.env.HOME ?? '', 'go', 'bin', 'helm'),
  ];
  helmPath = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!helmPath) {
    throw new Error(
      'helm is not installed (looked on PATH and in $(go env GOPATH)/bin). Run `sudo scripts/install-system-deps.sh` ' +
        '(it runs `go install helm.sh/helm/v4/cmd/helm@v4.3.1`).',
    );
  }
  return helmPath;
}

export interface HelmResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function helm(args: string[]): HelmResult {
  const result = spawnSync(helmBinary(), args, {
    encoding: 'utf8',
    cwd: REPO_ROOT,
    // No kubeconfig, no repositories, no plugins of the machine's user: the chart alone decides.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      KUBECONFIG: '/nonexistent',
      HELM_CACHE_HOME: path.join(tmpdir(), 'helm-test-cache'),
      HELM_CONFIG_HOME: path.join(tmpdir(), 'helm-test-config'),
      HELM_DATA_HOME: path.join(tmpdir(), 'helm-test-data'),
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

let valuesDir: string | undefined;

/** helm arguments for a scenario: its values files, then its values as one JSON file (JSON is YAML). */
export function valuesArgs(scenario: Scenario): string[] {
  valuesDir ??= mkdtempSync(path.join(tmpdir(), 'helm-values-'));
  const args: string[] = [];
  for (const file of scenario.files ?? []) args.push('--values', path.join(CHART_DIR, file));
  if (scenario.values) {
    const file = path.join(
      valuesDir,
      `${scenario.name.replace(/\W+/g, '-')}-${Math.random().toString(36).slice(2)}.json`,
    );
    writeFileSync(file, JSON.stringify(scenario.values));
    args.push('--values', file);
  }
  return args;
}

// --- scenarios ----------------------------------------------------------------------------------

export interface Scenario {
  name: string;
  /** values files relative to deploy/helm */
  files?: string[];
  values?: Record<string, unknown>;
}

const api = (values: Record<string, unknown>) => ({ 'gateway-api': values });

/** What the issue asks to lint and render, plus the chart-managed credential layouts. */
export const SCENARIOS: Scenario[] = [
  { name: 'defaults' },
  { name: 'clever', files: ['values-clever.yaml'], values: { global: { image: { tag: SHA } } } },
  {
    name: 'nginx ingress with the direct /graphql route',
    values: {
      global: { image: { tag: SHA }, ingressController: { namespace: 'ingress-nginx' } },
      ingress: {
        className: 'nginx',
        host: 'board.example.org',
        graphqlRoute: true,
        tls: { enabled: true, secretName: 'board-tls' },
      },
      ...api({ networkPolicy: { allowFromIngressController: true } }),
    },
  },
  {
    name: 'existingSecret with custom keys and TLS CA',
    values: {
      global: { image: { tag: SHA } },
      ...api({
        externalDatabase: {
          existingSecret: 'mysql-credentials',
          existingSecretKeys: { host: 'HOST', port: 'PORT', database: 'DB', user: 'USER', password: 'PASSWORD' },
          tls: { enabled: true, existingCaSecret: 'mysql-ca', caKey: 'ca.crt' },
        },
        session: { existingSecret: 'session-credentials', existingSecretKey: 'key' },
      }),
    },
  },
  {
    name: 'credentials in values (host/name/user/password, inline CA, explicit session secret)',
    values: {
      global: { image: { tag: SHA } },
      ...api({
        externalDatabase: {
          existingSecret: '',
          host: 'mysql.example.net',
          port: 3306,
          name: 'taskboard',
          user: 'taskboard',
          password: FAKE.dbPassword,
          tls: { enabled: true, ca: FAKE.caPem },
        },
        session: { secret: FAKE.sessionSecret },
      }),
    },
  },
  {
    name: 'credentials in values (url)',
    values: {
      global: { image: { tag: SHA } },
      ...api({
        externalDatabase: {
          existingSecret: '',
          url: `mysql://taskboard:${FAKE.dbUrlPassword}@mysql.example.net:3306/taskboard`,
        },
      }),
    },
  },
  {
    name: 'HPA on',
    values: {
      global: { image: { tag: SHA } },
      ...api({ autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 4 } }),
      'web-client': { autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 6 } },
    },
  },
  {
    name: 'NetworkPolicies off',
    values: {
      global: { image: { tag: SHA } },
      ...api({ networkPolicy: { enabled: false } }),
      'web-client': { networkPolicy: { enabled: false } },
    },
  },
];

export function scenario(name: string): Scenario {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`no scenario ${name}`);
  return found;
}

// --- rendering ----------------------------------------------------------------------------------

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

const rendered = new Map<string, K8sObject[]>();

/** `helm template` of a scenario (hooks and the test pod included), parsed; cached per scenario. */
export function render(s: Scenario, extraArgs: string[] = []): K8sObject[] {
  const key = `${s.name}\0${extraArgs.join('\0')}`;
  const cached = rendered.get(key);
  if (cached) return cached;
  const result = helm(['template', RELEASE, CHART_DIR, '--namespace', NAMESPACE, ...valuesArgs(s), ...extraArgs]);
  if (result.status !== 0) throw new Error(`helm template (${s.name}) failed:\n${result.stderr}`);
  const objects = parseManifests(result.stdout);
  rendered.set(key, objects);
  return objects;
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length) throw new Error(`rendered YAML does not parse: ${doc.errors[0]?.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null && typeof o === 'object');
}

/** The NOTES that `helm install` prints, rendered offline (--dry-run=client). */
export function renderNotes(s: Scenario): string {
  const result = helm(['install', RELEASE, CHART_DIR, '--namespace', NAMESPACE, '--dry-run=client', ...valuesArgs(s)]);
  if (result.status !== 0) throw new Error(`helm install --dry-run=client (${s.name}) failed:\n${result.stderr}`);
  const at = result.stdout.indexOf('\nNOTES:\n');
  if (at < 0) throw new Error('helm install printed no NOTES');
  return result.stdout.slice(at + '\nNOTES:\n'.length);
}

export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found)
    throw new Error(`no ${kind} ${name} in: ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

export const names = {
  api: `${RELEASE}-gateway-api`,
  web: `${RELEASE}-web-client`,
  migrationJob: `${RELEASE}-gateway-api-migrate`,
  migrationSecret: `${RELEASE}-gateway-api-migration`,
  testPod: `${RELEASE}-web-client-test-graphql`,
};

// --- Kubernetes schemas -------------------------------------------------------------------------

interface Model {
  validate(): void;
}
type ModelClass = new (data: never) => Model;

const MODELS: Record<string, ModelClass> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Pod': Pod,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
};

/** Validates one object against its Kubernetes OpenAPI schema; throws with the offending paths. */
export function validateObject(object: K8sObject): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`no schema known for ${object.apiVersion} ${object.kind}; add it to MODELS`);
  try {
    new Model(object as never).validate();
  } catch (error) {
    const details = (error as { errors?: { instancePath: string; message?: string }[] }).errors;
    const where = details?.map((e) => `${e.instancePath} ${e.message ?? ''}`).join('; ');
    throw new Error(`${object.kind}/${object.metadata.name} is not valid: ${where ?? (error as Error).message}`, {
      cause: error,
    });
  }
}

// --- pods ---------------------------------------------------------------------------------------

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: unknown[];
  ports?: { name?: string; containerPort: number }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[]; add?: string[] } };
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number }; exec?: unknown } };
  volumeMounts?: { name: string; mountPath: string }[];
}

export interface Probe {
  httpGet?: { path: string; port: string | number };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: Record<string, unknown> & { seccompProfile?: { type: string } };
  volumes?: { name: string; emptyDir?: unknown; secret?: { secretName: string; items?: { key: string }[] } }[];
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  terminationGracePeriodSeconds?: number;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
}

export interface PodTemplateOwner {
  object: K8sObject;
  labels: Record<string, string>;
  spec: PodSpec;
}

/** Every pod the release can run: Deployments' and Jobs' templates, and bare Pods (helm test). */
export function pods(objects: K8sObject[]): PodTemplateOwner[] {
  const result: PodTemplateOwner[] = [];
  for (const object of objects) {
    const spec = object.spec as Record<string, unknown> | undefined;
    if (object.kind === 'Pod') {
      result.push({ object, labels: object.metadata.labels ?? {}, spec: spec as unknown as PodSpec });
    } else if (object.kind === 'Deployment' || object.kind === 'Job') {
      const template = spec?.template as { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
      result.push({ object, labels: template.metadata?.labels ?? {}, spec: template.spec });
    }
  }
  return result;
}

export function onlyContainer(spec: PodSpec): Container {
  if (spec.containers.length !== 1) throw new Error(`expected one container, got ${spec.containers.length}`);
  return spec.containers[0]!;
}

/** A Secret's data, decoded. */
export function secretData(secret: K8sObject): Record<string, string> {
  const data = (secret.data ?? {}) as Record<string, string>;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
}

export function isHook(object: K8sObject): boolean {
  return Boolean(object.metadata.annotations?.['helm.sh/hook']);
}
