// Bad values never reach a cluster: the schemas reject wrong names and types, and validateValues
// rejects bad combinations, all listed in one readable message that names the value to change.
import { describe, expect, it } from 'vitest';
import {
  CHART_DIR,
  find,
  helm,
  NAMESPACE,
  names,
  onlyContainer,
  pods,
  RELEASE,
  render,
  valuesArgs,
} from './support.js';

/** The error `helm template` (and so `helm install`/`upgrade`) stops with. */
function renderError(values: Record<string, unknown>, chartDir = CHART_DIR): string {
  const result = helm(['template', RELEASE, chartDir, ...valuesArgs({ name: 'bad values', values })]);
  expect(result.status, 'helm template should have failed').not.toBe(0);
  return result.stderr;
}

/** Schema violations fail `helm lint` as well; validateValues' `fail` does not (lint only logs it). */
function lintFails(values: Record<string, unknown>): boolean {
  return helm(['lint', '--strict', CHART_DIR, ...valuesArgs({ name: 'bad values', values })]).status !== 0;
}

/** The problems listed by validateValues, without Helm's framing. */
function problems(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('  - '))
    .map((line) => line.slice(4));
}

describe('values.schema.json', () => {
  it('rejects unknown keys at any level, in the parent and the subcharts, naming each', () => {
    const values = {
      ingres: { enabled: true },
      ingress: { tlss: {} },
      'gateway-api': { externalDatabase: { passwrd: 'x' } },
      'web-client': { replicas: 3 },
    };
    expect(lintFails(values)).toBe(true);
    const stderr = renderError(values);
    expect(stderr).toContain("additional properties 'ingres' not allowed");
    expect(stderr).toContain("at '/ingress': additional properties 'tlss' not allowed");
    expect(stderr).toContain("at '/externalDatabase': additional properties 'passwrd' not allowed");
    expect(stderr).toContain("additional properties 'replicas' not allowed");
  });

  it('rejects wrong types and values the apps would refuse at start-up', () => {
    const stderr = renderError({
      'gateway-api': {
        config: { logLevel: 'verbose', shutdownTimeoutSeconds: 0 },
        externalDatabase: { existingSecret: '', url: 'postgres://u:p@h/d', poolSize: 500 },
        replicaCount: 'two',
      },
      'web-client': { image: { digest: 'sha256:nothex' } },
    });
    expect(stderr).toContain(
      "at '/config/logLevel': value must be one of 'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'",
    );
    expect(stderr).toMatch(/at '\/config\/shutdownTimeoutSeconds': minimum: got 0, want 1/);
    expect(stderr).toMatch(/at '\/externalDatabase\/url': 'postgres:\/\/u:p@h\/d' does not match pattern/);
    expect(stderr).toMatch(/at '\/externalDatabase\/poolSize': maximum: got 500, want 100/);
    expect(stderr).toMatch(/at '\/replicaCount': got string, want integer/);
    expect(stderr).toMatch(/at '\/image\/digest': 'sha256:nothex' does not match pattern/);
  });

  it('rejects a WebSocket timeout nginx could not use', () => {
    for (const [timeout, message] of [
      [0, /at '\/ingress\/webSocketTimeoutSeconds': minimum: got 0, want 1/],
      [1.5, /at '\/ingress\/webSocketTimeoutSeconds': got number, want integer/],
      ['1h', /at '\/ingress\/webSocketTimeoutSeconds': got string, want integer/],
    ] as const) {
      expect(renderError({ ingress: { webSocketTimeoutSeconds: timeout } })).toMatch(message);
    }
  });
});

describe('validateValues', () => {
  it('lists every bad combination of the release at once, under the path to change', () => {
    const stderr = renderError({
      global: { image: { tag: 'latest' } },
      ingress: { className: 'nginx', graphqlRoute: true, tls: { enabled: false, clusterIssuer: 'letsencrypt' } },
      'gateway-api': {
        podSecurityContext: { runAsUser: 0 },
        containerSecurityContext: { readOnlyRootFilesystem: false },
        session: { secret: 'too-short' },
        migration: { lockTimeoutSeconds: 600 },
      },
      'web-client': { terminationGracePeriodSeconds: 10 },
    });
    expect(stderr).toContain('my-app: 10 problem(s) with the values:');
    expect(problems(stderr)).toEqual([
      "ingress.graphqlRoute: gateway-api's NetworkPolicy would block the ingress controller; also set gateway-api.networkPolicy.allowFromIngressController=true",
      "ingress.tls.enabled: must be true when a cert-manager issuer is set (cert-manager issues the certificate named in the Ingress's tls section)",
      'global.ingressController.namespace: is "traefik" but ingress.className is "nginx", whose controller usually runs in "ingress-nginx"; the NetworkPolicies would block it (set the namespace your controller runs in)',
      'gateway-api.session.secret: must be at least 32 characters (the API refuses to start in production otherwise); e.g. `openssl rand -base64 48`, or leave it empty to have one generated',
      'gateway-api.migration.lockTimeoutSeconds: must be shorter than gateway-api.migration.activeDeadlineSeconds (420), or a runner waiting for the lock is killed before it can say so',
      'gateway-api.image.tag: the image tag (image.tag, else global.image.tag) is "latest", which names no fixed image; deploy an immutable tag, e.g. --set global.image.tag=$(git rev-parse HEAD)',
      'gateway-api.podSecurityContext.runAsUser: must be a non-zero numeric UID (restricted Pod Security Standard)',
      'gateway-api.containerSecurityContext.readOnlyRootFilesystem: must be true; the app writes only to /tmp, an emptyDir',
      'web-client.image.tag: the image tag (image.tag, else global.image.tag) is "latest", which names no fixed image; deploy an immutable tag, e.g. --set global.image.tag=$(git rev-parse HEAD)',
      'web-client.terminationGracePeriodSeconds: 10 is shorter than lifecycle.preStopSleepSeconds + config.shutdownTimeoutSeconds (25); in-flight requests would be killed. Leave it empty to have it computed',
    ]);
  });

  it('refuses two database sources, and says how to pick one', () => {
    const stderr = renderError({ 'gateway-api': { externalDatabase: { url: 'mysql://u:p@db:3306/board' } } });
    expect(problems(stderr)).toEqual([
      'gateway-api.externalDatabase: use exactly one way to reach the database, got existingSecret and url (to use url, set gateway-api.externalDatabase.existingSecret="")',
    ]);
  });

  it('refuses no database at all, and says what the choices are', () => {
    const stderr = renderError({ 'gateway-api': { externalDatabase: { existingSecret: '' } } });
    expect(problems(stderr)[0]).toMatch(
      /^gateway-api\.externalDatabase: no database configured; set externalDatabase\.existingSecret .*MYSQL_ADDON_HOST/,
    );
  });

  it("sizes V8's heap from the memory limit in NODE_OPTIONS, and refuses a NODE_OPTIONS of extraEnv then", () => {
    const nodeOptions = (values: Record<string, unknown>) => {
      const api = pods(
        render({ name: `nodeOptions ${JSON.stringify(values)}`, values: { 'gateway-api': values } }),
      ).find((p) => p.object.metadata.name === names.api)!;
      return onlyContainer(api.spec).env?.find((e) => e.name === 'NODE_OPTIONS')?.value;
    };
    // the defaults: 55 % of 448Mi
    expect(nodeOptions({})).toBe('--max-old-space-size=246 --max-semi-space-size=16');
    expect(nodeOptions({ resources: { limits: { memory: '1Gi' } } })).toBe(
      '--max-old-space-size=563 --max-semi-space-size=16',
    );
    // decimal units and plain bytes, as Kubernetes reads them
    expect(nodeOptions({ resources: { limits: { memory: '500M' } }, nodeOptions: { maxSemiSpaceSizeMiB: 0 } })).toBe(
      '--max-old-space-size=261',
    );
    expect(nodeOptions({ resources: { limits: { memory: 402653184 } } })).toBe(
      '--max-old-space-size=211 --max-semi-space-size=16',
    );
    expect(nodeOptions({ nodeOptions: { maxOldSpaceSizePercent: 0, maxSemiSpaceSizeMiB: 0 } })).toBeUndefined();
    expect(
      problems(
        renderError({ 'gateway-api': { extraEnv: [{ name: 'NODE_OPTIONS', value: '--max-old-space-size=512' }] } }),
      ),
    ).toEqual([
      'gateway-api.extraEnv: NODE_OPTIONS is set by the chart from its values; change the value that sets it instead',
    ]);
    expect(
      nodeOptions({
        nodeOptions: { maxOldSpaceSizePercent: 0, maxSemiSpaceSizeMiB: 0 },
        extraEnv: [{ name: 'NODE_OPTIONS', value: '--max-old-space-size=512' }],
      }),
    ).toBe('--max-old-space-size=512');
  });

  it('refuses a NetworkPolicy that would block the database port, and a pool the database cannot hold', () => {
    const stderr = renderError({
      'gateway-api': {
        externalDatabase: {
          existingSecret: '',
          host: 'db.example.net',
          port: 3307,
          name: 'board',
          user: 'board',
          password: 'x',
          maxConnections: 20,
        },
        autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 5 },
      },
    });
    expect(problems(stderr)).toEqual([
      'gateway-api.externalDatabase.poolSize: 10 connections x (5 replicas + 1 during a rollout) + 1 for the migration = 61, more than gateway-api.externalDatabase.maxConnections (20); lower poolSize or the replica count',
      'gateway-api.networkPolicy.database.port: is 3306 but the database listens on 3307; the NetworkPolicy would block it',
    ]);
  });

  it('refuses a PodDisruptionBudget that would block every node drain, and an Ingress without the web client', () => {
    const stderr = renderError({
      'gateway-api': { replicaCount: 1, pdb: { minAvailable: 1, maxUnavailable: '' } },
      'web-client': { enabled: false },
    });
    expect(problems(stderr)).toEqual([
      'ingress.enabled: the Ingress routes / to web-client, which is disabled; enable web-client or disable the Ingress',
      'gateway-api.pdb.minAvailable: 1 with 1 replica(s) forbids every voluntary eviction, so node drains and cluster upgrades would hang; use maxUnavailable: 1 or more replicas',
    ]);
  });

  it('keeps the web client pointed at the API Service when the API is renamed', () => {
    const stderr = renderError({ 'gateway-api': { fullnameOverride: 'api' } });
    expect(problems(stderr)).toEqual([
      'web-client.apiService.name: the web client would proxy to "my-app-gateway-api" but gateway-api\'s Service is "api"; set web-client.apiService.name=api',
    ]);
    const fixed = helm([
      'template',
      RELEASE,
      CHART_DIR,
      ...valuesArgs({
        name: 'renamed',
        values: { 'gateway-api': { fullnameOverride: 'api' }, 'web-client': { apiService: { name: 'api' } } },
      }),
    ]);
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(fixed.stdout).toContain('value: "http://api:4000/graphql"');
  });

  it('reports a standalone subchart’s problems under its own name', () => {
    const stderr = renderError(
      { externalDatabase: { existingSecret: '' }, image: { tag: 'latest' } },
      `${CHART_DIR}/charts/gateway-api`,
    );
    expect(stderr).toContain('gateway-api: 2 problem(s) with the values:');
    expect(problems(stderr).map((p) => p.split(':')[0])).toEqual(['externalDatabase', 'image.tag']);
  });
});

describe("a top-level image (the original design's `--set image.tag=$SHA`)", () => {
  const why =
    'because Helm passes global.* to both subcharts (gateway-api and web-client) and a top-level image would reach neither';

  it('is refused with one sentence naming global.image.tag, by helm template and helm install', () => {
    // Passed with --set exactly as the deploy command does, not through a values file.
    for (const command of [['template'], ['install', '--dry-run=client']]) {
      const result = helm([...command, RELEASE, CHART_DIR, '--namespace', NAMESPACE, '--set', 'image.tag=abc123']);
      expect(result.status, `helm ${command.join(' ')} should have failed`).not.toBe(0);
      expect(result.stderr).toContain('my-app: 1 problem(s) with the values:');
      expect(problems(result.stderr)).toEqual([
        `image.tag: this chart has no top-level image; set global.image.tag instead (--set global.image.tag=abc123), ${why}`,
      ]);
    }
  });

  it('says where its neighbours go too, one sentence per key', () => {
    const stderr = renderError({ image: { repository: 'ghcr.io/acme/board', pullPolicy: 'Always' } });
    expect(problems(stderr)).toEqual([
      'image.pullPolicy: this chart has no top-level image; set gateway-api.image.pullPolicy and web-client.image.pullPolicy instead (one per image), because a top-level image would reach neither subchart',
      `image.repository: this chart has no top-level image; set global.image.repository instead, ${why}`,
    ]);
    expect(problems(renderError({ image: 'ghcr.io/acme/board:abc123' }))).toEqual([
      `image: this chart has no top-level image; set global.image.registry, global.image.repository and global.image.tag instead, ${why}`,
    ]);
  });

  it('suggests --set-string for an all-digit short SHA, which --set would read as a number', () => {
    const result = helm(['template', RELEASE, CHART_DIR, '--set', 'image.tag=1234567']);
    expect(result.status).not.toBe(0);
    expect(problems(result.stderr)).toEqual([
      `image.tag: this chart has no top-level image; set global.image.tag instead (--set-string global.image.tag=1234567), ${why}`,
    ]);
  });

  it('the fix it names tags both Deployments and the migration Job', () => {
    const objects = render({ name: 'global.image.tag from --set' }, ['--set', 'global.image.tag=abc123']);
    const owners = [
      find(objects, 'Deployment', names.api),
      find(objects, 'Deployment', names.web),
      find(objects, 'Job', names.migrationJob),
    ];
    const images = pods(owners).map(({ object, spec }) => [object.kind, onlyContainer(spec).image]);
    expect(images).toEqual([
      ['Deployment', 'ghcr.io/example/taskboard/gateway-api:abc123'],
      ['Deployment', 'ghcr.io/example/taskboard/web-client:abc123'],
      ['Job', 'ghcr.io/example/taskboard/gateway-api:abc123'],
    ]);
  });
});
