import { createLogger } from '@chat/runtime';
import { healthHandler } from '../../src';
import { anHttpEvent } from '../../src/testing';

describe('healthHandler', () => {
  const saved = process.env.SERVICE_NAME;
  afterEach(() => {
    if (saved === undefined) delete process.env.SERVICE_NAME;
    else process.env.SERVICE_NAME = saved;
  });

  it('answers 200 with the service name from SERVICE_NAME, status ok and the time', async () => {
    process.env.SERVICE_NAME = 'chat-test';
    const handler = healthHandler({
      check: async () => undefined,
      now: () => new Date('2025-01-02T03:04:05.000Z'),
    });

    const result = await handler(anHttpEvent({ path: '/health/test' }));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '')).toEqual({
      service: 'chat-test',
      status: 'ok',
      time: '2025-01-02T03:04:05.000Z',
    });
  });

  it('answers a generic 500 and logs the cause when SERVICE_NAME is not configured', async () => {
    delete process.env.SERVICE_NAME;
    const lines: string[] = [];
    const handler = healthHandler({
      check: async () => undefined,
      logger: createLogger({}, (line) => lines.push(line)),
    });

    const result = await handler(anHttpEvent({ path: '/health/test' }));

    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body ?? '')).toEqual({
      error: { code: 'INTERNAL', message: 'Internal server error' },
    });
    expect(lines.join('\n')).toContain('Missing required environment variable SERVICE_NAME');
  });

  it('answers 503 UNAVAILABLE with Retry-After, and logs why, when its check fails', async () => {
    process.env.SERVICE_NAME = 'chat-test';
    const lines: string[] = [];
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    const handler = healthHandler({
      check: async () => {
        throw refused;
      },
      logger: createLogger({}, (line) => lines.push(line)),
    });

    const result = await handler(anHttpEvent({ path: '/health/test' }));

    expect(result.statusCode).toBe(503);
    expect(result.headers).toMatchObject({ 'retry-after': '2' });
    expect(JSON.parse(result.body ?? '')).toEqual({
      error: { code: 'UNAVAILABLE', message: 'The service is unavailable for a moment; try again shortly' },
    });
    expect(lines.join('\n')).toContain('ECONNREFUSED');
  });
});
