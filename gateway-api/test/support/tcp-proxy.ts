// A TCP proxy between the API and the database server that can misbehave on demand, as networks do:
//   pass       forward both ways
//   cut        close every connection when the client sends its first command (its first packet
//              with MySQL sequence id 0, i.e. right after logging in): what a dying server or a
//              reset middlebox does to the driver's post-login session statements
//   blackhole  keep the sockets open but forward nothing, either way (a network partition)
// and, in any mode, once armed with armCut(sql): let the next statement whose SQL matches reach the
// server, then cut that connection before the answer comes back (a COMMIT was sent; the client never
// learns what became of it).
import net, { type AddressInfo, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'cut' | 'blackhole';

export interface TcpProxy {
  port: number;
  mode: ProxyMode;
  /** connections cut so far (`cut` mode and armCut) */
  readonly cuts: number;
  /** cuts the next connection that sends a COM_QUERY or COM_STMT_PREPARE whose SQL matches */
  armCut(sql: RegExp): void;
  disarm(): void;
  /** closes every open connection (as a restart of the server would) */
  dropAll(): void;
  close(): Promise<void>;
}

const COM_QUERY = 0x03;
const COM_STMT_PREPARE = 0x16;

/** MySQL packets: 3-byte little-endian length, 1-byte sequence id, payload (a command's first byte
 * is its type); `sql` for statements, as far as the chunk holds them. */
function* packets(buffer: Buffer): Generator<{ sequence: number; sql?: string }> {
  let offset = 0;
  while (offset + 4 <= buffer.length) {
    const length = buffer.readUIntLE(offset, 3);
    const command = buffer[offset + 4];
    const sql =
      command === COM_QUERY || command === COM_STMT_PREPARE
        ? buffer.subarray(offset + 5, Math.min(buffer.length, offset + 4 + length)).toString('utf8')
        : undefined;
    yield { sequence: buffer[offset + 3]!, sql };
    offset += 4 + length;
  }
}

export async function startTcpProxy(
  target: { host: string; port: number },
  mode: ProxyMode = 'pass',
): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let cuts = 0;
  let armed: RegExp | undefined;
  const proxy = {
    port: 0,
    mode,
    get cuts() {
      return cuts;
    },
    armCut: (sql: RegExp) => void (armed = sql),
    disarm: () => void (armed = undefined),
    dropAll() {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        proxy.dropAll();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let statementCut = false;
    const end = () => {
      client.destroy();
      // after armCut the statement still has to reach the server: that side ends by itself
      if (!statementCut) upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    // After the server's greeting (sequence 0) the client answers with sequence 1 and up while it
    // logs in; its first command starts again at 0.
    let loggedIn = false;
    client.on('data', (chunk: Buffer) => {
      if (proxy.mode === 'blackhole') return;
      const pattern = armed;
      if (pattern && [...packets(chunk)].some(({ sql }) => sql !== undefined && pattern.test(sql))) {
        armed = undefined;
        statementCut = true;
        cuts++;
        // The server gets the statement, then end of input (it runs it, then sees the client gone);
        // the client gets nothing back, only its socket closing.
        upstream.end(chunk);
        client.destroy();
        return;
      }
      if (proxy.mode === 'cut') {
        for (const { sequence } of packets(chunk)) {
          if (sequence === 0 && loggedIn) {
            cuts++;
            end();
            return;
          }
          loggedIn = true;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (proxy.mode !== 'blackhole') client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  return proxy;
}
