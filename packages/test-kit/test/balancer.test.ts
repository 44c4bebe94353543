// startBalancer() over real sockets: which upstream each connection goes to under each policy, that
// refused upstreams are skipped, and that a connection ends on both sides together (its upstream
// dying, the balancer closing).
import net, { type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startBalancer, type Balancer, type BalancerPolicy } from '../src/balancer.js';
import { freePort } from '../src/ports.js';

// local sockets answer in milliseconds; generous for a busy machine, never a measure of speed
const POLL = { timeout: 10_000 };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server on a free port that greets each connection with its name, then echoes what it gets. */
async function startUpstream(name: string) {
  const sockets = new Set<Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.write(name);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const upstream = {
    port: (server.address() as AddressInfo).port,
    sockets,
    /** new connections are refused; open ones go on */
    stopListening: () => server.close(),
    /** as a kill -9: nothing listens any more, and its connections go (one reset, the others closed) */
    die() {
      server.close();
      [...sockets].forEach((socket, i) => (i === 0 ? socket.resetAndDestroy() : socket.destroy()));
    },
  };
  cleanups.push(() => upstream.die());
  return upstream;
}

async function balancer(upstreams: number[], policy: BalancerPolicy): Promise<Balancer> {
  const started = await startBalancer(upstreams, policy);
  cleanups.push(() => started.close());
  return started;
}

/** A client connected to `port`: what it has received so far, whether it is closed, and its error. */
function dial(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  let closed = false;
  let error: string | undefined;
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code));
  socket.once('close', () => (closed = true));
  cleanups.push(() => socket.destroy());
  return { socket, received: () => received, closed: () => closed, error: () => error };
}

/** Connects through the balancer and returns the name of the upstream that greeted it. */
async function greetedBy(port: number) {
  const client = dial(port);
  await expect.poll(client.received, POLL).not.toBe('');
  return { ...client, upstream: client.received() };
}

describe('startBalancer', () => {
  it('round-robin spreads the connections over the upstreams, and pipes bytes both ways', async () => {
    const [a, b] = [await startUpstream('a'), await startUpstream('b')];
    const lb = await balancer([a.port, b.port], 'round-robin');
    const clients = [];
    for (let i = 0; i < 4; i++) clients.push(await greetedBy(lb.port));
    expect(clients.map((client) => client.upstream)).toEqual(['a', 'b', 'a', 'b']);
    expect([lb.open(a.port), lb.open(b.port)]).toEqual([2, 2]);

    clients[1]!.socket.write('ping');
    await expect.poll(clients[1]!.received, POLL).toBe('bping');
  });

  it('in-order uses the first upstream, and the next once the first stops listening', async () => {
    const [a, b] = [await startUpstream('a'), await startUpstream('b')];
    const lb = await balancer([a.port, b.port], 'in-order');
    const first = await greetedBy(lb.port);
    expect([first.upstream, (await greetedBy(lb.port)).upstream]).toEqual(['a', 'a']);
    expect([lb.open(a.port), lb.open(b.port)]).toEqual([2, 0]);

    a.stopListening();
    expect((await greetedBy(lb.port)).upstream).toBe('b');
    expect([lb.open(a.port), lb.open(b.port)]).toEqual([2, 1]);
    // the connections already on the first one go on
    first.socket.write('still there');
    await expect.poll(first.received, POLL).toBe('astill there');
  });

  it('skips an upstream that refuses the connection, and closes the client when none accepts', async () => {
    const nobody = await freePort();
    const a = await startUpstream('a');
    const lb = await balancer([nobody, a.port], 'round-robin');
    // the first would go to `nobody`, the second to `a`: both end up on `a`
    expect([(await greetedBy(lb.port)).upstream, (await greetedBy(lb.port)).upstream]).toEqual(['a', 'a']);
    expect([lb.open(nobody), lb.open(a.port)]).toEqual([0, 2]);

    const none = await balancer([nobody, await freePort()], 'in-order');
    const client = dial(none.port);
    await expect.poll(client.closed, POLL).toBe(true);
    expect(client.received()).toBe('');
  });

  it("closes a client's connection when its upstream dies, with a reset when the upstream's was reset", async () => {
    const [a, b] = [await startUpstream('a'), await startUpstream('b')];
    const lb = await balancer([a.port, b.port], 'in-order');
    const [reset, ended] = [await greetedBy(lb.port), await greetedBy(lb.port)];
    expect(lb.open(a.port)).toBe(2);

    a.die();
    await expect.poll(() => [reset.closed(), ended.closed()], POLL).toEqual([true, true]);
    expect([reset.error(), ended.error()]).toEqual(['ECONNRESET', undefined]);
    expect(lb.open(a.port)).toBe(0);
    // and the next connection goes to the other one
    expect((await greetedBy(lb.port)).upstream).toBe('b');
  });

  it('pause() closes new connections until resume(); open ones go on', async () => {
    const a = await startUpstream('a');
    const lb = await balancer([a.port], 'in-order');
    const before = await greetedBy(lb.port);

    lb.pause();
    const refused = dial(lb.port);
    await expect.poll(refused.closed, POLL).toBe(true);
    expect(refused.received()).toBe('');
    before.socket.write('!');
    await expect.poll(before.received, POLL).toBe('a!');

    lb.resume();
    expect((await greetedBy(lb.port)).upstream).toBe('a');
    expect(lb.open(a.port)).toBe(2);
  });

  it('close() stops listening and ends every open connection, on both sides', async () => {
    const a = await startUpstream('a');
    const lb = await balancer([a.port], 'in-order');
    const clients = [await greetedBy(lb.port), await greetedBy(lb.port)];
    expect(a.sockets.size).toBe(2);

    await lb.close();
    await expect.poll(() => clients.map((client) => client.closed()), POLL).toEqual([true, true]);
    await expect.poll(() => a.sockets.size, POLL).toBe(0);
    expect(lb.open(a.port)).toBe(0);
    const late = dial(lb.port);
    await expect.poll(late.error, POLL).toBe('ECONNREFUSED');
  });
});
