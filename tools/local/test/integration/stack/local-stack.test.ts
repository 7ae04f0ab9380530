import { readFileSync } from 'node:fs';
import { connect, localStack, signedInUser } from '@chat/testing';

const SERVICES = ['auth', 'rooms', 'messaging', 'realtime', 'notifications'];

const IPV4_LOOPBACK = '0100007F'; // 127.0.0.1 as /proc/net/tcp writes it
const IPV4_MAPPED_LOOPBACK = '0000000000000000FFFF00000100007F'; // ::ffff:127.0.0.1 (the JVM's IPv6 socket)

function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const rows = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8').split('\n').slice(1),
  );
  return rows
    .map((row) => row.trim().split(/\s+/))
    .filter((cols) => cols[3] === '0A' && cols[1]?.endsWith(`:${hexPort}`))
    .map((cols) => (cols[1] ?? '').split(':')[0] ?? '')
    .map((hex) => (hex === IPV4_MAPPED_LOOPBACK ? IPV4_LOOPBACK : hex));
}

describe('the local stack (npm start)', () => {
  const stack = localStack();

  it.each(SERVICES)('serves GET /health/%s from that service over the HTTP API', async (service) => {
    const response = await fetch(`${stack.http}/health/${service}`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ service: `chat-${service}`, status: 'ok' });
  });

  it('answers an unknown route with API Gateway 404', async () => {
    const response = await fetch(`${stack.http}/no/such/route`);

    expect(response.status).toBe(404);
  });

  it('answers a WebSocket ping with pong through the @connections endpoint', async () => {
    const user = await signedInUser();
    const client = await connect(user.accessToken);
    try {
      const reply = client.message(0, 10_000).then((text) => JSON.parse(text) as unknown);
      client.send({ action: 'ping' });

      expect(await reply).toMatchObject({ type: 'pong' });
    } finally {
      await client.close();
    }
  });

  it('lists SNS deliveries at /_local/sns/deliveries', async () => {
    const response = await fetch(`${stack.http}/_local/sns/deliveries`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ items: expect.any(Array) });
  });

  it('binds every server it started to 127.0.0.1 only', () => {
    const urls = [
      stack.http,
      stack.webSocket,
      stack.dynamodb,
      stack.cognito,
      stack.s3,
      stack.eventBridge,
      stack.sns,
    ];
    for (const url of urls) {
      const port = Number(new URL(url).port);

      expect({ url, addresses: listeningAddresses(port) }).toEqual({ url, addresses: [IPV4_LOOPBACK] });
    }
  });
});
