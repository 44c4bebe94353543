// Trusted documents (src/graphql/trusted-documents.ts): the web client's operations by hash alone,
// from schema/trusted-documents.json; with GRAPHQL_TRUSTED_DOCUMENTS_ONLY, nothing else from the web
// client; everyone else (the playground, API users) sends documents as text, as before.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  documentHash,
  findTrustedDocuments,
  readTrustedDocuments,
  TRUSTED_DOCUMENT_REQUIRED,
  WEB_CLIENT_NAME,
} from '../../src/graphql/trusted-documents.js';
import { startApi, type TestApi } from '../support/api.js';

const manifestFile = findTrustedDocuments()!;
const trusted = readTrustedDocuments(manifestFile);
/** the web client's sign-in check, a trusted document (web-client/src/apollo/viewer.ts) */
const [viewerHash, viewerText] = [...trusted].find(([, text]) => /^query Viewer\b/.test(text))!;
const UNTRUSTED = 'query Untrusted { me { id name email } }';
const WEB = { 'apollographql-client-name': WEB_CLIENT_NAME, 'apollographql-client-version': 'test' };

async function post(api: TestApi, body: unknown, headers: Record<string, string> = {}, cookie?: string) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}
const byHash = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe('schema/trusted-documents.json', () => {
  it('is found from the API code upwards and holds the web client documents, each under its SHA-256', () => {
    expect(path.relative(path.resolve(import.meta.dirname, '../../..'), manifestFile)).toBe(
      path.join('schema', 'trusted-documents.json'),
    );
    const built = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, '../../../web-client/src/gql/persisted-documents.json'), 'utf8'),
    ) as Record<string, string>;
    for (const [key, text] of Object.entries(built)) expect(trusted.get(key.replace(/^sha256:/, ''))).toBe(text);
    for (const [hash, text] of trusted) expect(documentHash(text)).toBe(hash);
  });

  it('is not found from a folder with no schema/trusted-documents.json above it', () => {
    expect(findTrustedDocuments(mkdtempSync(path.join(tmpdir(), 'no-manifest-')))).toBeUndefined();
  });

  it('refuses a manifest whose entry is not under its own hash, saying what to run', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'trusted-')), 'trusted-documents.json');
    writeFileSync(
      file,
      JSON.stringify({ [`sha256:${documentHash('query A { me { id } }')}`]: 'query B { me { id } }' }),
    );
    expect(() => readTrustedDocuments(file)).toThrow(/is not a document with that SHA-256; run npm run generate/);
    writeFileSync(file, '[not json');
    expect(() => readTrustedDocuments(file)).toThrow(/not a JSON object of trusted documents/);
  });
});

describe('trusted documents, the web client may run only them (production default)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ GRAPHQL_TRUSTED_DOCUMENTS_ONLY: 'true' });
  });
  afterAll(() => api.close());

  it('runs a trusted document sent by its hash alone, no text', async () => {
    const user = await api.user('Hash');
    const answer = await post(api, { operationName: 'Viewer', ...byHash(viewerHash) }, WEB, user.client.cookie);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { me: expect.objectContaining({ id: user.id, name: 'Hash' }) } });
  });

  it('refuses any other document from the web client, before it runs, with what to do', async () => {
    const sqlBefore = api.sql.length;
    for (const body of [{ query: UNTRUSTED }, { query: UNTRUSTED, ...byHash(documentHash(UNTRUSTED)) }]) {
      const answer = await post(api, body, WEB);
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/^This page is out of date: .* Reload the page/),
          extensions: expect.objectContaining({ code: TRUSTED_DOCUMENT_REQUIRED }),
        }),
      ]);
    }
    // nothing ran: no resolver, no statement on the API's behalf beyond the session lookup's
    expect(api.sql.slice(sqlBefore).filter((line) => !/Session/.test(line))).toEqual([]);
    // an unknown hash is Apollo's usual answer, so a client knows to send the text (which is then refused)
    const unknown = await post(api, byHash(documentHash(UNTRUSTED)), WEB);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('a document registered by another client does not become trusted', async () => {
    const hash = documentHash(UNTRUSTED);
    const registered = await post(api, { query: UNTRUSTED, ...byHash(hash) });
    expect(registered.body).toEqual({ data: { me: null } });
    expect((await post(api, byHash(hash))).body).toEqual({ data: { me: null } });
    expect((await post(api, byHash(hash), WEB)).body.errors?.[0]?.extensions?.code).toBe(TRUSTED_DOCUMENT_REQUIRED);
  });

  it('the playground and API users send documents as text, as before', async () => {
    expect(await post(api, { query: UNTRUSTED })).toEqual({ status: 200, body: { data: { me: null } } });
    expect(await post(api, { query: viewerText })).toEqual({ status: 200, body: { data: { me: null } } });
  });
});

describe('trusted documents, anything else allowed (development default)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('is off outside production', () => {
    expect(api.config.trustedDocumentsOnly).toBe(false);
  });

  it('the web client runs trusted documents by hash, and a new one once sent with its text', async () => {
    expect((await post(api, byHash(viewerHash), WEB)).body).toEqual({ data: { me: null } });
    // a document edited in development is not in the manifest yet: Apollo asks for its text once
    const hash = documentHash(UNTRUSTED);
    expect((await post(api, byHash(hash), WEB)).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(api, { query: UNTRUSTED, ...byHash(hash) }, WEB)).body).toEqual({ data: { me: null } });
    expect((await post(api, byHash(hash), WEB)).body).toEqual({ data: { me: null } });
  });
});
