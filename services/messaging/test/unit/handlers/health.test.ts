import { anHttpEvent } from '@chat/http/src/testing';
import { handler } from '../../../src/handlers/health';

describe('GET /health/messaging', () => {
  const saved = process.env.SERVICE_NAME;
  beforeEach(() => {
    process.env.SERVICE_NAME = 'chat-messaging';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SERVICE_NAME;
    else process.env.SERVICE_NAME = saved;
  });

  it('answers 200 with the service name, status ok, the current time and the correlation id', async () => {
    const before = Date.now();

    const result = await handler(
      anHttpEvent({ path: '/health/messaging', headers: { 'x-correlation-id': 'health-check-1' } }),
    );

    expect(result.statusCode).toBe(200);
    expect(result.headers).toMatchObject({ 'x-correlation-id': 'health-check-1' });
    const body = JSON.parse(result.body ?? '') as { service: string; status: string; time: string };
    expect(body).toEqual({ service: 'chat-messaging', status: 'ok', time: expect.any(String) });
    expect(Date.parse(body.time)).toBeGreaterThanOrEqual(before - 1000);
  });
});
