// `npm run generate` (after graphql-codegen): adds the documents this web client is built with
// (src/gql/persisted-documents.json, each by its SHA-256) to schema/trusted-documents.json, the
// documents gateway-api runs for the web client by hash alone (gateway-api/src/graphql/trusted-documents.ts).
//
// Entries are added, never removed here: a page loaded before a deployment still sends the documents
// of its own release, and keeps working after it. An entry goes when the contract can no longer run
// it: `npm run check:schema` then names it, to be deleted from the file by hand (README, "Trusted
// documents").
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BUILT = path.join(here, '../src/gql/persisted-documents.json');
const TRUSTED = path.join(here, '../../schema/trusted-documents.json');

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {});
const merged = { ...read(TRUSTED), ...read(BUILT) };
const sorted = Object.fromEntries(
  Object.keys(merged)
    .sort()
    .map((hash) => [hash, merged[hash]]),
);
writeFileSync(TRUSTED, `${JSON.stringify(sorted, null, 2)}\n`);
