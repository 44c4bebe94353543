// Which packages the initial JavaScript is made of: a second build with source maps, whose mappings
// attribute every byte of the minified chunks to a source file (and so to a package). Minified
// bytes, before compression; what the entry and its static imports hold, as in the size figures.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Source map "mappings": per generated line, segments [column, source index] (VLQ, deltas). */
function* segments(mappings: string): Generator<{ line: number; column: number; source: number | undefined }> {
  let source = 0;
  let line = 0;
  for (const lineText of mappings.split(';')) {
    let column = 0;
    for (const segment of lineText.split(',')) {
      if (!segment) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = DIGIT.get(char)!;
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0]!;
      if (values.length > 1) source += values[1]!;
      yield { line, column, source: values.length > 1 ? source : undefined };
    }
    line++;
  }
}

export function packageOf(source: string): string {
  const normalised = source.replace(/\\/g, '/');
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(normalised);
  if (match) return match[1]!;
  const src = /(?:^|\/)src\/([^/]+)/.exec(normalised);
  return src ? `(app) src/${src[1]}` : `(app) ${path.basename(normalised)}`;
}

/** Minified bytes per package in one chunk, from the chunk and its .map next to it. */
export async function attributeChunk(file: string): Promise<Map<string, number>> {
  const code = await readFile(file, 'utf8');
  const out = new Map<string, number>();
  const mapText = await readFile(`${file}.map`, 'utf8').catch(() => undefined);
  // the bundler's own runtime chunk comes without a map
  if (mapText === undefined)
    return new Map([[`(bundler) ${path.basename(file).replace(/-[\w-]{8}\.js$/, '')}`, Buffer.byteLength(code)]]);
  const map = JSON.parse(mapText) as { sources: string[]; mappings: string };
  const lines = code.split('\n');
  const add = (source: number | undefined, bytes: number) => {
    const name = source === undefined ? '(unmapped)' : packageOf(map.sources[source] ?? '?');
    out.set(name, (out.get(name) ?? 0) + bytes);
  };
  let previous: { line: number; column: number; source: number | undefined } | undefined;
  for (const segment of segments(map.mappings)) {
    if (previous) {
      const end = previous.line === segment.line ? segment.column : lines[previous.line]!.length;
      add(previous.source, Buffer.byteLength(lines[previous.line]!.slice(previous.column, end)));
    }
    previous = segment;
  }
  if (previous) add(previous.source, Buffer.byteLength(lines[previous.line]!.slice(previous.column)));
  return out;
}

export async function attribute(dir: string, files: string[]): Promise<Record<string, number>> {
  const total = new Map<string, number>();
  for (const file of files) {
    for (const [name, bytes] of await attributeChunk(path.join(dir, file)))
      total.set(name, (total.get(name) ?? 0) + bytes);
  }
  return Object.fromEntries([...total].sort((a, b) => b[1] - a[1]));
}
