// `node dist/source-positions.js < stack.txt`: prints a stack trace from the production build's logs with
// each position in a bundle (dist/main.js:LINE:COLUMN, dist/db/migrate.js:...) followed by the
// TypeScript line it comes from, read from the source map the build writes next to the bundle
// (scripts/build.mjs). The bundle's whitespace is minified, so its own positions say little; the
// function names in the trace are the sources' own.
//
// In a cluster, the map of the running image is in the image:
//   kubectl logs deploy/my-app-gateway-api | kubectl exec -i deploy/my-app-gateway-api -- node dist/source-positions.js
// Node can do the same itself with --enable-source-maps, but that costs each process ~90 MB and 0.2 s
// of start-up (measured), too much to leave on.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainModule, runCli } from './lib/cli.js';

/** a position in one of the build's bundles, as a stack trace writes it */
const POSITION = /(?:file:\/\/)?[^\s()]*?\b(main|migrate)\.js:(\d+):(\d+)/g;

/**
 * `text` with every bundle position followed by its source's, ` [src/lib/logger.ts:7:17]`. A position
 * the maps do not know is left as it is.
 */
export function withSourcePositions(text: string, distDir: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (bundle: string) => {
    if (!maps.has(bundle)) {
      const file = path.join(distDir, `${bundle}.js.map`);
      maps.set(bundle, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined);
    }
    return maps.get(bundle);
  };
  return text.replace(POSITION, (position: string, name: string, line: string, column: string) => {
    const bundle = name === 'migrate' ? 'db/migrate' : name;
    const entry = mapOf(bundle)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry)) return position;
    const source = path
      .relative(path.dirname(distDir), path.resolve(path.dirname(path.join(distDir, bundle)), entry.originalSource))
      .replace(/^(\.\.\/)+/, '');
    return `${position} [${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}]`;
  });
}

async function main() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const distDir = path.dirname(fileURLToPath(import.meta.url));
  process.stdout.write(withSourcePositions(Buffer.concat(chunks).toString('utf8'), distDir));
}

if (isMainModule(import.meta.url)) runCli(main);
