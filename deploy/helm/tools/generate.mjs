// `npm run generate:chart`: the values tables of deploy/helm/README.md and each chart's values.schema.json,
// generated from the `## @param` comments of the values.yaml files by @bitnami/readme-generator-for-helm.
// The generator knows names, types and descriptions only; the constraints it cannot express (patterns,
// enums, minimums, additionalProperties: false, anyOf, the parent's `image` allowance) live in
// tools/schema/<chart>.json and are merged over its output: a key there replaces the generated one,
// null removes it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const generator = '@bitnami/readme-generator-for-helm';
const { runReadmeGenerator } = require(generator);
const { createValuesObject, parseMetadataComments } = require(`${generator}/lib/parser`);
const { checkKeys } = require(`${generator}/lib/checker`);
const { combineMetadataAndValues, buildParamsToRenderList } = require(`${generator}/lib/builder`);
const { insertReadmeTable } = require(`${generator}/lib/render`);
const config = require(`${generator}/config.json`);

const CHART_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const README = path.join(CHART_DIR, 'README.md');
const CHARTS = [
  { name: 'my-app', dir: '.', heading: 'my-app (parent chart)', prefix: '' },
  { name: 'gateway-api', dir: 'charts/gateway-api', heading: 'gateway-api (`gateway-api.*`)', prefix: 'gateway-api.' },
  { name: 'web-client', dir: 'charts/web-client', heading: 'web-client (`web-client.*`)', prefix: 'web-client.' },
];

/** Overlay merge: objects merge key by key, null deletes, anything else replaces. */
export function merge(base, overlay) {
  const out = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(out[key])) out[key] = merge(out[key], value);
    else out[key] = value;
  }
  return out;
}
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The generator's OpenAPI output as JSON Schema: its `default` and `nullable` are not checks Helm makes. */
function clean(node) {
  if (Array.isArray(node)) return node.map(clean);
  if (!isObject(node)) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'default' || key === 'nullable') continue;
    out[key] = clean(value);
  }
  return out;
}

export function generatedSchema(chart) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'chart-schema-')), 'schema.json');
  const log = console.log;
  console.log = () => {};
  try {
    runReadmeGenerator({ values: path.join(CHART_DIR, chart.dir, 'values.yaml'), schema: file });
  } finally {
    console.log = log;
  }
  return clean(JSON.parse(readFileSync(file, 'utf8')));
}

function writeSchema(chart) {
  const overlay = JSON.parse(readFileSync(path.join(CHART_DIR, 'tools/schema', `${chart.name}.json`), 'utf8'));
  const schema = merge(generatedSchema(chart), overlay);
  writeFileSync(path.join(CHART_DIR, chart.dir, 'values.schema.json'), `${JSON.stringify(schema, null, 2)}\n`);
}

/** The chart's tables, under its `### <heading>` of README.md, keys prefixed as they are set from the parent. */
function writeTables(chart) {
  const values = path.join(CHART_DIR, chart.dir, 'values.yaml');
  const metadata = parseMetadataComments(values, config);
  checkKeys(createValuesObject(values), metadata.parameters);
  combineMetadataAndValues(createValuesObject(values), metadata.parameters);
  // A subchart's global.* and enabled are documented (and set) in the parent chart.
  const sections = metadata.sections
    .map((section) => ({
      ...section,
      description: section.description || '',
      parameters: buildParamsToRenderList(section.parameters, config)
        .filter((p) => !(chart.prefix && (p.name.startsWith('global.') || p.name === 'enabled')))
        .map((p) => ({ ...p, name: `${chart.prefix}${p.name}` })),
    }))
    .filter((section) => section.parameters.length > 0);
  const title = `${chart.heading}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const log = console.log;
  console.log = () => {};
  try {
    insertReadmeTable(README, sections, { ...config, regexp: { paramsSectionTitle: title } });
  } finally {
    console.log = log;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // The generator reports its progress on console.log; only its errors (thrown) matter here.
  const log = console.log;
  console.log = () => {};
  try {
    for (const chart of CHARTS) {
      writeSchema(chart);
      writeTables(chart);
    }
  } finally {
    console.log = log;
  }
  const files = [README, ...CHARTS.map((c) => path.join(CHART_DIR, c.dir, 'values.schema.json'))];
  const prettier = spawnSync('npx', ['--no-install', 'prettier', '--log-level', 'warn', '--write', ...files], {
    stdio: 'inherit',
  });
  if (prettier.status !== 0) process.exit(prettier.status ?? 1);
}
