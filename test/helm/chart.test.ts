// The chart lints strictly and renders, in every scenario the issue names, to objects that are valid
// against Kubernetes' own schemas: a cluster would accept them.
import { describe, expect, it } from 'vitest';
import { unknownFieldErrors } from './strict-fields.js';
import {
  CHART_DIR,
  helm,
  helmBinary,
  type K8sObject,
  render,
  SCENARIOS,
  validateObject,
  valuesArgs,
} from './support.js';

describe('deploy/helm', () => {
  it('finds the helm binary (scripts/install-system-deps.sh installs it)', () => {
    expect(helm(['version', '--short']).stdout).toMatch(/^v\d+\./);
    expect(helmBinary()).toBeTruthy();
  });

  it('vendors both subcharts and the common library as directories: no dependency build, no download', () => {
    const result = helm(['dependency', 'list', CHART_DIR]);
    expect(result.status).toBe(0);
    const rows = result.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s+/));
    expect(rows.map(([name, , repository, status]) => ({ name, repository, status }))).toEqual([
      { name: 'common', repository: 'file://charts/common', status: 'unpacked' },
      { name: 'gateway-api', repository: 'file://charts/gateway-api', status: 'unpacked' },
      { name: 'web-client', repository: 'file://charts/web-client', status: 'unpacked' },
    ]);
    // Each subchart finds the library in its own charts/ (a symbolic link to ../common).
    for (const chart of ['gateway-api', 'web-client']) {
      const sub = helm(['dependency', 'list', `${CHART_DIR}/charts/${chart}`]);
      expect(sub.stdout).toMatch(/^common\s+0\.1\.0\s+file:\/\/\.\.\/common\s+unpacked$/m);
    }
  });

  describe.each(SCENARIOS)('$name', (scenario) => {
    it('passes helm lint --strict', () => {
      const result = helm(['lint', '--strict', CHART_DIR, ...valuesArgs(scenario)]);
      expect(result.stdout + result.stderr).toContain('0 chart(s) failed');
      expect(result.status).toBe(0);
    });

    it('renders objects that all validate against the Kubernetes schemas', () => {
      const objects = render(scenario);
      expect(objects.length).toBeGreaterThan(10);
      for (const object of objects) validateObject(object);
    });

    it('has no field Kubernetes does not know (what a strict apply would reject)', () => {
      expect(unknownFieldErrors(render(scenario))).toEqual([]);
    });
  });

  it('the two checks above do catch mistakes', () => {
    const broken: K8sObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'broken' },
      spec: {
        selector: { matchLabels: { app: 'x' } },
        template: {
          metadata: { labels: { app: 'x' } },
          spec: { containers: [{ name: 'x', image: 'x:1', ports: [{ containerPort: '80' }], securityContxt: {} }] },
        },
      },
    };
    expect(() => validateObject(broken)).toThrow(/containerPort must be integer/);
    expect(unknownFieldErrors([broken]).join('\n')).toMatch(
      /Deployment\/broken: .*not assignable.*\(at "containerPort":"80"/,
    );
    const container = (broken.spec as { template: { spec: { containers: { ports: unknown }[] } } }).template.spec
      .containers[0]!;
    container.ports = [{ containerPort: 80 }];
    expect(unknownFieldErrors([broken]).join('\n')).toMatch(/'"securityContxt"' does not exist in type 'IContainer'/);
  });

  it('each subchart also renders and lints on its own', () => {
    for (const chart of ['gateway-api', 'web-client']) {
      const dir = `${CHART_DIR}/charts/${chart}`;
      const lint = helm(['lint', '--strict', dir]);
      expect(lint.status, lint.stdout + lint.stderr).toBe(0);
      const template = helm(['template', 'solo', dir]);
      expect(template.status, template.stderr).toBe(0);
    }
  });
});
