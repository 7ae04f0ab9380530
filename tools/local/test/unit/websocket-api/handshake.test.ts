import { connectDecision } from '../../../src/cloud/websocket-api/handshake';
import { managementConnectionId } from '../../../src/cloud/websocket-api/management-api';

describe('connectDecision', () => {
  it('accepts a 2xx result and a result without statusCode', () => {
    expect(connectDecision({ statusCode: 200 })).toEqual({ statusCode: 200 });
    expect(connectDecision(undefined)).toEqual({ statusCode: 200 });
    expect(connectDecision('ok')).toEqual({ statusCode: 200 });
  });

  it('keeps a refusal status and its body', () => {
    expect(connectDecision({ statusCode: 401, body: 'Unauthorized' })).toEqual({
      statusCode: 401,
      body: 'Unauthorized',
    });
  });

  it('keeps a 429 refusal (too many connections) as API Gateway does', () => {
    expect(connectDecision({ statusCode: 429, body: '{"error":{"code":"RATE_LIMITED"}}' })).toEqual({
      statusCode: 429,
      body: '{"error":{"code":"RATE_LIMITED"}}',
    });
  });

  it('answers 500 for a malformed status', () => {
    expect(connectDecision({ statusCode: 'nope' })).toEqual({ statusCode: 500 });
  });

  it('reads the subprotocol the handler selected', () => {
    expect(connectDecision({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat' } })).toEqual({
      statusCode: 200,
      protocol: 'chat',
    });
  });
});

describe('managementConnectionId', () => {
  it('reads the connection id with or without the stage prefix, decoding it', () => {
    expect(managementConnectionId('/local/@connections/AbC%3D', 'local')).toBe('AbC=');
    expect(managementConnectionId('/local/%40connections/AbC=', 'local')).toBe('AbC=');
    expect(managementConnectionId('/@connections/AbC=', 'local')).toBe('AbC=');
  });

  it('rejects other paths', () => {
    expect(managementConnectionId('/other/@connections/AbC=', 'local')).toBeUndefined();
    expect(managementConnectionId('/local/@connections/', 'local')).toBeUndefined();
    expect(managementConnectionId('/local/@connections/a/b', 'local')).toBeUndefined();
  });
});
