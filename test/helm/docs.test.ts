// Every value is documented: a `## @param` line in its chart's values.yaml covers it (or its parent
// key), every `## @param` names a value that exists, and deploy/helm/README.md's reference lists each.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHART_DIR } from './support.js';

const CHARTS = [
  { file: 'values.yaml', prefix: '' },
  { file: 'charts/gateway-api/values.yaml', prefix: 'gateway-api.' },
  { file: 'charts/web-client/values.yaml', prefix: 'web-client.' },
];

/** Every key path of the values, down to leaves (maps and lists count as leaves). */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) {
    return [prefix];
  }
  return Object.entries(value).flatMap(([key, child]) => [
    ...(prefix ? [prefix] : []),
    ...keyPaths(child, prefix ? `${prefix}.${key}` : key),
  ]);
}

describe.each(CHARTS)('documentation of $file', ({ file, prefix }) => {
  const text = readFileSync(path.join(CHART_DIR, file), 'utf8');
  const values = parse(text) as Record<string, unknown>;
  const params = [...text.matchAll(/^## @param (\S+) (.+)$/gm)].map((m) => m[1]!);

  it('documents every value with ## @param (itself or a parent key)', () => {
    const paths = [...new Set(keyPaths(values))];
    const undocumented = paths.filter(
      (p) => !params.some((param) => p === param || p.startsWith(`${param}.`) || param.startsWith(`${p}.`)),
    );
    expect(undocumented).toEqual([]);
  });

  it('documents only values that exist', () => {
    const missing = params.filter((param) => {
      let node: unknown = values;
      for (const part of param.split('.')) {
        if (node === null || typeof node !== 'object' || !(part in node)) return true;
        node = (node as Record<string, unknown>)[part];
      }
      return false;
    });
    expect(missing).toEqual([]);
  });

  it('is listed in the README values reference', () => {
    // Prettier pads table cells; compare with single spaces.
    const readme = readFileSync(path.join(CHART_DIR, 'README.md'), 'utf8').replace(/ +/g, ' ');
    const absent = params
      .filter((param) => !(prefix && (param.startsWith('global.') || param === 'enabled')))
      .map((param) => `${prefix}${param}`)
      .filter((key) => !readme.includes(`| \`${key}\` |`));
    expect(absent).toEqual([]);
  });
});
