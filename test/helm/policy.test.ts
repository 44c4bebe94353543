// Policies over everything the chart renders, in every scenario: hardened pods, resources, probes,
// immutable image tags, secrets only in Secrets, standard labels, selectors, hook ordering, and the
// wiring between objects (selectors, named ports, NetworkPolicy peers, Ingress backends).
import { describe, expect, it } from 'vitest';
import {
  FAKE,
  find,
  isHook,
  type K8sObject,
  names,
  onlyContainer,
  pods,
  RELEASE,
  render,
  renderNotes,
  scenario,
  SCENARIOS,
  SHA,
} from './support.js';

const STANDARD_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/version',
  'app.kubernetes.io/component',
  'app.kubernetes.io/managed-by',
  'helm.sh/chart',
];
const SELECTOR_KEYS = ['app.kubernetes.io/instance', 'app.kubernetes.io/name'];
/** Each secret value as it could leak: as given, and base64-encoded (what a Secret's data holds). */
const SECRET_NEEDLES = Object.values(FAKE).flatMap((value) => [value, Buffer.from(value).toString('base64')]);
/** Variables that carry credentials: never a literal value. */
const CREDENTIAL_ENV = /^(SESSION_SECRET|DATABASE_URL|MYSQL_ADDON_.*)$/;

const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe.each(SCENARIOS)('policies: $name', (s) => {
  const objects = render(s);
  const podOwners = pods(objects);

  it('runs every pod under the restricted Pod Security Standard, with a writable /tmp only', () => {
    expect(podOwners.map((p) => `${p.object.kind}/${p.object.metadata.name}`)).toEqual(
      expect.arrayContaining([
        `Deployment/${names.api}`,
        `Deployment/${names.web}`,
        `Job/${names.migrationJob}`,
        `Pod/${names.testPod}`,
      ]),
    );
    for (const { object, spec } of podOwners) {
      const where = `${object.kind}/${object.metadata.name}`;
      expect(spec.securityContext, where).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 1000,
        runAsGroup: 1000,
        fsGroup: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(spec.automountServiceAccountToken, where).toBe(false);
      expect([spec.hostNetwork, spec.hostPID, spec.hostIPC].filter(Boolean), where).toEqual([]);
      for (const volume of spec.volumes ?? []) expect(Object.keys(volume), where).not.toContain('hostPath');
      for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
        expect(container.securityContext, `${where} ${container.name}`).toMatchObject({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          readOnlyRootFilesystem: true,
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(container.securityContext?.capabilities?.drop, where).toContain('ALL');
        expect(container.securityContext?.capabilities?.add ?? [], where).toEqual([]);
        const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
        expect(tmp, `${where}: /tmp mount`).toBeDefined();
        expect(
          spec.volumes?.find((v) => v.name === tmp!.name)?.emptyDir,
          `${where}: /tmp is an emptyDir`,
        ).toBeDefined();
      }
    }
  });

  it('sets requests and a memory limit on every container', () => {
    for (const { object, spec } of podOwners) {
      for (const container of spec.containers) {
        const where = `${object.kind}/${object.metadata.name} ${container.name}`;
        expect(container.resources?.requests?.cpu, where).toBeTruthy();
        expect(container.resources?.requests?.memory, where).toBeTruthy();
        expect(container.resources?.limits?.memory, where).toBeTruthy();
      }
    }
  });

  it('deploys immutable image tags (never latest, never untagged), the SHA when one is given', () => {
    for (const { object, spec } of podOwners) {
      for (const container of spec.containers) {
        const where = `${object.kind}/${object.metadata.name}`;
        const match = /^(?<repository>[^@]+?):(?<tag>[\w][\w.-]{0,127})(@sha256:[a-f0-9]{64})?$/.exec(container.image);
        expect(match, `${where}: ${container.image} has a tag`).not.toBeNull();
        expect(match!.groups!.tag, where).not.toBe('latest');
        expect(match!.groups!.repository, where).toMatch(/^ghcr\.io\/[a-z0-9._/-]+\/(gateway-api|web-client)$/);
        if (s.values && JSON.stringify(s.values).includes(SHA)) expect(match!.groups!.tag, where).toBe(SHA);
      }
    }
  });

  it('probes the apps: startup and liveness on /healthz, readiness on /readyz, and drains before SIGTERM', () => {
    for (const name of [names.api, names.web]) {
      const { spec } = podOwners.find((p) => p.object.metadata.name === name)!;
      const container = onlyContainer(spec);
      expect(container.startupProbe?.httpGet, name).toEqual({ path: '/healthz', port: 'http' });
      expect(container.livenessProbe?.httpGet, name).toEqual({ path: '/healthz', port: 'http' });
      expect(container.readinessProbe?.httpGet, name).toEqual({ path: '/readyz', port: 'http' });
      const preStop = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
      expect(preStop, name).toBeGreaterThan(0);
      expect(spec.terminationGracePeriodSeconds, name).toBeGreaterThan(preStop);
    }
    // /readyz waits up to 2 s for the database: a shorter probe timeout reads a slow database as a dead pod.
    const api = onlyContainer(podOwners.find((p) => p.object.metadata.name === names.api)!.spec);
    expect(api.readinessProbe?.timeoutSeconds).toBeGreaterThanOrEqual(3);
  });

  it('keeps secret values inside Secrets: not in env literals, ConfigMaps, annotations or any other object', () => {
    for (const object of objects) {
      if (object.kind === 'Secret') continue;
      const text = JSON.stringify(object);
      for (const needle of SECRET_NEEDLES) {
        expect(text.includes(needle), `${object.kind}/${object.metadata.name} contains a secret value`).toBe(false);
      }
    }
    for (const { object, spec } of podOwners) {
      for (const variable of spec.containers.flatMap((c) => c.env ?? [])) {
        if (CREDENTIAL_ENV.test(variable.name)) {
          expect(variable.valueFrom?.secretKeyRef, `${object.metadata.name} ${variable.name}`).toBeDefined();
          expect(variable.value, `${object.metadata.name} ${variable.name}`).toBeUndefined();
        }
      }
    }
  });

  it('never prints a secret in the NOTES, and tells how to reach the app and check the rollout', () => {
    const notes = renderNotes(s);
    for (const needle of SECRET_NEEDLES) expect(notes).not.toContain(needle);
    expect(notes).toContain(`kubectl rollout status -n taskboard deployment/${names.api}`);
    expect(notes).toContain(`kubectl rollout status -n taskboard deployment/${names.web}`);
    expect(notes).toContain(`helm test ${RELEASE}`);
    expect(notes).toMatch(/https?:\/\/[a-z0-9.-]+\//);
  });

  it('labels every object (and pod template) with the standard labels', () => {
    for (const object of objects) {
      const labels = object.metadata.labels ?? {};
      for (const key of STANDARD_LABELS) {
        expect(labels[key], `${object.kind}/${object.metadata.name} ${key}`).toMatch(
          /^[A-Za-z0-9]([\w.-]{0,61}[A-Za-z0-9])?$/,
        );
      }
      expect(labels['app.kubernetes.io/instance']).toBe(RELEASE);
      expect(labels['app.kubernetes.io/managed-by']).toBe('Helm');
    }
    for (const { object, labels } of podOwners) {
      for (const key of STANDARD_LABELS) expect(labels[key], `${object.metadata.name} pod ${key}`).toBeTruthy();
    }
  });

  it('selects on name + instance only, and no selector catches a migration or test pod', () => {
    const selectors: [K8sObject, Record<string, string>][] = [];
    for (const object of objects) {
      const spec = object.spec as Record<string, unknown>;
      if (object.kind === 'Deployment' || object.kind === 'PodDisruptionBudget') {
        selectors.push([object, (spec.selector as { matchLabels: Record<string, string> }).matchLabels]);
      }
      if (object.kind === 'Service') selectors.push([object, spec.selector as Record<string, string>]);
      if (object.kind === 'NetworkPolicy') {
        selectors.push([object, (spec.podSelector as { matchLabels: Record<string, string> }).matchLabels]);
      }
    }
    expect(selectors.length).toBeGreaterThanOrEqual(4);
    for (const [object, selector] of selectors) {
      const where = `${object.kind}/${object.metadata.name}`;
      expect(Object.keys(selector).sort(), where).toEqual(SELECTOR_KEYS);
      const selected = podOwners.filter((p) => matches(selector, p.labels));
      expect(
        selected.map((p) => p.object.kind),
        `${where} selects exactly one Deployment's pods`,
      ).toEqual(['Deployment']);
    }
  });

  it('runs the migrations once per release, before the new pods, with the Secret they read already there', () => {
    const job = find(objects, 'Job', names.migrationJob);
    const annotations = job.metadata.annotations!;
    expect(annotations['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(annotations['helm.sh/hook-delete-policy']).toBe('before-hook-creation');
    const jobSpec = job.spec as { activeDeadlineSeconds: number; backoffLimit: number };
    expect(jobSpec.activeDeadlineSeconds).toBeGreaterThan(0);
    // Helm's default --timeout is 5m; the README and the workflow use 10m so the Job's own deadline wins.
    expect(jobSpec.activeDeadlineSeconds).toBeLessThan(600);
    const jobPod = podOwners.find((p) => p.object === job)!;
    expect(onlyContainer(jobPod.spec).command).toEqual(['node']);
    expect(onlyContainer(jobPod.spec).args?.[0]).toBe('dist/db/migrate.js');
    // Every Secret the Job reads is either a hook created before it (lower weight) or not the
    // chart's at all (an existing Secret): never one of the release's normal resources, which are
    // created only after the pre-install hooks.
    const referenced = new Set([
      ...onlyContainer(jobPod.spec).env!.flatMap((e) =>
        e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.name] : [],
      ),
      ...(jobPod.spec.volumes ?? []).flatMap((v) => (v.secret ? [v.secret.secretName] : [])),
    ]);
    expect(referenced.size).toBeGreaterThan(0);
    const jobWeight = Number(annotations['helm.sh/hook-weight'] ?? 0);
    for (const name of referenced) {
      const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === name);
      if (!secret) continue; // an existing Secret, created by the operator beforehand
      expect(isHook(secret), `${name} is a hook`).toBe(true);
      expect(secret.metadata.annotations!['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      expect(Number(secret.metadata.annotations!['helm.sh/hook-weight'])).toBeLessThan(jobWeight);
      expect(secret.metadata.annotations!['helm.sh/hook-delete-policy']).toContain('hook-succeeded');
    }
  });

  it('wires Services, named ports, the Ingress and the NetworkPolicies to the right pods', () => {
    const podsOf = (name: string) => podOwners.find((p) => p.object.metadata.name === name)!;
    for (const name of [names.api, names.web]) {
      const service = find(objects, 'Service', name);
      const spec = service.spec as { selector: Record<string, string>; ports: { name: string; targetPort: string }[] };
      expect(matches(spec.selector, podsOf(name).labels)).toBe(true);
      const portNames = onlyContainer(podsOf(name).spec).ports!.map((p) => p.name);
      for (const port of spec.ports) expect(portNames).toContain(port.targetPort);
    }
    const ingress = objects.find((o) => o.kind === 'Ingress');
    if (ingress) {
      const rules = (
        ingress.spec as {
          rules: {
            http: { paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[] };
          }[];
        }
      ).rules;
      for (const { path, backend } of rules.flatMap((r) => r.http.paths)) {
        const service = find(objects, 'Service', backend.service.name);
        expect(
          (service.spec as { ports: { name: string }[] }).ports.map((p) => p.name),
          path,
        ).toContain(backend.service.port.name);
        expect(backend.service.name, path).toBe(path === '/graphql' ? names.api : names.web);
      }
    }
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
    if (s.name === 'NetworkPolicies off') {
      expect(policies).toEqual([]);
      return;
    }
    type Peer = {
      podSelector?: { matchLabels: Record<string, string> };
      namespaceSelector?: unknown;
      ipBlock?: unknown;
    };
    type Rule = { from?: Peer[]; to?: Peer[]; ports?: { port: string | number }[] };
    const policy = (name: string) => find(objects, 'NetworkPolicy', name).spec as { ingress: Rule[]; egress: Rule[] };
    const podPeers = (rules: Rule[], key: 'from' | 'to') =>
      rules.flatMap((r) =>
        (r[key] ?? [])
          .filter((p) => p.podSelector && !p.namespaceSelector)
          .map((p) => ({ selector: p.podSelector!.matchLabels, ports: r.ports ?? [] })),
      );
    // web -> API: the web policy's egress selects the API pods, and the API policy admits the web pods.
    const webToApi = podPeers(policy(names.web).egress, 'to');
    expect(
      webToApi.some((p) => matches(p.selector, podsOf(names.api).labels) && p.ports.some((x) => x.port === 'http')),
    ).toBe(true);
    const apiFrom = podPeers(policy(names.api).ingress, 'from');
    expect(apiFrom.some((p) => matches(p.selector, podsOf(names.web).labels))).toBe(true);
    // The helm test pod may reach the web client; nothing else of the namespace may.
    const webFrom = podPeers(policy(names.web).ingress, 'from');
    expect(webFrom.some((p) => matches(p.selector, podsOf(names.testPod).labels))).toBe(true);
    expect(webFrom.some((p) => matches(p.selector, podsOf(names.migrationJob).labels))).toBe(false);
    // Only the ingress controller's namespace reaches the web client from outside the release.
    const webNamespaces = policy(names.web).ingress.flatMap((r) => (r.from ?? []).filter((p) => p.namespaceSelector));
    expect(webNamespaces).toHaveLength(1);
    // The API reaches DNS and the database port, nothing else.
    const apiEgress = policy(names.api).egress;
    expect(
      apiEgress
        .flatMap((r) => r.ports ?? [])
        .map((p) => p.port)
        .sort(),
    ).toEqual([3306, 53, 53].sort());
  });

  it('lets the /graphql WebSocket through: an upgrade is an HTTP request on the port HTTP uses, and the policies are L4', () => {
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
    if (s.name === 'NetworkPolicies off') return;
    type Port = { port: string | number; protocol?: string; endPort?: number };
    type Peer = { podSelector?: { matchLabels: Record<string, string> }; namespaceSelector?: unknown };
    type Rule = { from?: Peer[]; to?: Peer[]; ports?: Port[] };
    // networking.k8s.io/v1 NetworkPolicy matches peers, ports and protocols, nothing of HTTP: no rule
    // can tell the WebSocket's Upgrade (GET /graphql, then frames on the same TCP connection) from
    // the requests before it. Anything beyond peers and ports would be an L7 policy of some CNI.
    for (const policy of policies) {
      const spec = policy.spec as { ingress: Rule[]; egress: Rule[] };
      for (const rule of [...spec.ingress, ...spec.egress]) {
        expect(Object.keys(rule).filter((key) => !['from', 'to', 'ports'].includes(key))).toEqual([]);
        for (const port of rule.ports ?? []) expect(['TCP', 'UDP']).toContain(port.protocol);
      }
    }
    const policy = (name: string) => find(objects, 'NetworkPolicy', name).spec as { ingress: Rule[]; egress: Rule[] };
    const podsOf = (name: string) => podOwners.find((p) => p.object.metadata.name === name)!;
    const httpOverTcp = [{ port: 'http', protocol: 'TCP' }];
    // hop 1: the ingress controller to the web client, on the port its Ingress backend (and every
    // page and POST) uses
    const fromController = policy(names.web).ingress.filter((r) => r.from?.some((p) => p.namespaceSelector));
    expect(fromController.map((r) => r.ports)).toEqual([httpOverTcp]);
    // hop 2: the web client to the API, on the port GATEWAY_API_URL names: the WebSocket proxy dials
    // ws:// at the same host and port as the HTTP proxy's http://
    const gateway = new URL(
      onlyContainer(podsOf(names.web).spec).env!.find((e) => e.name === 'GATEWAY_API_URL')!.value!,
    );
    const apiService = find(objects, 'Service', gateway.hostname).spec as {
      ports: { port: number; targetPort: string }[];
    };
    expect(apiService.ports.find((p) => p.port === Number(gateway.port))?.targetPort).toBe('http');
    const toApi = policy(names.web).egress.filter((r) =>
      r.to?.some((p) => p.podSelector && matches(p.podSelector.matchLabels, podsOf(names.api).labels)),
    );
    expect(toApi.map((r) => r.ports)).toEqual([httpOverTcp]);
    // with /graphql routed straight to the API, the controller to the API on that same port
    if (s.values && JSON.stringify(s.values).includes('"graphqlRoute":true')) {
      const apiFromController = policy(names.api).ingress.filter((r) => r.from?.some((p) => p.namespaceSelector));
      expect(apiFromController.map((r) => r.ports)).toEqual([httpOverTcp]);
    }
  });

  it('hardens the ServiceAccounts: no token automount', () => {
    const accounts = objects.filter((o) => o.kind === 'ServiceAccount');
    expect(accounts.map((a) => a.metadata.name).sort()).toEqual([names.api, names.web]);
    for (const account of accounts) expect(account.automountServiceAccountToken).toBe(false);
  });

  it('has a helm test pod that POSTs { __typename } as JSON through the web client Service', () => {
    const pod = find(objects, 'Pod', names.testPod);
    expect(pod.metadata.annotations?.['helm.sh/hook']).toBe('test');
    const container = onlyContainer(pod.spec as never);
    const script = container.command!.join(' ');
    expect(script).toContain("method: 'POST'");
    expect(script).toContain("'content-type': 'application/json'");
    expect(script).toContain("JSON.stringify({ query: '{ __typename }' })");
    const url = new URL(container.env!.find((e) => e.name === 'GRAPHQL_URL')!.value!);
    const service = find(objects, 'Service', url.hostname);
    expect(service.metadata.name).toBe(names.web);
    expect((service.spec as { ports: { port: number }[] }).ports[0]!.port).toBe(Number(url.port || 80));
    expect(url.pathname).toBe('/graphql');
  });
});

describe('scenario specifics', () => {
  it('defaults: Traefik Ingress on /, two replicas each, PDBs, NetworkPolicies, no HPA, database from Secret taskboard-mysql', () => {
    const objects = render(scenario('defaults'));
    const ingress = objects.find((o) => o.kind === 'Ingress')!;
    expect((ingress.spec as { ingressClassName: string }).ingressClassName).toBe('traefik');
    // WebSockets need nothing from Traefik (no timeout on upgraded connections): no annotation, no
    // Middleware or ServersTransport (the chart renders no Traefik CRD at all).
    expect(ingress.metadata.annotations).toBeUndefined();
    expect(objects.filter((o) => o.apiVersion.startsWith('traefik.'))).toEqual([]);
    expect(objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')).toEqual([]);
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toHaveLength(2);
    expect(objects.filter((o) => o.kind === 'NetworkPolicy')).toHaveLength(2);
    for (const name of [names.api, names.web])
      expect((find(objects, 'Deployment', name).spec as { replicas: number }).replicas).toBe(2);
    const env = onlyContainer(pods(objects).find((p) => p.object.metadata.name === names.api)!.spec).env!;
    expect(env.find((e) => e.name === 'MYSQL_ADDON_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
      name: 'taskboard-mysql',
      key: 'MYSQL_ADDON_PASSWORD',
    });
    // The add-on's Secret already exists, so the migration needs no copy of it.
    expect(objects.find((o) => o.metadata.name === names.migrationSecret)).toBeUndefined();
  });

  it('clever: HTTPS through cert-manager, the add-on Secret as it is, GHCR pull secret', () => {
    const objects = render(scenario('clever'));
    const ingress = objects.find((o) => o.kind === 'Ingress')!;
    expect(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBe('letsencrypt-prod');
    expect(ingress.spec).toMatchObject({ ingressClassName: 'traefik', tls: [{ secretName: 'taskboard-tls' }] });
    const api = pods(objects).find((p) => p.object.metadata.name === names.api)!;
    expect(api.spec).toMatchObject({ imagePullSecrets: [{ name: 'ghcr-pull' }] });
    const env = Object.fromEntries(onlyContainer(api.spec).env!.map((e) => [e.name, e]));
    for (const key of [
      'MYSQL_ADDON_HOST',
      'MYSQL_ADDON_PORT',
      'MYSQL_ADDON_DB',
      'MYSQL_ADDON_USER',
      'MYSQL_ADDON_PASSWORD',
    ]) {
      expect(env[key]?.valueFrom?.secretKeyRef).toEqual({ name: 'taskboard-mysql', key });
    }
    expect(env.DATABASE_SSL?.value).toBe('true');
    expect(env.DATABASE_SSL_REJECT_UNAUTHORIZED?.value).toBe('true');
  });

  it('nginx: the nginx class, TLS from a Secret, /graphql straight to the API, which admits the controller', () => {
    const objects = render(scenario('nginx ingress with the direct /graphql route'));
    const ingress = objects.find((o) => o.kind === 'Ingress')!;
    expect(ingress.spec).toMatchObject({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['board.example.org'], secretName: 'board-tls' }],
    });
    const paths = (ingress.spec as { rules: { http: { paths: { path: string; pathType: string }[] } }[] }).rules[0]!
      .http.paths;
    expect(paths.map((p) => `${p.pathType} ${p.path}`)).toEqual(['Exact /graphql', 'Prefix /']);
    const apiPolicy = JSON.stringify(find(objects, 'NetworkPolicy', names.api).spec);
    expect(apiPolicy).toContain('"kubernetes.io/metadata.name":"ingress-nginx"');
    // A quiet board's WebSocket would be closed after ingress-nginx's default 60 s.
    expect(ingress.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
    });
  });

  it('nginx: the WebSocket timeouts follow ingress.webSocketTimeoutSeconds, and an annotation given wins', () => {
    const base = scenario('nginx ingress with the direct /graphql route');
    const annotationsWith = (ingress: Record<string, unknown>) => {
      const values = structuredClone(base.values!) as { ingress: Record<string, unknown> };
      Object.assign(values.ingress, ingress);
      const objects = render({ name: `nginx ${JSON.stringify(ingress)}`, values });
      return objects.find((o) => o.kind === 'Ingress')!.metadata.annotations;
    };
    expect(annotationsWith({ webSocketTimeoutSeconds: 7200 })).toEqual({
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '7200',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '7200',
    });
    expect(
      annotationsWith({ annotations: { 'nginx.ingress.kubernetes.io/proxy-read-timeout': '86400', team: 'boards' } }),
    ).toEqual({
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '86400',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
      team: 'boards',
    });
  });

  it('HPA on: HPAs target the Deployments, which then leave replicas to them', () => {
    const objects = render(scenario('HPA on'));
    for (const name of [names.api, names.web]) {
      expect((find(objects, 'Deployment', name).spec as { replicas?: number }).replicas).toBeUndefined();
      expect(find(objects, 'HorizontalPodAutoscaler', name).spec).toMatchObject({
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      });
    }
  });

  it('credentials in values: rendered into the release Secret and a hook copy for the migration, nowhere else', () => {
    const objects = render(
      scenario('credentials in values (host/name/user/password, inline CA, explicit session secret)'),
    );
    const secrets = objects
      .filter((o) => o.kind === 'Secret')
      .map((o) => o.metadata.name)
      .sort();
    expect(secrets).toEqual([names.api, names.migrationSecret]);
    const deployment = find(objects, 'Deployment', names.api);
    const annotations = (deployment.spec as { template: { metadata: { annotations: Record<string, string> } } })
      .template.metadata.annotations;
    expect(annotations['checksum/secret']).toMatch(/^[a-f0-9]{64}$/);
  });

  it('changing a credential rolls the pods (checksum/secret)', () => {
    const checksum = (password: string) => {
      const base = scenario('credentials in values (host/name/user/password, inline CA, explicit session secret)');
      const values = structuredClone(base.values!) as { 'gateway-api': { externalDatabase: { password: string } } };
      values['gateway-api'].externalDatabase.password = password;
      const deployment = find(render({ name: `checksum ${password}`, values }), 'Deployment', names.api);
      return (deployment.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata
        .annotations['checksum/secret'];
    };
    expect(checksum('one-password')).not.toBe(checksum('another-password'));
    expect(checksum('one-password')).toBe(checksum('one-password'));
  });
});
