// What the Helm chart runs gateway-api with, so that the bench measures a replica as a pod runs it:
// the NODE_OPTIONS the chart derives from its default values (gateway-api.nodeOptions in
// deploy/helm/charts/gateway-api/templates/_helpers.tpl: V8's old space as a share of the memory
// limit, and the young generation's size). test/helm checks the template's output for the same values.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO } from './paths.js';

const VALUES = path.join(REPO, 'deploy/helm/charts/gateway-api/values.yaml');

interface ChartValues {
  resources?: { limits?: { memory?: string } };
  nodeOptions?: { maxOldSpaceSizePercent?: number; maxSemiSpaceSizeMiB?: number };
}

const UNITS: Record<string, number> = { '': 1, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9 };

/** A Kubernetes memory quantity (448Mi, 1Gi, 500M) in MiB, rounded down. */
function mebibytes(quantity: string): number {
  const match = /^([0-9.]+)([A-Za-z]*)$/.exec(quantity);
  const factor = match ? UNITS[match[2]!] : undefined;
  if (!match || factor === undefined)
    throw new Error(`${VALUES}: memory limit "${quantity}" is not a quantity the bench reads`);
  return Math.floor((Number(match[1]) * factor) / 2 ** 20);
}

/** The chart's default memory limit for gateway-api, and the node flags it renders into NODE_OPTIONS. */
export function chartNodeOptions(): { memoryLimit: string; flags: string[] } {
  const values = parse(readFileSync(VALUES, 'utf8')) as ChartValues;
  const memoryLimit = values.resources?.limits?.memory ?? '';
  const { maxOldSpaceSizePercent = 0, maxSemiSpaceSizeMiB = 0 } = values.nodeOptions ?? {};
  const flags: string[] = [];
  if (maxOldSpaceSizePercent > 0 && memoryLimit) {
    flags.push(`--max-old-space-size=${Math.floor((mebibytes(memoryLimit) * maxOldSpaceSizePercent) / 100)}`);
  }
  if (maxSemiSpaceSizeMiB > 0) flags.push(`--max-semi-space-size=${maxSemiSpaceSizeMiB}`);
  return { memoryLimit, flags };
}
