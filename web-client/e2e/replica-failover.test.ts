// Live boards when an API replica dies: two gateway-api replicas (the production build, one
// database, one SESSION_SECRET), each web server in front of them as in the chart, where a web server
// reaches the API through one Service address. Alice's web server goes to replica A directly; Bob's
// goes through a TCP load balancer over both (@taskboard/test-kit/balancer, 'in-order' over [B, A]:
// B while it accepts connections, then A), the stand-in for the Service. Bob's WebSocket is on B,
// which is killed with SIGKILL, so it closes nothing and says goodbye to no one, and is not started
// again: Bob's browser reconnects through the balancer to THE OTHER replica, A. What Alice changes
// meanwhile reaches Bob's open board without a reload, and the event ids his page received are
// exactly the board's outbox rows of that period: in order, none missing, none twice.
//
// Two stretches of "meanwhile": first the balancer takes no new connection (it is paused, in the
// same tick as the kill), so what Alice does then can only reach Bob through his resume from the
// last id he had; then it routes again, and Alice goes on while Bob reconnects, so the resume races
// her live changes.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBalancer } from '@taskboard/test-kit/balancer';
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
  operationOf,
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
      return new URL(response.url()).pathname.endsWith('/graphql') && operationOf(response.request()) === name;
    },
    { timeout: 30_000 },
  );

describe('live boards across API replicas', () => {
  test('kill -9 of the replica Bob is connected to: he reconnects to the other one and gets every change made meanwhile, each once, in order', async ({
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
    /** a production web server whose API is at 127.0.0.1:`apiPort` (a replica, or the balancer) */
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

    const [portA, portB] = [await freePort(), await freePort()];
    // Bob's web server's "Service": it dials an upstream only when a connection comes in.
    const balancer = await startBalancer([portB, portA], 'in-order');
    try {
      await startReplica('failover-api-a', portA);
      const replicaB = await startReplica('failover-api-b', portB);
      const webA = await startWeb('failover-web-a', portA);
      const webB = await startWeb('failover-web-b', balancer.port);

      const alice = newUser('Alice');
      const bob = newUser('Bob');
      const a = (await openSession({ baseURL: webA })).page;
      const bobSession = await openSession({ baseURL: webB });
      const b = bobSession.page;
      // While the balancer takes no connection, Bob's browser fails to open its WebSocket (his web
      // server answers 502), and says so in the console.
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
      // Everything of Bob's web server goes through the balancer, and none of it has gone to A: his
      // WebSocket is on B.
      expect(balancer.open(portB)).toBeGreaterThan(0);
      expect(balancer.open(portA)).toBe(0);

      // ---- kill -9 Bob's replica, for good ----
      const killed = new Promise((resolve) => replicaB.child.once('exit', resolve));
      replicaB.child.kill('SIGKILL');
      // In the same tick (the balancer runs in this process, so no connection can slip through before):
      // Bob cannot reconnect until Alice's first changes are in.
      balancer.pause();
      await killed;
      await expect.poll(() => indicator(b).textContent(), { timeout: 60_000 }).toBe('Live updates: Reconnecting…');
      // B's death cut the connections Bob's web server had to it, his WebSocket's among them
      await expect.poll(() => balancer.open(portB), { timeout: 30_000 }).toBe(0);
      await screenshot(b, 'failover-replica-killed');

      // Alice, on the other replica, while Bob cannot reconnect: create, move, edit, comment.
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

      // ---- the balancer routes again, to A (B refuses); Alice goes on while Bob reconnects ----
      balancer.resume();
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
      // through the balancer, on A: B is gone
      expect(balancer.open(portA)).toBeGreaterThan(0);
      expect(balancer.open(portB)).toBe(0);
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
      await balancer.close();
      for (const service of services.reverse()) await service.stop();
    }
  });
});
