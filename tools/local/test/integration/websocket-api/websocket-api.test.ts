import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import {
  type RunningWebSocketApi,
  startWebSocketApi,
  type WebSocketApiOptions,
  type WebSocketRoute,
} from '../../../src/cloud/websocket-api';
import { eventually, openSocket, refusedStatus, type TestSocket } from '@chat/testing';
import { recorder } from './ws-test-support';

/** The servers run in this process: poll often. */
const SOON = { intervalMs: 10 };

const ROUTES: WebSocketRoute[] = [
  { routeKey: '$connect', functionName: 'rt.connect' },
  { routeKey: '$disconnect', functionName: 'rt.disconnect' },
  { routeKey: '$default', functionName: 'rt.default' },
  { routeKey: 'sendMessage', functionName: 'rt.sendMessage' },
  { routeKey: 'ping', functionName: 'rt.ping', returnResponse: true },
];

describe('startWebSocketApi', () => {
  let rec: ReturnType<typeof recorder>;
  let api: RunningWebSocketApi;
  let management: ApiGatewayManagementApiClient;
  const clients: TestSocket[] = [];

  async function start(overrides: Partial<WebSocketApiOptions> = {}): Promise<void> {
    api = await startWebSocketApi({
      port: 0,
      stage: 'local',
      apiId: 'wsapi1',
      region: 'us-east-1',
      accountId: '000000000000',
      routes: ROUTES,
      invoke: rec.invoke,
      ...overrides,
    });
    management = new ApiGatewayManagementApiClient({
      endpoint: api.managementEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  }

  async function open(query = ''): Promise<{ client: TestSocket; connectionId: string }> {
    const before = rec.eventsOf('rt.connect').length;
    const client = await openSocket(`${api.url}/local${query}`);
    clients.push(client);
    const connectEvent = rec.eventsOf('rt.connect')[before];
    if (!connectEvent) throw new Error('$connect was not invoked');
    return { client, connectionId: connectEvent.requestContext.connectionId };
  }

  beforeEach(async () => {
    rec = recorder();
    await start();
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.socket.terminate();
    management.destroy();
    await api.close();
  });

  it('reports its URL and management endpoint on 127.0.0.1', () => {
    expect(api.url).toBe(`ws://127.0.0.1:${api.port}`);
    expect(api.managementEndpoint).toBe(`http://127.0.0.1:${api.port}/local`);
  });

  it('invokes $connect with the CONNECT event and opens the connection after a 2xx', async () => {
    const { connectionId } = await open('?token=abc&x=1&x=2');

    const [event] = rec.eventsOf('rt.connect');
    expect(connectionId).toMatch(/^[A-Za-z0-9]{15}=$/);
    expect(event).toMatchObject({
      queryStringParameters: { token: 'abc', x: '2' },
      multiValueQueryStringParameters: { token: ['abc'], x: ['1', '2'] },
      isBase64Encoded: false,
      requestContext: {
        routeKey: '$connect',
        eventType: 'CONNECT',
        messageDirection: 'IN',
        stage: 'local',
        apiId: 'wsapi1',
        domainName: `127.0.0.1:${api.port}`,
        identity: { sourceIp: '127.0.0.1' },
      },
    });
    expect(event?.headers).toMatchObject({ Host: `127.0.0.1:${api.port}`, 'Sec-WebSocket-Version': '13' });
    expect(api.connectionIds()).toEqual([connectionId]);
  });

  it('accepts connections on the root path as well as on the stage path', async () => {
    const client = await openSocket(`${api.url}/?token=t`);
    clients.push(client);

    expect(rec.eventsOf('rt.connect')[0]?.queryStringParameters).toEqual({ token: 't' });
    expect(api.connectionIds()).toHaveLength(1);
  });

  it('selects the subprotocol $connect returned in Sec-WebSocket-Protocol', async () => {
    rec.handlers.set('rt.connect', () => ({
      statusCode: 200,
      headers: { 'Sec-WebSocket-Protocol': 'chat.v1' },
    }));

    const client = await openSocket(`${api.url}/local`, ['chat.v1', 'chat.v0']);
    clients.push(client);

    expect(client.socket.protocol).toBe('chat.v1');
  });

  it.each([401, 429])(
    'refuses the handshake with the status $connect returned (%i), and never opens the socket',
    async (statusCode) => {
      rec.handlers.set('rt.connect', () => ({ statusCode, body: '{"error":{"code":"X","message":"no"}}' }));

      const status = await refusedStatus(`${api.url}/local?token=bad`);

      expect(status).toBe(statusCode);
      expect(api.connectionIds()).toEqual([]);
    },
  );

  it('refuses the handshake with 500 when $connect throws, without a $disconnect', async () => {
    rec.handlers.set('rt.connect', () => {
      throw new Error('boom');
    });

    const status = await refusedStatus(`${api.url}/local`);
    await api.close();

    expect(status).toBe(500);
    expect(rec.eventsOf('rt.disconnect')).toEqual([]);
  });

  it('routes a message by its action with the MESSAGE event', async () => {
    const { client, connectionId } = await open();
    const body = JSON.stringify({ action: 'sendMessage', text: 'hi' });

    client.socket.send(body);
    const [event] = await eventually(
      () => {
        const events = rec.eventsOf('rt.sendMessage');
        return events.length > 0 && events;
      },
      { ...SOON, what: 'sendMessage invocation' },
    );

    expect(event).toMatchObject({
      body,
      isBase64Encoded: false,
      requestContext: { routeKey: 'sendMessage', eventType: 'MESSAGE', connectionId, stage: 'local' },
    });
    expect(event?.requestContext.messageId).toMatch(/=$/);
  });

  it('sends the handler body back on a route with a route response', async () => {
    rec.handlers.set('rt.ping', () => ({ statusCode: 200, body: JSON.stringify({ type: 'pong' }) }));
    const { client } = await open();

    client.socket.send('{"action":"ping"}');

    expect(JSON.parse(await client.message(0))).toEqual({ type: 'pong' });
  });

  it('sends unknown actions and non-JSON frames to $default', async () => {
    const { client } = await open();

    client.socket.send('{"action":"unknown"}');
    client.socket.send('not json');
    const events = await eventually(
      () => {
        const found = rec.eventsOf('rt.default');
        return found.length === 2 && found;
      },
      { ...SOON, what: 'two $default invocations' },
    );

    expect(events.map((e) => e.body).sort()).toEqual(['not json', '{"action":"unknown"}']);
    expect(events.every((e) => e.requestContext.routeKey === '$default')).toBe(true);
  });

  it('answers Forbidden like API Gateway when no route matches and there is no $default', async () => {
    api.setRoutes(ROUTES.filter((r) => r.routeKey !== '$default'));
    const { client, connectionId } = await open();

    client.socket.send('{"action":"unknown"}');

    const reply = JSON.parse(await client.message(0));
    expect(reply).toEqual({ message: 'Forbidden', connectionId, requestId: expect.stringMatching(/=$/) });
    expect(client.socket.readyState).toBe(client.socket.OPEN);
  });

  it('sends an Internal server error frame when the message handler throws', async () => {
    rec.handlers.set('rt.sendMessage', () => {
      throw new Error('boom');
    });
    const { client, connectionId } = await open();

    client.socket.send('{"action":"sendMessage"}');

    expect(JSON.parse(await client.message(0))).toMatchObject({
      message: 'Internal server error',
      connectionId,
    });
  });

  it('reassembles a fragmented message up to 128 KB', async () => {
    const { client } = await open();
    const text = 'x'.repeat(40 * 1024);

    client.socket.send(`{"action":"sendMessage","text":"${text}`, { fin: false });
    client.socket.send(text, { fin: false });
    client.socket.send(`${text}"}`, { fin: true });
    const [event] = await eventually(
      () => {
        const events = rec.eventsOf('rt.sendMessage');
        return events.length > 0 && events;
      },
      { ...SOON, what: 'sendMessage invocation' },
    );

    expect(JSON.parse(event?.body ?? '{}').text).toHaveLength(120 * 1024);
  });

  it('closes the connection with 1009 for a message over 128 KB', async () => {
    const { client, connectionId } = await open();

    client.socket.send('x'.repeat(128 * 1024 + 1));

    expect((await client.closed).code).toBe(1009);
    const [event] = await eventually(
      () => {
        const events = rec.eventsOf('rt.disconnect');
        return events.length > 0 && events;
      },
      { ...SOON, what: '$disconnect' },
    );
    expect(event?.requestContext).toMatchObject({ connectionId, disconnectStatusCode: 1009 });
    expect(rec.eventsOf('rt.default')).toEqual([]);
  });

  it('invokes $disconnect exactly once, with the client close code and reason', async () => {
    const { client, connectionId } = await open();

    client.socket.close(4000, 'bye');
    await client.closed;
    await eventually(() => rec.eventsOf('rt.disconnect').length > 0, { ...SOON, what: '$disconnect' });
    await api.close();

    const events = rec.eventsOf('rt.disconnect');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      isBase64Encoded: false,
      requestContext: {
        routeKey: '$disconnect',
        eventType: 'DISCONNECT',
        connectionId,
        disconnectStatusCode: 4000,
        disconnectReason: 'bye',
      },
    });
  });

  it('invokes $disconnect for every open connection when the server closes', async () => {
    const first = await open();
    const second = await open();

    await api.close();

    expect((await first.client.closed).code).toBe(1001);
    expect((await second.client.closed).code).toBe(1001);
    const disconnected = rec.eventsOf('rt.disconnect').map((e) => e.requestContext);
    expect(disconnected.map((c) => c.connectionId).sort()).toEqual(
      [first.connectionId, second.connectionId].sort(),
    );
    expect(
      disconnected.every((c) => c.disconnectStatusCode === 1001 && c.disconnectReason === 'Going away'),
    ).toBe(true);
  });

  it('closes an idle connection with 1001 after the idle timeout', async () => {
    await api.close();
    management.destroy();
    await start({ idleTimeoutMs: 200 });
    const { client, connectionId } = await open();

    const closed = await client.closed;

    expect(closed.code).toBe(1001);
    const [event] = await eventually(
      () => {
        const events = rec.eventsOf('rt.disconnect');
        return events.length > 0 && events;
      },
      { ...SOON, what: '$disconnect' },
    );
    expect(event?.requestContext).toMatchObject({ connectionId, disconnectStatusCode: 1001 });
  });

  it('posts data to a connection through the real SDK client', async () => {
    const { client, connectionId } = await open();

    const output = await management.send(
      new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify({ type: 'hello' }) }),
    );

    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(JSON.parse(await client.message(0))).toEqual({ type: 'hello' });
  });

  it('describes a connection through the real SDK client', async () => {
    const before = Date.now();
    const { connectionId } = await open();

    const output = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));

    expect(output.ConnectedAt).toBeInstanceOf(Date);
    expect(Math.abs((output.ConnectedAt?.getTime() ?? 0) - before)).toBeLessThan(5000);
    expect(output.LastActiveAt).toBeInstanceOf(Date);
    expect(output.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: '' });
  });

  it('closes a connection on DeleteConnection, invoking $disconnect once', async () => {
    const { client, connectionId } = await open();

    const output = await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));

    expect(output.$metadata.httpStatusCode).toBe(204);
    expect((await client.closed).code).toBe(1000);
    const events = await eventually(
      () => {
        const found = rec.eventsOf('rt.disconnect');
        return found.length > 0 && found;
      },
      { ...SOON, what: '$disconnect' },
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.requestContext).toMatchObject({
      connectionId,
      disconnectStatusCode: 1000,
      disconnectReason: 'Connection Closed Normally',
    });
  });

  it('makes the SDK throw GoneException (410) for a closed or unknown connection', async () => {
    const { client, connectionId } = await open();
    client.socket.close();
    await client.closed;
    await eventually(() => api.connectionIds().length === 0, { ...SOON, what: 'the connection to be gone' });

    const post = await management
      .send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'late' }))
      .catch((error: unknown) => error);
    const get = await management
      .send(new GetConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=' }))
      .catch((error: unknown) => error);

    expect(post).toBeInstanceOf(GoneException);
    expect(post).toMatchObject({ $metadata: { httpStatusCode: 410 } });
    expect(get).toBeInstanceOf(GoneException);
  });

  it('makes the SDK throw GoneException for a connection whose $connect is still running', async () => {
    let release = (): void => undefined;
    const connectRunning = new Promise<void>((resolve) => (release = resolve));
    rec.handlers.set('rt.connect', () => connectRunning.then(() => ({ statusCode: 200 })));
    const opening = openSocket(`${api.url}/local`);
    const [event] = await eventually(
      () => {
        const events = rec.eventsOf('rt.connect');
        return events.length > 0 && events;
      },
      { ...SOON, what: '$connect' },
    );
    const connectionId = event?.requestContext.connectionId ?? '';

    const early = management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'early' }));
    await expect(early).rejects.toBeInstanceOf(GoneException);
    release();
    clients.push(await opening);

    await expect(
      management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'now' })),
    ).resolves.toBeDefined();
  });

  it('makes the SDK throw PayloadTooLargeException for data over 128 KB', async () => {
    const { connectionId } = await open();

    const post = management.send(
      new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x'.repeat(128 * 1024 + 1) }),
    );

    await expect(post).rejects.toBeInstanceOf(PayloadTooLargeException);
  });

  it('closes the connection with 1003 for a binary frame', async () => {
    const { client } = await open();

    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });

    expect((await client.closed).code).toBe(1003);
  });
});
