// The cluster for `npm run test:cluster`: KUBECONFIG's when it is set (nothing is started; CI's kind job),
// otherwise a control plane started here on 127.0.0.1 (test/cluster/support/control-plane.ts) and stopped,
// with every process it started, when the run ends.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { helmBinary } from '../helm/support.js';
import {
  controlPlaneBinDir,
  KUBERNETES_VERSION,
  KWOK_NODE_ANNOTATION,
  runningControlPlaneProcesses,
  startControlPlane,
} from './support/control-plane.js';
import { findKubectl, type Cluster } from './support/kube.js';

const LOG_DIR = path.resolve(import.meta.dirname, 'artifacts/control-plane');

function builtBinDir(): string | undefined {
  try {
    return controlPlaneBinDir();
  } catch {
    return undefined;
  }
}

export default async function setup(project: TestProject) {
  helmBinary(); // throws, naming scripts/install-system-deps.sh, when helm is missing
  if (spawnSync('sh', ['-c', 'command -v jq']).status !== 0) {
    throw new Error(
      'npm run test:cluster follows deploy/helm/README.md, whose database Secret step uses jq: install it with ' +
        '`sudo scripts/install-system-deps.sh` (Debian/Ubuntu: apt-get install jq).',
    );
  }

  let teardown: (() => Promise<void>) | undefined;
  let base: Pick<Cluster, 'kubeconfig' | 'kubectl' | 'local' | 'auditLog'>;
  if (process.env.KUBECONFIG) {
    base = { kubeconfig: process.env.KUBECONFIG, kubectl: findKubectl(builtBinDir()), local: false };
    console.log(`test:cluster: using the cluster of KUBECONFIG=${process.env.KUBECONFIG}; starting nothing`);
  } else {
    const bin = controlPlaneBinDir(); // throws, naming the build script, when the control plane is not built
    const controlPlane = await startControlPlane({ logDir: LOG_DIR });
    console.log(
      `test:cluster: Kubernetes ${KUBERNETES_VERSION} (etcd, kube-apiserver, kube-controller-manager, ` +
        `kube-scheduler, kwok) ready on 127.0.0.1 in ${(controlPlane.readyMs / 1000).toFixed(1)} s; logs in ${LOG_DIR}`,
    );
    base = {
      kubeconfig: controlPlane.kubeconfig,
      kubectl: controlPlane.kubectl,
      local: true,
      auditLog: controlPlane.auditLog,
    };
    teardown = async () => {
      await controlPlane.stop();
      const left = runningControlPlaneProcesses(path.dirname(controlPlane.kubectl));
      if (left.length > 0) throw new Error(`control plane processes still running after stop:\n${left.join('\n')}`);
      if (path.dirname(controlPlane.kubectl) !== bin) throw new Error('kubectl is not the built one');
    };
  }

  const env = { ...process.env, KUBECONFIG: base.kubeconfig };
  const nodes = spawnSync(base.kubectl, ['get', 'nodes', '-o', 'json'], { encoding: 'utf8', env });
  const version = spawnSync(base.kubectl, ['version', '-o', 'json'], { encoding: 'utf8', env });
  if (nodes.status !== 0 || version.status !== 0) {
    await teardown?.();
    throw new Error(`the cluster does not answer (KUBECONFIG=${base.kubeconfig}):\n${nodes.stderr}${version.stderr}`);
  }
  const items = (JSON.parse(nodes.stdout) as { items: { metadata: { annotations?: Record<string, string> } }[] }).items;
  const simulated = items.length > 0 && items.every((n) => n.metadata.annotations?.[KWOK_NODE_ANNOTATION]);
  const serverVersion = (JSON.parse(version.stdout) as { serverVersion: { gitVersion: string } }).serverVersion
    .gitVersion;
  const cluster: Cluster = { ...base, simulated, serverVersion };
  console.log(
    `test:cluster: Kubernetes ${serverVersion}, ${items.length} node(s), ` +
      (simulated ? 'simulated by kwok (no container runs)' : 'real containers'),
  );
  project.provide('cluster', cluster);
  return teardown;
}
