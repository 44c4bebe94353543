// Live boards when an API replica dies: two gateway-api replicas (the production build, one
// database, one SESSION_SECRET), each behind its own production web server; Alice's browser on one,
// Bob's on the other. Bob's replica is killed with SIGKILL, so it closes nothing and says goodbye to
// no one, and is started again on the same port (Bob's web server has one upstream, as each web
// server in the chart reaches the API through one Service address). What Alice changes meanwhile,
// while it is down and while Bob reconnects, reaches Bob's open board without a reload, and the
// event ids his page received are exactly the board's outbox rows of that period: in order, none
// missing, none twice.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@taskboard/test-kit/ports';
import { startService, type Service } from '@taskboard/test-kit/processes';
import type { Page } from 'playwright-core';
import {
  addTask,
  boardIdByName,
  card,
  createBoard,
  exact,
  expectTitles,
  graphql,
  hidden,
  newUser,
  openTask,
  serverSettled,
  signUp,
  titlesIn,
  visible,
} from './support/app.js';
import { screenshot } from './support/artifacts.js';
import { queryE2eDatabase } from './support/database.js';
import { describe, expect, inject, test } from './support/fixtures.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const API_ENTRY = path.join(repo, 'gateway-api/dist/main.js');
const WEB_ENTRY = fileURLToPath(new URL('./dist/server/index.js', import.meta.url));
const LOG_DIR = fileURLToPath(new URL('./artifacts/logs/', import.meta.url));

const indicator = (page: Page) => page.getByRole('status').filter({ hasText: 'Live updates:' });

/** Resolves when the page's own operation `name` has been answered. */
const answered = (page: Page, name: string) =>
  page.waitForResponse(
    (response) => {
      if (!new URL(response.url()).pathname.endsWith('/graphql')) return false;
      try {
        return (response.request().postDataJSON() as { operationName?: string } | null)?.operationName === name;
      } catch {
        return false;
      }
    },
    { timeout: 30_000 },
  );

describe('live boards across API replicas', () => {
  test('kill -9 of the replica Bob is connected to: he reconnects and gets every change made meanwhile, each once, in order', async ({
    openSession,
  }) => {
    const databaseUrl = inject('databaseUrl');
    const sessionSecret = randomBytes(32).toString('hex');
    const services: Service[] = [];
    const startReplica = async (name: string, port: number) => {
      const service = await startService(name, API_ENTRY, {
        cwd: repo,
        logDir: LOG_DIR,
        ipc: true,
        timeoutMs: 90_000,
        readyUrl: `http://127.0.0.1:${port}/readyz`,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          SESSION_SECRET: sessionSecret,
          HOST: '127.0.0.1',
          PORT: String(port),
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
        },
      });
      services.push(service);
      return service;
    };
    const startWeb = async (name: string, apiPort: number) => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      services.push(
        await startService(name, WEB_ENTRY, {
          cwd: path.join(repo, 'web-client'),
          logDir: LOG_DIR,
          ipc: true,
          timeoutMs: 90_000,
          readyUrl: `${url}/readyz`,
          env: {
            ...process.env,
            HOST: '127.0.0.1',
            PORT: String(port),
            GATEWAY_API_URL: `http://127.0.0.1:${apiPort}/graphql`,
            NODE_ENV: 'test',
            LOG_LEVEL: 'warn',
          },
        }),
      );
      return url;
    };

    try {
      const [portA, portB] = [await freePort(), await freePort()];
      await startReplica('failover-api-a', portA);
      const replicaB = await startReplica('failover-api-b', portB);
      const webA = await startWeb('failover-web-a', portA);
      const webB = await startWeb('failover-web-b', portB);

      const alice = newUser('Alice');
      const bob = newUser('Bob');
      const a = (await openSession({ baseURL: webA })).page;
      const bobSession = await openSession({ baseURL: webB });
      const b = bobSession.page;
      // While his replica is down, Bob's browser fails to open its WebSocket, and says so in the console.
      bobSession.guard.allowConsoleError(/WebSocket connection to '.*\/graphql' failed/);

      // What went over Bob's WebSockets: the `after` of each subscription, and each event's id.
      const afters: unknown[] = [];
      const received: string[] = [];
      b.on('websocket', (socket) => {
        if (!socket.url().endsWith('/graphql')) return;
        socket.on('framesent', ({ payload }) => {
          const sent = JSON.parse(String(payload)) as { type: string; payload?: { variables?: { after?: unknown } } };
          if (sent.type === 'subscribe') afters.push(sent.payload?.variables?.after);
        });
        socket.on('framereceived', ({ payload }) => {
          const got = JSON.parse(String(payload)) as {
            type: string;
            payload?: { data?: { boardEvents?: { id: string } } };
          };
          const id = got.payload?.data?.boardEvents?.id;
          if (got.type === 'next' && id) received.push(id);
        });
      });

      await signUp(b, bob);
      await signUp(a, alice);
      await createBoard(a, 'Failover');
      const boardId = await boardIdByName(a, 'Failover');
      await graphql(a, 'mutation E2eAdd($input: AddMemberInput!) { addMember(input: $input) { role } }', {
        input: { boardId, email: bob.email },
      });
      await addTask(a, 'To do', 'Before');
      await addTask(a, 'To do', 'Seen live');

      await b.goto('/');
      await b.getByRole('link', exact('Failover')).click();
      await visible(b.getByRole('heading', { level: 1, ...exact('Failover') }));
      await b.evaluate(() => Object.assign(window, { e2eSameDocument: true }));
      await expect.poll(() => indicator(b).textContent(), { timeout: 60_000 }).toBe('Live updates: Live');
      await expect.poll(() => indicator(a).textContent(), { timeout: 60_000 }).toBe('Live updates: Live');
      const from = afters[0];
      expect(from, 'Bob’s first subscription starts from the board’s liveFrom').toEqual(expect.any(String));

      // one event live first, so that Bob has a last id to resume from
      await a.getByRole('button', exact('Move "Seen live" right')).click();
      await visible(card(b.getByRole('region', exact('In progress')), 'Seen live'));
      const lastBeforeKill = received.at(-1);
      expect(lastBeforeKill).toBeDefined();

      // ---- kill -9 Bob's replica ----
      const killed = new Promise((resolve) => replicaB.child.once('exit', resolve));
      replicaB.child.kill('SIGKILL');
      await killed;
      await expect.poll(() => indicator(b).textContent(), { timeout: 60_000 }).toBe('Live updates: Reconnecting…');
      await screenshot(b, 'failover-replica-killed');

      // Alice, on the other replica, while Bob's is down: create, move, edit, comment.
      await addTask(a, 'To do', 'During the outage');
      await a.getByRole('button', exact('Move "Before" right')).click();
      await serverSettled(a);
      let dialog = await openTask(a, 'Seen live');
      await dialog.getByRole('textbox', exact('Title')).fill('Seen live, edited');
      let ack = answered(a, 'UpdateTask');
      await dialog.getByRole('button', exact('Save')).click();
      await ack;
      await dialog.getByRole('textbox', exact('Add a comment')).fill('Written while a replica was down.');
      ack = answered(a, 'AddComment');
      await dialog.getByRole('button', exact('Comment')).click();
      await ack;
      await dialog.getByRole('button', exact('Close')).click();
      await hidden(dialog);
      // nothing of it reached Bob yet
      expect(await b.getByRole('main').getByText('During the outage').count()).toBe(0);

      // ---- the replica comes back on the same port; Alice goes on while Bob reconnects ----
      const restarting = startReplica('failover-api-b-restarted', portB);
      await addTask(a, 'Done', 'While reconnecting');
      await a.getByRole('button', exact('Move "During the outage" right')).click();
      await serverSettled(a);
      dialog = await openTask(a, 'Before');
      await dialog.getByRole('textbox', exact('Add a comment')).fill('And one more.');
      ack = answered(a, 'AddComment');
      await dialog.getByRole('button', exact('Comment')).click();
      await ack;
      await dialog.getByRole('button', exact('Close')).click();
      await hidden(dialog);
      await restarting;

      // Bob's board shows all of it, without a reload
      await expect.poll(() => indicator(b).textContent(), { timeout: 60_000 }).toBe('Live updates: Live');
      const titles = ['Before', 'Seen live, edited', 'During the outage', 'While reconnecting'];
      await expectTitles(b, 'To do', [], titles);
      // the order within a column is the server's, which Alice's page shows
      await expectTitles(b, 'In progress', await titlesIn(a, 'In progress', titles), titles);
      await expectTitles(b, 'Done', ['While reconnecting'], titles);
      await visible(card(b.getByRole('region', exact('In progress')), 'Seen live, edited').getByText('1 comment'));
      await visible(card(b.getByRole('region', exact('In progress')), 'Before').getByText('1 comment'));
      expect(await b.evaluate(() => (window as unknown as { e2eSameDocument?: boolean }).e2eSameDocument)).toBe(true);
      await screenshot(b, 'failover-reconnected');

      // It resumed from the last event it had, and the ids it received are the board's outbox rows
      // since the board was loaded: strictly increasing, none skipped, none twice.
      expect(afters.length).toBeGreaterThan(1);
      expect(afters).toContain(lastBeforeKill);
      const outbox = async () =>
        (
          await queryE2eDatabase<{ id: bigint }>(
            databaseUrl,
            'SELECT id FROM BoardEvent WHERE boardId = ? AND id > ? ORDER BY id',
            [Number(boardId), String(from)],
          )
        ).map((row) => String(row.id));
      await expect.poll(async () => received.length === (await outbox()).length, { timeout: 30_000 }).toBe(true);
      const expected = await outbox();
      expect(received).toEqual(expected);
      expect(expected.length).toBeGreaterThanOrEqual(8);
      const ids = received.map(BigInt);
      expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
      console.log(
        `[e2e] failover: Bob's page received ${received.length} events (${received[0]}..${received.at(-1)}), ` +
          `subscribed ${afters.length} times (after ${afters.map(String).join(', ')}); the outbox has the same ids`,
      );
    } finally {
      for (const service of services.reverse()) await service.stop();
    }
  });
});
