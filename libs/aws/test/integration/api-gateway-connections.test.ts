import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { apiGatewayConnections } from '../../src/index';

interface Received {
  method: string;
  url: string;
  body: string;
  authorization: string;
}

/** A stand-in for API Gateway's @connections API on loopback: 410 for `gone-*` ids, 500 for `broken-*`. */
async function startConnectionsApi(): Promise<{ server: Server; endpoint: string; received: Received[] }> {
  const received: Received[] = [];
  const readBody = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        body,
        authorization: request.headers.authorization ?? '',
      });
      const status = request.url?.includes('/gone-') ? 410 : request.url?.includes('/broken-') ? 500 : 200;
      const name = status === 410 ? 'GoneException' : 'InternalServerErrorException';
      response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': name });
      response.end(status === 200 ? '' : JSON.stringify({ message: name }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, endpoint: `http://127.0.0.1:${port}/test`, received };
}

describe.each([
  { mode: 'through client.send', options: {} },
  { mode: 'direct', options: { direct: true } },
])('apiGatewayConnections $mode', ({ options }) => {
  let api: Awaited<ReturnType<typeof startConnectionsApi>>;
  let client: ApiGatewayManagementApiClient;

  beforeAll(async () => {
    api = await startConnectionsApi();
    client = new ApiGatewayManagementApiClient({
      endpoint: api.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await new Promise<void>((resolve) => api.server.close(() => resolve()));
  });

  it('posts the frame as JSON to the connection on the stage endpoint', async () => {
    const outcome = await apiGatewayConnections(client, options).send('conn-1', { type: 'pong' });

    expect(outcome).toBe('sent');
    expect(api.received).toContainEqual({
      method: 'POST',
      url: '/test/@connections/conn-1',
      body: '{"type":"pong"}',
      authorization: expect.stringMatching(
        /^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/us-east-1\/execute-api\/aws4_request, SignedHeaders=.*host.*, Signature=[0-9a-f]{64}$/,
      ),
    });
  });

  it('escapes the connection id in the path as API Gateway expects (ids end in "=")', async () => {
    await apiGatewayConnections(client, options).send('Ab+c/d=', { type: 'pong' });

    expect(api.received.map((request) => request.url)).toContain('/test/@connections/Ab%2Bc%2Fd%3D');
  });

  it('reports a connection that is gone (410) as gone', async () => {
    await expect(apiGatewayConnections(client, options).send('gone-1', { type: 'pong' })).resolves.toBe(
      'gone',
    );
  });

  it('rethrows any other failure, named by its error type, with its status', async () => {
    await expect(
      apiGatewayConnections(client, options).send('broken-1', { type: 'pong' }),
    ).rejects.toMatchObject({
      name: 'InternalServerErrorException',
      $metadata: { httpStatusCode: 500 },
    });
  });

  it('closes a connection with a DELETE, and reports one already gone (410) as gone', async () => {
    const connections = apiGatewayConnections(client, options);

    await expect(connections.close('conn-2')).resolves.toBe('sent');
    await expect(connections.close('gone-2')).resolves.toBe('gone');
    await expect(connections.close('broken-2')).rejects.toThrow();

    expect(api.received).toContainEqual(
      expect.objectContaining({ method: 'DELETE', url: '/test/@connections/conn-2', body: '' }),
    );
  });
});
