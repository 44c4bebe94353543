// Are the bench's operations still the web client's? Prints each web client document the way its
// Apollo Client sends it (cache transform + web-client/src/apollo/inlineFragments.ts) and compares
// it with what the bench's documents were written from. Only warns: a changed client document is
// adopted deliberately, by updating api/operations.ts and the floor (servers/floor.ts) together.
//   node --import tsx bench/api/drift.ts   prints the current fingerprints
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InMemoryCache as Cache } from '@apollo/client';
import type { DocumentNode } from 'graphql';
import { REPO } from '../lib/paths.js';

/** sha256 (first 16 hex) of each source document's wire text when api/operations.ts was written */
export const SOURCES: Record<string, string> = {
  BoardPageDocument: '5fefc11681595d27',
  TaskDialogDocument: '5fb1beb3e9ef4d40',
  TaskCommentsDocument: '0f304ca17f7fb369',
  SearchTasksDocument: '625771f310341fdc',
  CreateTaskDocument: '82fa896e16c55641',
  MoveTaskDocument: '2643d61150985c77',
};

export async function wireDocuments(): Promise<Record<string, string>> {
  const load = (file: string) => import(pathToFileURL(path.join(REPO, file)).href) as Promise<Record<string, unknown>>;
  const { InMemoryCache } = (await import('@apollo/client')) as { InMemoryCache: new () => Cache };
  const { print } = await import('graphql');
  const documents = await load('web-client/src/gql/graphql.ts');
  const { inlineFragments } = (await load('web-client/src/apollo/inlineFragments.ts')) as {
    inlineFragments: (document: DocumentNode) => DocumentNode;
  };
  const cache = new InMemoryCache();
  const out: Record<string, string> = {};
  for (const name of Object.keys(SOURCES)) {
    const document = documents[name] as DocumentNode | undefined;
    out[name] = document ? print(inlineFragments(cache.transformDocument(document))) : '(missing)';
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
