// Are the bench's operations still the web client's? Prints each web client document the way its
// Apollo Client sends it (the cache's transform: fragments as written, `__typename` added) and
// compares it with what the bench's documents were written from. Only warns: a changed client
// document is adopted deliberately, by updating api/operations.ts and the floor (servers/floor.ts)
// together.
//   node --import tsx bench/api/drift.ts   prints the current fingerprints
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InMemoryCache as Cache } from '@apollo/client';
import type { DocumentNode } from 'graphql';
import { REPO } from '../lib/paths.js';

/**
 * sha256 (first 16 hex) of each source document's wire text when api/operations.ts was written.
 * Taken again when the client stopped merging fragments into place before sending: the same
 * documents and fields (this check found no change just before), written with their fragments.
 */
export const SOURCES: Record<string, string> = {
  BoardPageDocument: 'a2528939ab052881',
  TaskDialogDocument: '6de4a4f7b68dc5ae',
  TaskCommentsDocument: '2c75797603e854b7',
  SearchTasksDocument: '11992f750e392d16',
  CreateTaskDocument: 'f3fd9514c229c5e2',
  MoveTaskDocument: '2643d61150985c77',
};

/** The web client's generated documents by name (`BoardPageDocument`, ...) as its Apollo Client sends them. */
export async function wireDocuments(names: string[] = Object.keys(SOURCES)): Promise<Record<string, string>> {
  const load = (file: string) => import(pathToFileURL(path.join(REPO, file)).href) as Promise<Record<string, unknown>>;
  const { InMemoryCache } = (await import('@apollo/client')) as { InMemoryCache: new () => Cache };
  const { print } = await import('graphql');
  const documents = await load('web-client/src/gql/graphql.ts');
  const cache = new InMemoryCache();
  const out: Record<string, string> = {};
  for (const name of names) {
    const document = documents[name] as DocumentNode | undefined;
    out[name] = document ? print(cache.transformDocument(document)) : '(missing)';
  }
  return out;
}

const fingerprint = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Warnings, one per web client document that changed since the bench's operations were written. */
export async function driftWarnings(): Promise<string[]> {
  let wire: Record<string, string>;
  try {
    wire = await wireDocuments();
  } catch (error) {
    return [`could not read the web client's documents (${(error as Error).message.split('\n')[0]}): not compared`];
  }
  return Object.entries(SOURCES)
    .filter(([name, expected]) => fingerprint(wire[name]!) !== expected)
    .map(
      ([name]) =>
        `the web client's ${name.replace(/Document$/, '')} changed since bench/api/operations.ts was written from it`,
    );
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const wire = await wireDocuments();
  for (const [name, text] of Object.entries(wire)) console.log(`  ${name}: '${fingerprint(text)}',`);
}
