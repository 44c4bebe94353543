// Are the bench's operations still the web client's? The client sends each operation as its
// document's SHA-256 alone (trusted documents: the hash graphql-codegen writes into each generated
// document, `__meta__.hash`), so that hash is what it sends and what changes when its document
// changes. Compares the client's hashes with those the bench's documents were written from, and
// checks that the documents the bench sends as the client does (api/operations.ts's CLIENT_DOCUMENTS)
// hash to exactly the client's. Only warns: a changed client document is adopted deliberately, by
// updating api/operations.ts and the floor (servers/floor.ts) together.
//   node --import tsx bench/api/drift.ts   prints the current fingerprints
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InMemoryCache as Cache } from '@apollo/client';
import type { DocumentNode } from 'graphql';
import { REPO } from '../lib/paths.js';
import { CLIENT_DOCUMENTS } from './operations.js';

/**
 * The first 16 hex of each source document's trusted-document hash (what the client sends) when
 * api/operations.ts was last written from them: after the client's board columns (columnId, position,
 * wipLimit, liveFrom), the filter bar (FilteredTasks replaced SearchTasks), idempotency keys on create
 * and trusted documents.
 */
export const SOURCES: Record<string, string> = {
  BoardPageDocument: '6dde32d62c5fc08a',
  TaskDialogDocument: 'f556211cfccec155',
  TaskCommentsDocument: 'ddcfa069fd25a17a',
  FilteredTasksDocument: 'de38328e72ecfc48',
  CreateTaskDocument: '08168b48349be779',
  MoveTaskDocument: 'bc2938e549ec3ee1',
};

const loadDocuments = async () =>
  (await import(pathToFileURL(path.join(REPO, 'web-client/src/gql/graphql.ts')).href)) as Record<string, unknown>;

/** The web client's generated documents by name (`BoardPageDocument`, ...): their trusted-document SHA-256 (hex). */
export async function clientHashes(names: string[]): Promise<Record<string, string | undefined>> {
  const documents = await loadDocuments();
  const out: Record<string, string | undefined> = {};
  for (const name of names) {
    const meta = (documents[name] as { __meta__?: { hash?: string } } | undefined)?.__meta__;
    out[name] = meta?.hash?.replace(/^sha256:/, '');
  }
  return out;
}

/**
 * The web client's generated documents by name as its Apollo Client prints them (the cache's
 * transform: fragments as written, `__typename` added): what it sends as text, which is only its
 * subscriptions now (over graphql-ws, live/operations.ts).
 */
export async function wireDocuments(names: string[]): Promise<Record<string, string>> {
  const { InMemoryCache } = (await import('@apollo/client')) as { InMemoryCache: new () => Cache };
  const { print } = await import('graphql');
  const documents = await loadDocuments();
  const cache = new InMemoryCache();
  const out: Record<string, string> = {};
  for (const name of names) {
    const document = documents[name] as DocumentNode | undefined;
    out[name] = document ? print(cache.transformDocument(document)) : '(missing)';
  }
  return out;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Warnings, one per web client document that changed since the bench's operations were written. */
export async function driftWarnings(): Promise<string[]> {
  let hashes: Record<string, string | undefined>;
  try {
    hashes = await clientHashes([...new Set([...Object.keys(SOURCES), ...Object.keys(CLIENT_DOCUMENTS)])]);
  } catch (error) {
    return [`could not read the web client's documents (${(error as Error).message.split('\n')[0]}): not compared`];
  }
  const name = (documentName: string) => documentName.replace(/Document$/, '');
  return [
    ...Object.entries(SOURCES)
      .filter(([document, expected]) => !hashes[document]?.startsWith(expected))
      .map(
        ([document]) =>
          `the web client's ${name(document)} ${hashes[document] ? 'changed' : 'is gone'} since bench/api/operations.ts was written from it`,
      ),
    ...Object.entries(CLIENT_DOCUMENTS)
      .filter(([document, text]) => hashes[document] !== undefined && sha256(text) !== hashes[document])
      .map(([document]) => `bench/api/operations.ts's ${name(document)} is not the web client's document`),
  ];
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const hashes = await clientHashes(Object.keys(SOURCES));
  for (const [document, hash] of Object.entries(hashes)) console.log(`  ${document}: '${hash?.slice(0, 16)}',`);
  for (const warning of await driftWarnings()) console.log(`warning: ${warning}`);
}
