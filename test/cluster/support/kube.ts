// kubectl, helm and bash against the cluster the global setup chose (test/cluster/global-setup.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { helmBinary, REPO_ROOT } from '../../helm/support.js';

export interface Cluster {
  kubeconfig: string;
  kubectl: string;
  /** every node is kwok's: pods are simulated, no container runs */
  simulated: boolean;
  /** started by the global setup (false: KUBECONFIG's cluster) */
  local: boolean;
  /** what the server says it is, e.g. v1.36.3 */
  serverVersion: string;
  /** the API server's audit log, when the global setup started it */
  auditLog?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: Cluster;
  }
}

export function cluster(): Cluster {
  return inject('cluster');
}

export interface Result {
  status: number;
  stdout: string;
  stderr: string;
}

/** The environment every command gets: this cluster, this repository's helm, no user-level helm state. */
export function clusterEnv(c: Cluster, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const dirs = [path.dirname(c.kubectl), path.dirname(helmBinary())];
  return {
    PATH: [...new Set(dirs), process.env.PATH ?? ''].join(':'),
    HOME: process.env.HOME ?? '',
    KUBECONFIG: c.kubeconfig,
    HELM_CACHE_HOME: path.join(tmpdir(), 'helm-cluster-test-cache'),
    HELM_CONFIG_HOME: path.join(tmpdir(), 'helm-cluster-test-config'),
    HELM_DATA_HOME: path.join(tmpdir(), 'helm-cluster-test-data'),
    ...extra,
  };
}

function finish(result: ReturnType<typeof spawnSync>): Result {
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export function kubectl(c: Cluster, args: string[], input?: string): Result {
  return finish(
    spawnSync(c.kubectl, args, { input, encoding: 'utf8', env: clusterEnv(c), maxBuffer: 64 * 1024 * 1024 }),
  );
}

/** kubectl that must succeed; its stdout. */
export function kubectlOk(c: Cluster, args: string[], input?: string): string {
  const result = kubectl(c, args, input);
  if (result.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

export function kubectlJson<T>(c: Cluster, args: string[]): T {
  return JSON.parse(kubectlOk(c, [...args, '-o', 'json'])) as T;
}

/**
 * Runs a command and keeps its output in memory, asynchronously, so that the test can watch the
 * cluster while it runs (helm waits for minutes).
 */
export function runAsync(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; input?: string },
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd ?? REPO_ROOT, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.end(options.input ?? '');
    child.once('error', reject);
    child.once('close', (code) => resolve({ status: code ?? 1, stdout, stderr }));
  });
}

/** bash -euo pipefail -c script, in cwd, against the cluster. */
export function bash(c: Cluster, script: string, options: { cwd?: string; env?: Record<string, string> } = {}) {
  return runAsync('bash', ['-euo', 'pipefail', '-c', script], { env: clusterEnv(c, options.env), cwd: options.cwd });
}

export function helm(c: Cluster, args: string[]): Promise<Result> {
  return runAsync(helmBinary(), args, { env: clusterEnv(c) });
}

/** A kubectl for KUBECONFIG's cluster: $KUBECTL, the one built with the control plane, or the one on PATH. */
export function findKubectl(builtBinDir: string | undefined): string {
  const onPath = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
  const candidates = [process.env.KUBECTL, builtBinDir && path.join(builtBinDir, 'kubectl'), onPath];
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) {
    throw new Error(
      'npm run test:cluster needs kubectl: build it with the control plane (`scripts/cluster/build-control-plane.sh`, ' +
        'which .ci/run runs), put one on PATH, or set KUBECTL.',
    );
  }
  return found;
}
