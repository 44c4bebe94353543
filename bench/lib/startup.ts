// Start-up and footprint: from spawning the production build to its first 200 on /readyz, and its
// resident memory a moment later with nothing to do. Each service alone, on the server CPU.
import { freePort } from '@taskboard/test-kit/ports';
import { SESSION_SECRET } from '../api/impls.js';
import type { BenchDatabase } from './db.js';
import { API_ENTRY, REPO, WEB_ENTRY } from './paths.js';
import { rssBytes, SERVER_CPU, startService } from './proc.js';
import { mb, median, round } from './stats.js';

export interface StartupFigures {
  samples: number;
  readyMs: number[];
  idleRssMB: number[];
  medianReadyMs: number;
  medianIdleRssMB: number;
}

export interface StartupSection {
  api?: StartupFigures;
  /** the node flags gateway-api ran with (the chart's NODE_OPTIONS) */
  nodeFlags?: string[];
  /** gateway-api with --liftoff-only as well (`bench --liftoff-only`) */
  apiLiftoffOnly?: StartupFigures;
  web?: StartupFigures;
  webNote?: string;
}

const IDLE_MS = 2_000;

async function sample(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  samples: number,
  nodeArgs: string[] = [],
): Promise<StartupFigures> {
  const readyMs: number[] = [];
  const idleRssMB: number[] = [];
  for (let i = 0; i < samples; i++) {
    const port = await freePort();
    const service = await startService(`startup-${name}`, entry, {
      cwd: REPO,
      env: { ...env, PORT: String(port) },
      readyUrl: `http://127.0.0.1:${port}/readyz`,
      cpu: SERVER_CPU,
      pollMs: 5,
      nodeArgs,
    });
    try {
      readyMs.push(round(service.readyMs, 0));
      await new Promise((r) => setTimeout(r, IDLE_MS));
      idleRssMB.push(mb((await rssBytes(service.pid)) ?? Number.NaN));
    } finally {
      await service.stop();
    }
  }
  return { samples, readyMs, idleRssMB, medianReadyMs: median(readyMs), medianIdleRssMB: median(idleRssMB) };
}

const base = () => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  HOST: '127.0.0.1',
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
});

export function measureApiStartup(
  db: BenchDatabase,
  samples: number,
  nodeArgs: string[] = [],
): Promise<StartupFigures> {
  return sample('gateway-api', API_ENTRY, { ...base(), DATABASE_URL: db.url, SESSION_SECRET }, samples, nodeArgs);
}

export function measureWebStartup(samples: number): Promise<StartupFigures> {
  // readiness does not involve the API (web-client/server/app.ts), so nothing needs to listen there
  return sample('web-server', WEB_ENTRY, { ...base(), GATEWAY_API_URL: 'http://127.0.0.1:9/graphql' }, samples);
}
