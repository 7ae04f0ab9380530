import { UnauthenticatedError } from '@chat/runtime';
import { connectHandler } from '../../../src/handlers/connect';
import { aCapturingLogger, aWebSocketEvent } from '../../support/builders';
import { aFixedClock, InMemoryConnections } from '../../support/fakes';

function aConnectHandler(
  verifyToken: (token: string | undefined) => Promise<{ userId: string; username: string }>,
) {
  const connections = new InMemoryConnections();
  const { logger, lines } = aCapturingLogger();
  const handler = connectHandler({
    verifyToken,
    connections: () => connections,
    directory: () => connections.directory,
    clock: aFixedClock(),
    ttlSeconds: () => 7200,
    maxConnections: () => 20,
    logger,
  });
  return { handler, connections, lines };
}

const connect = (query?: Record<string, string>) =>
  aWebSocketEvent({
    routeKey: '$connect',
    connectionId: 'conn-1',
    connectedAt: Date.parse('2025-01-15T10:00:00.000Z'),
    ...(query ? { query } : {}),
  });

describe('$connect', () => {
  it('accepts a valid token and records the connection at the handshake time', async () => {
    const { handler, connections } = aConnectHandler(async () => ({ userId: 'user-1', username: 'alice' }));

    const result = await handler(connect({ token: 'good' }));

    expect(result).toEqual({ statusCode: 200 });
    expect(connections.records.get('conn-1')).toMatchObject({
      userId: 'user-1',
      username: 'alice',
      connectedAt: '2025-01-15T10:00:00.000Z',
    });
  });

  it('refuses the handshake with 401 and the contract’s error body when the token is refused', async () => {
    const { handler, connections } = aConnectHandler(() =>
      Promise.reject(new UnauthenticatedError('The access token has been revoked')),
    );

    const result = await handler(connect({ token: 'revoked' }));

    expect(result).toEqual({
      statusCode: 401,
      body: '{"error":{"code":"UNAUTHENTICATED","message":"The access token has been revoked"}}',
    });
    expect(connections.records.size).toBe(0);
  });

  it('refuses a handshake without a token with 401', async () => {
    const { handler } = aConnectHandler(async () => ({ userId: 'user-1', username: 'alice' }));

    expect((await handler(connect())) as { statusCode: number }).toMatchObject({ statusCode: 401 });
  });

  it('answers 500 (not 401) when verification itself fails, and logs why', async () => {
    const { handler, lines } = aConnectHandler(() => Promise.reject(new Error('JWKS unavailable')));

    const result = await handler(connect({ token: 'good' }));

    expect(result).toEqual({ statusCode: 500 });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        error: expect.objectContaining({ message: 'JWKS unavailable' }),
      }),
    );
  });
});
