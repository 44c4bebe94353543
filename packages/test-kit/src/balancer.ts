// A TCP load balancer on 127.0.0.1 over a few upstream ports: the stand-in for a Kubernetes Service
// (an L4 load balancer over the ready pods) when a test runs several API replicas on one machine and
// a client must reach "the API", not one replica. Each new connection goes to an upstream chosen by
// the policy:
//   in-order     the first upstream that accepts it: fail-over, deterministic
//   round-robin  the next upstream in turn
// An upstream that refuses the connection (nothing listens there: its process died) is skipped for
// the next one; when none accepts, the client's socket is destroyed. Bytes are piped both ways, and a
// connection ends on both sides together: when an upstream dies, its clients' connections are cut,
// as a Service's conntrack entries die with the pod.
import net, { type AddressInfo, type Socket } from 'node:net';

export type BalancerPolicy = 'in-order' | 'round-robin';

export interface Balancer {
  /** where clients connect, on 127.0.0.1 */
  port: number;
  /** how many connections to this upstream (one of the ports given) are open now */
  open(upstream: number): number;
  /**
   * Until resume(), each new connection is closed at once, as when no upstream accepts it (a Service
   * with no ready endpoint); open connections go on. How a test keeps a client from reconnecting
   * until it has done what the client must then catch up on.
   */
  pause(): void;
  resume(): void;
  /** stops listening and destroys every open connection */
  close(): Promise<void>;
}

/** The connected socket, or undefined when the port refuses (or the attempt fails otherwise). */
function connect(port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.off('error', refused);
      resolve(socket);
    });
    const refused = () => resolve(undefined);
    socket.once('error', refused);
  });
}

export async function startBalancer(upstreams: number[], policy: BalancerPolicy = 'in-order'): Promise<Balancer> {
  if (upstreams.length === 0) throw new Error('startBalancer: no upstream');
  const counts = new Map(upstreams.map((port) => [port, 0]));
  const sockets = new Set<Socket>();
  let next = 0;
  let paused = false;
  let closing = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // a reset or a failed write: 'close' follows, which ends the other side
    socket.on('error', () => socket.destroy());
  };

  /** Tries the upstreams from `first` on, in order, wrapping around; the first that accepts wins. */
  async function dial(first: number): Promise<{ upstream: Socket; port: number } | undefined> {
    for (let i = 0; i < upstreams.length; i++) {
      const port = upstreams[(first + i) % upstreams.length]!;
      const upstream = await connect(port);
      if (upstream) return { upstream, port };
    }
    return undefined;
  }

  const server = net.createServer(async (client) => {
    // Until piped, the client's bytes wait in its socket (a socket does not flow before it is read).
    track(client);
    const chosen = paused || closing ? undefined : await dial(policy === 'round-robin' ? next++ : 0);
    if (!chosen || client.destroyed || closing) {
      client.destroy();
      chosen?.upstream.destroy();
      return;
    }
    const { upstream, port } = chosen;
    track(upstream);
    counts.set(port, counts.get(port)! + 1);
    let counted = true;
    // Either side closing ends the other: cleanly (once what it still has to write is written) when
    // that side closed cleanly, with a reset when it failed (say, was reset itself).
    const ended = (other: Socket) => (hadError: boolean) => {
      if (counted) {
        counted = false;
        counts.set(port, counts.get(port)! - 1);
      }
      if (other.destroyed) return;
      if (hadError) other.resetAndDestroy();
      else other.end(() => other.destroy());
    };
    upstream.once('close', ended(client));
    client.once('close', ended(upstream));
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });

  return {
    port: (server.address() as AddressInfo).port,
    open: (upstream) => counts.get(upstream) ?? 0,
    pause: () => void (paused = true),
    resume: () => void (paused = false),
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
