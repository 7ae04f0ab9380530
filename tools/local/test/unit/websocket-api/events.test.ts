import {
  buildConnectEvent,
  buildDisconnectEvent,
  buildMessageEvent,
  type ConnectionInfo,
} from '../../../src/cloud/websocket-api/events';

const CONNECTED_AT = Date.parse('2024-03-05T07:08:09.000Z');
const NOW = new Date('2024-03-05T07:10:00.500Z');

const connection: ConnectionInfo = {
  connectionId: 'AbCdEfGhIjKlMnO=',
  connectedAt: CONNECTED_AT,
  sourceIp: '127.0.0.1',
  userAgent: 'test-agent',
  domainName: '127.0.0.1:3001',
  stage: 'local',
  apiId: 'wsapi',
};
const ids = { requestId: 'req000000000000=', extendedRequestId: 'ext000000000000=', now: NOW };

describe('buildConnectEvent', () => {
  const handshake = {
    headers: [
      ['Host', '127.0.0.1:3001'],
      ['Sec-WebSocket-Key', 'k'],
      ['X-Multi', 'a'],
      ['X-Multi', 'b'],
    ] as const,
    rawQueryString: 'token=abc&x=1&x=2',
    localPort: 3001,
  };

  it('builds the CONNECT request context', () => {
    const event = buildConnectEvent(connection, ids, handshake);

    expect(event.requestContext).toEqual({
      routeKey: '$connect',
      eventType: 'CONNECT',
      extendedRequestId: 'ext000000000000=',
      requestTime: '05/Mar/2024:07:10:00 +0000',
      messageDirection: 'IN',
      stage: 'local',
      connectedAt: CONNECTED_AT,
      requestTimeEpoch: NOW.getTime(),
      identity: { sourceIp: '127.0.0.1', userAgent: 'test-agent' },
      requestId: 'req000000000000=',
      domainName: '127.0.0.1:3001',
      connectionId: 'AbCdEfGhIjKlMnO=',
      apiId: 'wsapi',
    });
    expect(event.isBase64Encoded).toBe(false);
    expect(event).not.toHaveProperty('body');
  });

  it('keeps header names as sent, in single- and multi-value form, with the forwarding headers', () => {
    const event = buildConnectEvent(connection, ids, handshake);

    expect(event.headers).toMatchObject({
      Host: '127.0.0.1:3001',
      'Sec-WebSocket-Key': 'k',
      'X-Multi': 'b',
      'X-Forwarded-For': '127.0.0.1',
      'X-Forwarded-Port': '3001',
      'X-Forwarded-Proto': 'http',
    });
    expect(event.multiValueHeaders?.['X-Multi']).toEqual(['a', 'b']);
  });

  it('gives the query string in single- and multi-value form', () => {
    const event = buildConnectEvent(connection, ids, handshake);

    expect(event.queryStringParameters).toEqual({ token: 'abc', x: '2' });
    expect(event.multiValueQueryStringParameters).toEqual({ token: ['abc'], x: ['1', '2'] });
  });

  it('omits the query string fields without a query string', () => {
    const event = buildConnectEvent(connection, ids, { ...handshake, rawQueryString: '' });

    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('multiValueQueryStringParameters');
  });
});

describe('buildMessageEvent', () => {
  it('builds the MESSAGE event with the raw body and the message id', () => {
    const event = buildMessageEvent(
      connection,
      { ...ids, messageId: 'msg000000000000=' },
      'sendMessage',
      '{"a":1}',
    );

    expect(event).toEqual({
      requestContext: expect.objectContaining({
        routeKey: 'sendMessage',
        eventType: 'MESSAGE',
        messageId: 'msg000000000000=',
        connectionId: 'AbCdEfGhIjKlMnO=',
        connectedAt: CONNECTED_AT,
      }),
      body: '{"a":1}',
      isBase64Encoded: false,
    });
  });
});

describe('buildDisconnectEvent', () => {
  it('reports the close code and the closer reason', () => {
    const event = buildDisconnectEvent(connection, ids, { code: 4000, reason: 'bye' });

    expect(event.requestContext).toMatchObject({
      routeKey: '$disconnect',
      eventType: 'DISCONNECT',
      disconnectStatusCode: 4000,
      disconnectReason: 'bye',
    });
  });

  it('uses the standard reason when the closer gave none', () => {
    expect(
      buildDisconnectEvent(connection, ids, { code: 1000, reason: '' }).requestContext.disconnectReason,
    ).toBe('Connection Closed Normally');
    expect(
      buildDisconnectEvent(connection, ids, { code: 1001, reason: '' }).requestContext.disconnectReason,
    ).toBe('Going away');
  });
});
