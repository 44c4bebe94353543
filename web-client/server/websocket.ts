// WebSockets on /graphql (graphql-ws's graphql-transport-ws protocol: live boards), proxied to the API.
//
// Written on `ws` (the library @fastify/http-proxy uses underneath) rather than with that plugin's
// `websocket: true`, which its README calls partial and which, measured against graphql-ws's client
// (its retry rules: client.js, shouldRetryConnectOrThrow), would break reconnects: it accepts the
// browser's upgrade before it has reached the API, so an API that is unreachable or refuses the
// upgrade shows as a close with 1011 (and the internal address in the reason), which the client
// treats as fatal and never retries; an API close without a code reaches the browser as 4005,
// graphql-ws's fatal "internal client error"; its shutdown sends no code; and it logs no request id.
// Here, as nginx and Traefik do, the browser's handshake is answered only once the API has answered
// its own: the API's 101 becomes ours, anything else becomes an HTTP error (which clients retry).
import { ServerResponse, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import WebSocket, { WebSocketServer, type RawData, type ServerOptions } from 'ws';
import { sameOrigin } from './origin.js';
import { forwardedRequestHeaders, graphqlError } from './proxy.js';

/** Sent to browsers when this server shuts down: Service Restart, as gateway-api closes its own
 * sockets with, so a browser sees one code whichever replica stops. graphql-ws's client reconnects on
 * it (and on 1001, 1005, 1006, 1013, 1014; 1011 and the other 1xxx it treats as fatal), through the
 * ingress to a replica that is not stopping. */
export const SERVICE_RESTART = 1012;
/** Sent to the API when a browser goes away (or this server does): RFC 6455 7.4.1, "an endpoint is
 * going away", so that it ends the subscriptions at once. */
export const GOING_AWAY = 1001;
/** Sent to the browser when the connection to the API is lost without a close frame (the API's
 * process died, or stopped answering pings). IANA: "the server was acting as a gateway or proxy and
 * received an invalid response from the upstream server". graphql-ws's client reconnects on it. */
export const BAD_GATEWAY = 1014;

/** Where browsers open their WebSocket: the same path as the HTTP endpoint, as graphql-ws expects. */
const GRAPHQL_PATH = '/graphql';

export interface WebSocketProxyOptions {
  /** the API's GraphQL endpoint (http: or https:), dialled as ws: or wss: */
  upstream: URL;
  /** the longest the API may take to answer the upgrade (TCP, TLS and HTTP together) */
  connectTimeoutMs: number;
  /** the largest message a browser may send, bytes; larger ones close the connection with 1009 */
  maxMessageBytes: number;
  /** both sides are pinged this often; one that has not answered by the next ping is cut off */
  heartbeatMs: number;
  /** how long a close handshake (ours at shutdown, or one passed on) may take before the socket is cut */
  closeTimeoutMs: number;
  isDraining: () => boolean;
}

/** Node's http server hands these to the 'upgrade' listener, everything else to Fastify's handler. */
export function isWebSocketUpgrade(request: IncomingMessage): boolean {
  return request.headers.upgrade?.toLowerCase() === 'websocket';
}

const kUpgrade = Symbol('websocket upgrade');
interface Upgrading extends IncomingMessage {
  [kUpgrade]?: { socket: Duplex; head: Buffer; protocol?: string; extraHeaders: string[] };
}

/** Headers of the handshake itself: the browser's are for this hop, `ws` writes the API's own. */
const HANDSHAKE_HEADERS = [
  'host',
  'content-length',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
  'sec-websocket-accept',
];
/** Of the API's answer to a refused upgrade, what the browser gets (with the status and body). */
const REFUSAL_HEADERS = ['content-type', 'retry-after', 'set-cookie', 'www-authenticate'];
const MAX_REFUSAL_BODY = 16 * 1024;
// What ws.WebSocketServer checks too (RFC 6455 4.2.1); checked first here so that a malformed
// handshake never costs a connection to the API.
const KEY = /^[+/0-9A-Za-z]{22}==$/;
const TOKEN = /^[!#$%&'*+\-.^`|~\w]+$/;

interface Pair {
  browser: WebSocket;
  api: WebSocket;
  browserAnswered: boolean;
  apiAnswered: boolean;
  closed: Promise<void>;
}

export function registerGraphqlWebSocketProxy(app: FastifyInstance, options: WebSocketProxyOptions): void {
  const { upstream, connectTimeoutMs, maxMessageBytes, heartbeatMs, closeTimeoutMs, isDraining } = options;
  const live = new Set<Pair>();
  const dialling = new Set<WebSocket>();

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: maxMessageBytes,
    perMessageDeflate: false,
    closeTimeout: closeTimeoutMs,
    // The protocol the API chose (graphql-transport-ws), or none if it chose none.
    handleProtocols: (_offered, request) => (request as Upgrading)[kUpgrade]?.protocol ?? false,
  } as ServerOptions & { closeTimeout: number });
  wss.on('headers', (headers, request) => headers.push(...((request as Upgrading)[kUpgrade]?.extraHeaders ?? [])));

  // Upgrades go through Fastify's router like any request: request id, log lines, security headers,
  // 404 elsewhere, 503 once closing. The answer, if not a 101, is written on the upgrading socket.
  app.server.on('upgrade', (raw: Upgrading, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => app.log.debug({ err: error }, 'websocket upgrade: socket error'));
    raw[kUpgrade] = { socket, head, extraHeaders: [] };
    const response = new ServerResponse(raw);
    response.assignSocket(socket as Socket);
    // No HTTP parser reads this socket any more: an answer other than 101 is its last.
    response.shouldKeepAlive = false;
    response.once('finish', () => socket.end(() => socket.destroy()));
    app.routing(raw, response);
  });

  app.addHook('onRequest', async (request, reply) => {
    const upgrade = (request.raw as Upgrading)[kUpgrade];
    if (!upgrade) return;
    if (request.routeOptions.url !== GRAPHQL_PATH || request.method !== 'GET') {
      return graphqlError(reply, 404, 'NOT_FOUND', `No WebSocket endpoint at ${request.url.split('?', 1)[0]}.`);
    }
    if (isDraining()) {
      return shuttingDown(reply);
    }
    // The CSRF check of WebSockets. A browser sends the page's Origin with every WebSocket handshake
    // and lets no script change it, but no CORS preflight guards the handshake, and the session
    // cookie goes with it: without this check any page could open the socket as the signed-in user
    // (cross-site WebSocket hijacking). SameSite=Lax keeps the cookie from cross-site pages, but not
    // from a sibling subdomain (same site, another origin). Clients other than browsers send no
    // Origin and gain nothing by forging one: they are let through, as by the HTTP endpoint.
    if (!sameOrigin(request.headers.origin, request.headers.host)) {
      request.log.warn({ origin: request.headers.origin }, 'websocket refused: cross-origin');
      return graphqlError(reply, 403, 'FORBIDDEN', 'Cross-origin WebSocket connections are refused.');
    }
    const protocols = handshakeProtocols(request.headers);
    if (!protocols) return graphqlError(reply, 400, 'BAD_REQUEST', 'Invalid WebSocket handshake.');

    const outcome = await dial(request, protocols, upgrade.socket);
    if (outcome.kind === 'gone') return reply.hijack();
    if (outcome.kind === 'failed') {
      if (isDraining()) {
        return shuttingDown(reply);
      }
      const status = outcome.timedOut ? 504 : 502;
      request.log.warn(
        { upstream: upstream.origin, err: outcome.error },
        `websocket: the API is unreachable: ${status}`,
      );
      return outcome.timedOut
        ? graphqlError(reply, 504, 'GATEWAY_TIMEOUT', 'The API did not answer in time. Please retry in a moment.')
        : graphqlError(reply, 502, 'BAD_GATEWAY', 'The API is unreachable. Please retry in a moment.');
    }
    if (outcome.kind === 'refused') {
      request.log.warn({ status: outcome.status }, 'websocket refused by the API');
      void reply.code(outcome.status).header('cache-control', 'no-store');
      for (const name of REFUSAL_HEADERS) {
        const value = outcome.headers[name];
        if (value !== undefined) void reply.header(name, value);
      }
      return reply.send(outcome.body);
    }

    const { api } = outcome;
    if (isDraining()) {
      api.close(GOING_AWAY, 'server shutting down');
      return shuttingDown(reply);
    }
    upgrade.protocol = api.protocol || undefined;
    upgrade.extraHeaders.push(`x-request-id: ${request.id}`);
    for (const cookie of outcome.setCookie) upgrade.extraHeaders.push(`set-cookie: ${cookie}`);
    reply.hijack();
    let accepted = false;
    wss.handleUpgrade(request.raw, upgrade.socket, upgrade.head, (browser) => {
      accepted = true;
      relay(request, browser, api);
    });
    // ws drops a socket the browser has already half-closed without calling back: let the API go too.
    if (!accepted) api.close(GOING_AWAY, 'client gone');
    return reply;
  });

  type Outcome =
    | { kind: 'open'; api: WebSocket; setCookie: string[] }
    | { kind: 'refused'; status: number; headers: IncomingHttpHeaders; body: Buffer }
    | { kind: 'failed'; timedOut: boolean; error: Error }
    | { kind: 'gone' };

  /** Opens the API's side of the connection, with the browser's cookie, request id and origin. */
  function dial(request: FastifyRequest, protocols: string[], browserSocket: Duplex): Promise<Outcome> {
    const target = new URL(upstream.href);
    target.protocol = upstream.protocol === 'https:' ? 'wss:' : 'ws:';
    target.search = new URL(request.url, 'http://x').search;
    const headers = forwardedRequestHeaders(request, request.headers);
    for (const name of HANDSHAKE_HEADERS) delete headers[name];

    return new Promise((resolve) => {
      let settled = false;
      const settle = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        dialling.delete(api);
        browserSocket.off('close', onBrowserGone);
        resolve(outcome);
      };
      const api = new WebSocket(target, protocols, {
        headers: headers as Record<string, string>,
        handshakeTimeout: connectTimeoutMs,
        followRedirects: false,
        perMessageDeflate: false,
        // The API's pings are passed to the browser, whose pongs go back: its keep-alive measures
        // the whole path, not this hop.
        autoPong: false,
        closeTimeout: closeTimeoutMs,
      } as WebSocket.ClientOptions & { closeTimeout: number });
      dialling.add(api);
      // Errors after the handshake are followed by 'close', which relay() handles.
      api.on('error', (error) => settle({ kind: 'failed', timedOut: /timed out/i.test(error.message), error }));
      let setCookie: string[] = [];
      api.once('upgrade', (response) => (setCookie = response.headers['set-cookie'] ?? []));
      api.once('open', () => settle({ kind: 'open', api, setCookie }));
      api.once('unexpected-response', (clientRequest, response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_REFUSAL_BODY) chunks.push(chunk);
          else response.destroy();
        });
        response.once('close', () => {
          clientRequest.destroy();
          settle({
            kind: 'refused',
            status: response.statusCode ?? 502,
            headers: response.headers,
            body: size <= MAX_REFUSAL_BODY ? Buffer.concat(chunks) : Buffer.alloc(0),
          });
        });
      });
      const onBrowserGone = () => {
        api.terminate();
        settle({ kind: 'gone' });
      };
      browserSocket.once('close', onBrowserGone);
    });
  }

  /** Passes messages, pings and close codes between the two sides until either closes. */
  function relay(request: FastifyRequest, browser: WebSocket, api: WebSocket) {
    const opened = performance.now();
    let markClosed!: () => void;
    const pair: Pair = {
      browser,
      api,
      browserAnswered: true,
      apiAnswered: true,
      closed: new Promise((resolve) => (markClosed = resolve)),
    };
    live.add(pair);
    request.log.info({ protocol: browser.protocol }, 'websocket opened');

    browser.on('message', (data: RawData, binary: boolean) => {
      pair.browserAnswered = true;
      api.send(data, { binary });
    });
    api.on('message', (data: RawData, binary: boolean) => {
      pair.apiAnswered = true;
      browser.send(data, { binary });
    });
    api.on('ping', (data) => browser.ping(data));
    browser.on('pong', (data) => {
      pair.browserAnswered = true;
      api.pong(data);
    });
    api.on('pong', () => (pair.apiAnswered = true));

    let first: { side: 'browser' | 'api'; code: number; reason: string } | undefined;
    // The code ws closed a side with after a protocol error: that side's 'close' says 1006 (ws stops
    // reading on error), the other side is told why.
    const failedWith: { browser?: number } = {};
    let open = 2;
    const onClose = (side: 'browser' | 'api') => (received: number, reason: Buffer) => {
      const code = received === 1006 && side === 'browser' ? (failedWith.browser ?? received) : received;
      first ??= { side, code, reason: reason.toString() };
      const other = side === 'browser' ? api : browser;
      passOn(other, code, reason, side === 'browser' ? GOING_AWAY : BAD_GATEWAY);
      if (--open > 0) return;
      live.delete(pair);
      request.log.info(
        {
          closedBy: first.side,
          code: first.code,
          reason: first.reason,
          durationMs: Math.round(performance.now() - opened),
        },
        'websocket closed',
      );
      markClosed();
    };
    browser.on('close', onClose('browser'));
    api.on('close', onClose('api'));
    // Each 'error' is followed by 'close' (a message over maxMessageBytes: 1009 to the browser).
    // A bad frame from the API is a bad response from upstream: the browser gets 1014 for it.
    browser.on('error', (error: Error & { code?: string }) => {
      if (error.code?.startsWith('WS_ERR_')) failedWith.browser = PROTOCOL_ERRORS[error.code] ?? 1002;
      request.log.info({ err: error }, 'websocket: browser side failed');
    });
    api.on('error', (error) => request.log.warn({ err: error }, 'websocket: API side failed'));
  }

  // One timer for every connection: a side that has sent nothing since the last round (no pong, no
  // message) is cut off, and its close is passed on. Dead peers (a laptop closed, a node gone)
  // otherwise hold both sockets, and the API's subscriptions, for as long as TCP takes to notice.
  const heartbeat = setInterval(() => {
    for (const pair of live) {
      for (const side of ['browser', 'api'] as const) {
        const socket = pair[side];
        if (socket.readyState !== WebSocket.OPEN) continue;
        if (!pair[`${side}Answered`]) {
          socket.terminate();
          continue;
        }
        pair[`${side}Answered`] = false;
        socket.ping();
      }
    }
  }, heartbeatMs).unref();

  // On close (SIGTERM), before the listener closes: open connections would hold it open forever.
  // Browsers get 1012 now, so that they reconnect (to another replica) at once, and the API 1001, so
  // that it ends their subscriptions; a peer that does not complete the close handshake is cut off
  // after closeTimeoutMs by ws itself.
  app.addHook('preClose', async () => {
    clearInterval(heartbeat);
    for (const api of dialling) api.terminate();
    const pairs = [...live];
    if (pairs.length) app.log.info({ connections: pairs.length }, 'closing websockets: 1012 service restart');
    for (const { browser, api } of pairs) {
      browser.close(SERVICE_RESTART, 'Server restarting');
      api.close(GOING_AWAY, 'going away');
    }
    await Promise.all(pairs.map((pair) => pair.closed));
  });
}

/** The answer to an upgrade once this server drains: the browser reconnects, to another replica. */
const shuttingDown = (reply: FastifyReply) =>
  graphqlError(reply, 503, 'SHUTTING_DOWN', 'This server is shutting down. Please reconnect.');

/** The close code ws sends after each kind of bad frame (its lib/receiver.js); 1002 for the rest. */
const PROTOCOL_ERRORS: Record<string, number> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: 1009,
  WS_ERR_INVALID_UTF8: 1007,
  WS_ERR_TOO_MANY_BUFFERED_PARTS: 1008,
};

/** Passes a close on: a code the other side can be sent as is; none (1005) as none; a lost
 * connection (1006, never sent on the wire) as `lost`. */
function passOn(to: WebSocket, code: number, reason: Buffer, lost: number) {
  if (to.readyState !== WebSocket.OPEN) return;
  if (code === 1005) to.close();
  else if (code === 1006) to.close(lost, 'connection lost');
  else to.close(code, reason);
}

/** The subprotocols the browser offers, or undefined when the handshake is malformed. */
function handshakeProtocols(headers: IncomingHttpHeaders): string[] | undefined {
  const version = headers['sec-websocket-version'];
  if (!KEY.test(headers['sec-websocket-key'] ?? '') || (version !== '13' && version !== '8')) return undefined;
  const offered = headers['sec-websocket-protocol'];
  if (offered === undefined) return [];
  const protocols = offered.split(',').map((protocol) => protocol.trim());
  if (protocols.some((protocol) => !TOKEN.test(protocol)) || new Set(protocols).size !== protocols.length) {
    return undefined;
  }
  return protocols;
}
