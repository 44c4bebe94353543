// Trusted documents in the browser: every operation the app sends over HTTP is the hash of a document
// it was built with, never the text, and the API (started with GRAPHQL_TRUSTED_DOCUMENTS_ONLY, as in
// production: e2e/global-setup.ts) runs them all; a document the app was not built with, sent as the
// app, is refused with what to do. Set-up calls and the playground send text, as API users do.
import type { Request } from 'playwright-core';
import { addTask, createBoard, exact, newUser, openTask, signUp, visible } from './support/app.js';
import { describe, expect, test } from './support/fixtures.js';

interface SentBody {
  query?: string;
  operationName?: string;
  extensions?: { persistedQuery?: { version: number; sha256Hash: string } };
}

describe('trusted documents', () => {
  test("the app sends each operation as its document's hash alone, and the API runs them", async ({ page }) => {
    const sent: { body: SentBody; client: string | undefined }[] = [];
    page.on('request', (request: Request) => {
      if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/graphql') return;
      sent.push({ body: request.postDataJSON() as SentBody, client: request.headers()['apollographql-client-name'] });
    });

    await signUp(page, newUser('Hash Sender'));
    await createBoard(page, 'Trusted board');
    await addTask(page, 'To do', 'Sent by hash');
    const dialog = await openTask(page, 'Sent by hash');
    await dialog.getByRole('textbox', exact('Add a comment')).fill('A comment, by hash too');
    await dialog.getByRole('button', exact('Comment')).click();
    await visible(dialog.getByText('A comment, by hash too'));

    const names = sent.map((s) => s.body.operationName);
    expect(names).toEqual(
      expect.arrayContaining(['SignUp', 'CreateBoard', 'BoardPage', 'CreateTask', 'TaskDialog', 'AddComment']),
    );
    for (const { body, client } of sent) {
      expect({
        name: body.operationName,
        client,
        query: body.query,
        hash: body.extensions?.persistedQuery?.sha256Hash,
      }).toEqual({
        name: body.operationName,
        client: 'taskboard-web',
        query: undefined,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    }
  });

  test('a document the app was not built with, sent as the app, is refused; the same text from an API user runs', async ({
    page,
  }) => {
    await page.goto('/');
    const query = 'query NotInTheApp { me { id } }';
    const asApp = await page.request.post('/graphql', {
      data: { query },
      headers: { 'apollographql-client-name': 'taskboard-web' },
    });
    expect(asApp.status()).toBe(400);
    const refused = (await asApp.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(refused.errors[0]).toMatchObject({
      message: expect.stringMatching(/^This page is out of date/),
      extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED' },
    });
    const asApiUser = await page.request.post('/graphql', { data: { query } });
    expect(await asApiUser.json()).toEqual({ data: { me: null } });
  });
});
