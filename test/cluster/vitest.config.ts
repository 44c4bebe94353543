// `npm run test:cluster`: the chart and the deploy workflow's command on a real Kubernetes API server
// (deploy/helm/README.md, "Tested on a real API server"). Separate from the root config so that `npm test`
// does not run it: it needs the control plane built by scripts/cluster/build-control-plane.sh, or a
// cluster in KUBECONFIG.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/cluster/**/*.test.ts'],
    globalSetup: ['test/cluster/global-setup.ts'],
    // One cluster and one namespace, used in order: no file runs beside another.
    fileParallelism: false,
    // helm waits up to 10 minutes for a rollout on a real cluster (real images, probes, migrations);
    // on kwok every step takes seconds.
    testTimeout: 900_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
