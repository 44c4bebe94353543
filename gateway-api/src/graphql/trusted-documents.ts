// Trusted documents: the operations the web client is built with, known to the API by the SHA-256 of
// their text (schema/trusted-documents.json, written by `npm run generate -w web-client` from
// graphql-codegen's persisted documents; every release's documents are kept, so that a page loaded
// before a deployment keeps working after it).
//
// - The web client sends only a document's hash (Apollo's persisted-query extension); the API reads
//   the text from the manifest. Nothing is registered by the client, so no text travels.
// - With GRAPHQL_TRUSTED_DOCUMENTS_ONLY (production's default), a request that says it comes from the
//   web client (`apollographql-client-name: taskboard-web`, which Apollo Client sends) may run only a
//   trusted document: a document the web client was not built with is refused before it runs, with
//   TRUSTED_DOCUMENT_REQUIRED. The playground and other API users send documents as text, held to the
//   same limits as every request (limits.ts).
// - Other clients may still use automatic persisted queries (a hash, then the text once): those
//   registrations live in Apollo's own bounded cache, never in the manifest.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError } from 'graphql';

/** What the web client calls itself (web-client/src/apollo/client.ts, Apollo Client's clientAwareness). */
export const WEB_CLIENT_NAME = 'taskboard-web';
export const TRUSTED_DOCUMENT_REQUIRED = 'TRUSTED_DOCUMENT_REQUIRED';
const MANIFEST = path.join('schema', 'trusted-documents.json');
/** Apollo's prefix for persisted-query keys in the cache it is given (apq:<sha256>). */
const APQ_PREFIX = 'apq:';

export type TrustedDocuments = ReadonlyMap<string, string>;

export const documentHash = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * schema/trusted-documents.json, found from this module upwards: the repository's copy in development,
 * tests and the bench (src/graphql, dist or a bench build), the image's /app/schema in a container.
 */
export function findTrustedDocuments(from = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, MANIFEST);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The manifest (graphql-codegen's format: `{ "sha256:<hex>": "<document>" }`) by hex hash, as Apollo's
 * persisted-query extension names documents. Each entry is checked: one whose key is not its text's
 * SHA-256 is refused at start.
 */
export function readTrustedDocuments(file: string): TrustedDocuments {
  let entries: [string, unknown][];
  try {
    entries = Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
  } catch (error) {
    throw new Error(`${file}: not a JSON object of trusted documents (${(error as Error).message})`, { cause: error });
  }
  const documents = new Map<string, string>();
  for (const [key, text] of entries) {
    const hash = key.replace(/^sha256:/, '');
    if (typeof text !== 'string' || documentHash(text) !== hash) {
      throw new Error(`${file}: the entry ${key} is not a document with that SHA-256; run npm run generate`);
    }
    documents.set(hash, text);
  }
  return documents;
}

/**
 * Apollo's persisted-query cache: the trusted documents first, then other clients' automatic
 * persisted queries in a bounded in-memory cache (Apollo's default store, at a tenth of its size).
 */
export function persistedQueryCache(trusted: TrustedDocuments): KeyValueCache<string> {
  const registered = new InMemoryLRUCache<string>({ maxSize: 3 * 1024 * 1024 });
  return {
    get: async (key) =>
      (key.startsWith(APQ_PREFIX) ? trusted.get(key.slice(APQ_PREFIX.length)) : undefined) ?? registered.get(key),
    set: (key, value, options) => registered.set(key, value, options),
    delete: (key) => registered.delete(key),
  };
}

/**
 * With `only`, the web client's requests run trusted documents alone: another document is refused once
 * it is resolved (after the limits' validation), before any resolver runs.
 */
export function trustedDocumentsPlugin(trusted: TrustedDocuments, only: boolean): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      if (!only || request.http?.headers.get('apollographql-client-name') !== WEB_CLIENT_NAME) return;
      return {
        async didResolveOperation({ queryHash }) {
          if (trusted.has(queryHash)) return;
          throw new GraphQLError(
            'This page is out of date: it sent an operation this version of Taskboard does not know. ' +
              'Reload the page to get the current version.',
            { extensions: { code: TRUSTED_DOCUMENT_REQUIRED, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
