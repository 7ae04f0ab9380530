import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { awsId, headerPairsOf, sourceIpOf, splitTarget } from '../http-api/aws-format';
import { listenOnLoopback, type LoopbackServer } from '../../http-server';
import { writeResponse } from '../http-api/http-io';
import { gatewayError } from '../http-api/response';
import { buildConnectEvent, buildDisconnectEvent, buildMessageEvent, type ConnectionInfo } from './events';
import { connectDecision, type ConnectDecision, isValidHandshake, refuseHandshake } from './handshake';
import { connectionJournal } from './journal';
import {
  handleManagementRequest,
  type ManagedConnections,
  managementConnectionId,
  MESSAGE_SIZE_LIMIT,
} from './management-api';
import {
  DEFAULT_ROUTE_SELECTION_EXPRESSION,
  forbiddenFrame,
  internalErrorFrame,
  responseFrame,
  selectRoute,
} from './route-selection';
import type { RunningWebSocketApi, WebSocketApiOptions, WebSocketRoute } from './types';

const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60 * 1000;
/** How long `close()` lets clients answer the close handshake before dropping them. */
const SHUTDOWN_GRACE_MS = 1000;

interface CloseInfo {
  code: number;
  reason: string;
}

interface Connection {
  info: ConnectionInfo;
  socket: WebSocket;
  lastActiveAt: number;
  idleTimer: NodeJS.Timeout;
  /** Set once the server started closing it: `@connections` then answers 410. */
  closing: boolean;
  /** The close the server initiated (or the protocol error it closed for); reported to `$disconnect`. */
  initiated?: CloseInfo;
  disconnected: boolean;
  closed: Promise<void>;
}

function rawDataToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** The close code for a protocol error `ws` reports on a connection. */
function closeForError(error: Error & { code?: string }): CloseInfo {
  if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return { code: 1009, reason: 'Message too big' };
  if (error.code === 'WS_ERR_INVALID_UTF8') return { code: 1007, reason: 'Invalid frame payload data' };
  return { code: 1002, reason: 'Protocol error' };
}

/**
 * Starts a local API Gateway WebSocket API on 127.0.0.1: `$connect` decides the handshake,
 * messages are routed by the selection expression, `$disconnect` runs exactly once per accepted
 * connection, and the `@connections` management API is served on the same port.
 */
export async function startWebSocketApi(options: WebSocketApiOptions): Promise<RunningWebSocketApi> {
  const { stage, apiId, invoke } = options;
  const expression = options.routeSelectionExpression ?? DEFAULT_ROUTE_SELECTION_EXPRESSION;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const log = options.log ?? (() => undefined);
  let routes = new Map<string, WebSocketRoute>(options.routes.map((r) => [r.routeKey, r]));
  let routeKeys = new Set(routes.keys());
  const connections = new Map<string, Connection>();
  const inFlight = new Set<Promise<void>>();
  const chosenProtocols = new WeakMap<IncomingMessage, string>();
  let closing = false;
  let port = 0;
  const journal = options.journalFile ? connectionJournal(options.journalFile) : undefined;

  const track = (work: Promise<void>): void => {
    const guarded = work.catch((error: unknown) => log(`websocket-api: ${String(error)}`));
    inFlight.add(guarded);
    void guarded.finally(() => inFlight.delete(guarded));
  };
  const newIds = () => ({ requestId: awsId(), extendedRequestId: awsId(), now: new Date() });
  const send = (conn: Connection, text: string): void => {
    if (conn.socket.readyState === WebSocket.OPEN) conn.socket.send(text);
  };
  const usable = (id: string): Connection | undefined => {
    const conn = connections.get(id);
    return conn && !conn.closing && conn.socket.readyState === WebSocket.OPEN ? conn : undefined;
  };

  async function invokeDisconnect(info: ConnectionInfo, close: CloseInfo): Promise<void> {
    const route = routes.get('$disconnect');
    if (!route) return;
    try {
      await invoke(route.functionName, buildDisconnectEvent(info, newIds(), close));
    } catch (error) {
      log(`websocket-api: $disconnect of ${info.connectionId} failed: ${String(error)}`);
    }
  }

  function closeConnection(conn: Connection, close: CloseInfo, clientReason?: string): void {
    if (conn.closing) return;
    conn.closing = true;
    conn.initiated ??= close;
    conn.socket.close(close.code, clientReason);
  }

  function finalize(conn: Connection, code: number, reason: string): Promise<void> {
    if (conn.disconnected) return Promise.resolve();
    conn.disconnected = true;
    clearTimeout(conn.idleTimer);
    connections.delete(conn.info.connectionId);
    return invokeDisconnect(conn.info, conn.initiated ?? { code, reason }).finally(() =>
      journal?.closed(conn.info.connectionId),
    );
  }

  /** `$disconnect` for the connections a previous run left open (it was killed: they are gone). */
  async function disconnectLeftOpen(): Promise<void> {
    const left = journal?.leftOpen() ?? [];
    if (left.length === 0) return;
    await Promise.all(
      left.map(async (info) => {
        await invokeDisconnect(info, { code: 1006, reason: '' });
        journal?.closed(info.connectionId);
      }),
    );
    log(`websocket-api: ran $disconnect for ${left.length} connection(s) the previous run left open`);
  }

  async function onMessage(conn: Connection, data: RawData, isBinary: boolean): Promise<void> {
    if (conn.closing) return;
    options.onTraffic?.('client-message');
    conn.lastActiveAt = Date.now();
    conn.idleTimer.refresh();
    if (isBinary) {
      closeConnection(conn, { code: 1003, reason: 'Unsupported data' }, 'Unsupported data');
      return;
    }
    const body = rawDataToString(data);
    const ids = { ...newIds(), messageId: awsId() };
    const routeKey = selectRoute(body, expression, routeKeys);
    const route = routeKey === undefined ? undefined : routes.get(routeKey);
    if (!routeKey || !route) {
      send(conn, forbiddenFrame(conn.info.connectionId, ids.requestId));
      return;
    }
    try {
      const result = await invoke(route.functionName, buildMessageEvent(conn.info, ids, routeKey, body));
      const frame = route.returnResponse ? responseFrame(result) : undefined;
      if (frame !== undefined) send(conn, frame);
    } catch (error) {
      log(`websocket-api: ${routeKey} -> ${route.functionName} failed: ${String(error)}`);
      send(conn, internalErrorFrame(conn.info.connectionId, ids.requestId));
    }
  }

  function register(socket: WebSocket, info: ConnectionInfo): void {
    let markClosed = (): void => undefined;
    const conn: Connection = {
      info,
      socket,
      lastActiveAt: info.connectedAt,
      idleTimer: setTimeout(
        () => closeConnection(conn, { code: 1001, reason: 'Going away' }, 'Going away'),
        idleTimeoutMs,
      ),
      closing: false,
      disconnected: false,
      closed: new Promise<void>((resolve) => (markClosed = resolve)),
    };
    connections.set(info.connectionId, conn);
    journal?.opened(info);
    socket.on('message', (data, isBinary) => track(onMessage(conn, data, isBinary)));
    socket.on('ping', () => conn.idleTimer.refresh());
    socket.on('error', (error) => {
      conn.initiated ??= closeForError(error);
      conn.closing = true;
    });
    socket.on('close', (code, reason) => {
      markClosed();
      track(finalize(conn, code, reason.toString('utf8')));
    });
  }

  async function runConnect(
    info: ConnectionInfo,
    req: IncomingMessage,
    rawQueryString: string,
  ): Promise<ConnectDecision> {
    options.onTraffic?.('connect');
    const route = routes.get('$connect');
    if (!route) return { statusCode: 200 };
    const event = buildConnectEvent(
      info,
      { ...newIds(), now: new Date(info.connectedAt) },
      {
        headers: headerPairsOf(req.rawHeaders),
        rawQueryString,
        localPort: port,
      },
    );
    try {
      return connectDecision(await invoke(route.functionName, event));
    } catch (error) {
      log(`websocket-api: $connect -> ${route.functionName} failed: ${String(error)}`);
      return { statusCode: 500, body: '{"message": "Internal server error"}' };
    }
  }

  async function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => undefined);
    const { rawPath, rawQueryString } = splitTarget(req.url ?? '/');
    const path = rawPath.replace(/\/$/, '');
    if (path !== '' && path !== `/${stage}`) return refuseHandshake(socket, 404);
    if (closing) return refuseHandshake(socket, 503);
    if (!isValidHandshake(req)) return refuseHandshake(socket, 400);

    const info: ConnectionInfo = {
      connectionId: awsId(),
      connectedAt: Date.now(),
      sourceIp: sourceIpOf(req.socket.remoteAddress),
      userAgent: req.headers['user-agent'] ?? '',
      domainName: req.headers.host ?? `127.0.0.1:${port}`,
      stage,
      apiId,
    };
    const decision = await runConnect(info, req, rawQueryString);
    if (decision.statusCode < 200 || decision.statusCode > 299) {
      return refuseHandshake(socket, decision.statusCode, decision.body);
    }
    if (decision.protocol) chosenProtocols.set(req, decision.protocol);
    let opened = false;
    if (!closing && !socket.destroyed) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        opened = true;
        register(ws, info);
      });
    }
    if (!opened) {
      // $connect accepted it, but it can no longer open: report its end like any other.
      socket.destroy();
      await invokeDisconnect(
        info,
        closing ? { code: 1001, reason: 'Going away' } : { code: 1006, reason: '' },
      );
    }
  }

  const managed: ManagedConnections = {
    describe(id) {
      const conn = usable(id);
      if (!conn) return undefined;
      const { connectedAt, sourceIp, userAgent } = conn.info;
      return { connectedAt, lastActiveAt: conn.lastActiveAt, sourceIp, userAgent };
    },
    send(id, data) {
      options.onTraffic?.('post');
      const conn = usable(id);
      if (conn) conn.socket.send(data);
      return conn !== undefined;
    },
    disconnect(id) {
      const conn = usable(id);
      if (conn) closeConnection(conn, { code: 1000, reason: '' });
      return conn !== undefined;
    },
  };

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MESSAGE_SIZE_LIMIT,
    perMessageDeflate: false,
    handleProtocols: (_protocols, req) => chosenProtocols.get(req) ?? false,
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const requestId = awsId();
    const extraHeaders: Array<[string, string]> = [['x-amzn-requestid', requestId]];
    const { rawPath } = splitTarget(req.url ?? '/');
    const connectionId = managementConnectionId(rawPath, stage);
    if (connectionId !== undefined) {
      handleManagementRequest(req, res, connectionId, managed, extraHeaders).catch((error: unknown) => {
        log(`websocket-api: ${req.method} ${rawPath} failed: ${String(error)}`);
        writeResponse(res, gatewayError(500, 'Internal Server Error'), extraHeaders);
      });
      return;
    }
    const path = rawPath.replace(/\/$/, '');
    const isConnectPath = path === '' || path === `/${stage}`;
    req.resume();
    writeResponse(
      res,
      isConnectPath ? gatewayError(426, 'Upgrade Required') : gatewayError(404, 'Not Found'),
      extraHeaders,
    );
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    track(onUpgrade(req, socket, head)),
  );

  let closed: Promise<void> | undefined;
  async function shutDown(): Promise<void> {
    closing = true;
    const open = [...connections.values()];
    for (const conn of open) closeConnection(conn, { code: 1001, reason: 'Going away' }, 'Going away');
    let graceTimer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(open.map((c) => c.closed)),
      new Promise<void>((resolve) => (graceTimer = setTimeout(resolve, SHUTDOWN_GRACE_MS))),
    ]);
    clearTimeout(graceTimer);
    for (const conn of open) conn.socket.terminate();
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    wss.close();
    await listening.close();
  }

  const listening: LoopbackServer = await listenOnLoopback(server, {
    name: 'the local WebSocket API',
    port: options.port,
  });
  port = listening.port;
  track(disconnectLeftOpen());
  return {
    url: listening.url.replace(/^http:/, 'ws:'),
    port,
    managementEndpoint: `${listening.url}/${stage}`,
    connectionIds: () => [...connections.keys()].filter((id) => usable(id) !== undefined),
    setRoutes(next: WebSocketRoute[]) {
      routes = new Map(next.map((r) => [r.routeKey, r]));
      routeKeys = new Set(routes.keys());
    },
    close: () => (closed ??= shutDown()),
  };
}
