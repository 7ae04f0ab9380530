import * as z from 'zod';
import {
  ConflictError,
  createLogger,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  type Logger,
} from '@chat/runtime';
import { created, httpHandler, noContent, ok, type Authenticator, type Principal } from '../../src';
import { anHttpEvent } from '../../src/testing';

const alice: Principal = { userId: 'u-1', username: 'alice', tokenIssuedAt: 1_700_000_000 };

function capturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const written: string[] = [];
  const logger = createLogger({}, (line) => written.push(line));
  return { logger, lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

function authenticatorAccepting(principal: Principal): Authenticator {
  return { authenticate: async () => principal };
}

function bodyOf(result: { body?: string }): unknown {
  return result.body === undefined ? undefined : JSON.parse(result.body);
}

const roomSchema = z.object({
  name: z.string().min(1),
  settings: z.object({ visibility: z.enum(['public', 'private']) }),
});

describe('httpHandler', () => {
  it('answers the handler result as JSON with content-type and the correlation id header', async () => {
    const handler = httpHandler({ name: 'test', auth: 'none' }, async () => ok({ hello: 'world' }));

    const result = await handler(anHttpEvent({ headers: { 'x-correlation-id': 'corr-42' } }));

    expect(result.statusCode).toBe(200);
    expect(result.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-correlation-id': 'corr-42',
    });
    expect(bodyOf(result)).toEqual({ hello: 'world' });
  });

  it('marks every answer, errors included, as not to be sniffed nor cached', async () => {
    const fine = httpHandler({ name: 'test', auth: 'none' }, async () => ok({}));
    const failing = httpHandler({ name: 'test', auth: 'none' }, async () => {
      throw new Error('boom');
    });

    for (const result of [await fine(anHttpEvent()), await failing(anHttpEvent())]) {
      expect(result.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
    }
  });

  it('uses the request id as correlation id when the header is absent or not a sane token', async () => {
    const handler = httpHandler({ name: 'test', auth: 'none' }, async (request) =>
      ok({ correlationId: request.correlationId }),
    );

    const absent = await handler(anHttpEvent({ requestId: 'req-7' }));
    const garbage = await handler(
      anHttpEvent({ requestId: 'req-8', headers: { 'x-correlation-id': 'a b\n' } }),
    );

    expect(bodyOf(absent)).toEqual({ correlationId: 'req-7' });
    expect(bodyOf(garbage)).toEqual({ correlationId: 'req-8' });
  });

  it('logs through a per-request child logger carrying the correlation id', async () => {
    const { logger, lines } = capturingLogger();
    const handler = httpHandler({ name: 'test', auth: 'none', logger }, async (request) => {
      request.logger.info('inside');
      return noContent();
    });

    await handler(anHttpEvent({ headers: { 'x-correlation-id': 'corr-1' }, routeKey: 'GET /x' }));

    expect(lines()).toContainEqual(
      expect.objectContaining({ message: 'inside', correlationId: 'corr-1', route: 'GET /x' }),
    );
  });

  it('answers 201 with a body and 204 without one', async () => {
    const create = httpHandler({ name: 'test', auth: 'none' }, async () => created({ id: 'r-1' }));
    const remove = httpHandler({ name: 'test', auth: 'none' }, async () => noContent());

    const createdResult = await create(anHttpEvent({ method: 'POST' }));
    const removedResult = await remove(anHttpEvent({ method: 'DELETE' }));

    expect(createdResult.statusCode).toBe(201);
    expect(bodyOf(createdResult)).toEqual({ id: 'r-1' });
    expect(removedResult.statusCode).toBe(204);
    expect(removedResult.body).toBeUndefined();
    expect(removedResult.headers).not.toHaveProperty('content-type');
  });

  describe('body', () => {
    const handler = httpHandler({ name: 'test', auth: 'none', body: roomSchema }, async (request) =>
      ok({ received: request.body }),
    );

    it('passes the parsed and validated body to the handler', async () => {
      const body = { name: 'general', settings: { visibility: 'public' } };

      const result = await handler(anHttpEvent({ method: 'POST', body }));

      expect(result.statusCode).toBe(200);
      expect(bodyOf(result)).toEqual({ received: body });
    });

    it('decodes a base64-encoded body', async () => {
      const body = Buffer.from(JSON.stringify({ name: 'b64', settings: { visibility: 'private' } })).toString(
        'base64',
      );

      const result = await handler(anHttpEvent({ method: 'POST', body, isBase64Encoded: true }));

      expect(bodyOf(result)).toEqual({ received: { name: 'b64', settings: { visibility: 'private' } } });
    });

    it('answers 400 BAD_JSON to malformed JSON', async () => {
      const result = await handler(anHttpEvent({ method: 'POST', body: '{"name": ' }));

      expect(result.statusCode).toBe(400);
      expect(bodyOf(result)).toEqual({
        error: { code: 'BAD_JSON', message: 'The request body is not valid JSON' },
      });
    });

    it('answers 400 VALIDATION_FAILED to a missing body', async () => {
      const result = await handler(anHttpEvent({ method: 'POST' }));

      expect(result.statusCode).toBe(400);
      expect(bodyOf(result)).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request is not valid',
          details: [{ field: 'body', message: 'A JSON body is required' }],
        },
      });
    });

    it('names every bad field with its dotted path', async () => {
      const result = await handler(
        anHttpEvent({ method: 'POST', body: { name: '', settings: { visibility: 'x' } } }),
      );

      expect(result.statusCode).toBe(400);
      const { error } = bodyOf(result) as { error: { code: string; details: { field: string }[] } };
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.map((d) => d.field).sort()).toEqual(['name', 'settings.visibility']);
    });

    it('reports unknown keys of a strict schema under their own names', async () => {
      const strict = httpHandler(
        { name: 'test', auth: 'none', body: z.strictObject({ a: z.string() }) },
        async () => noContent(),
      );

      const result = await strict(anHttpEvent({ method: 'POST', body: { a: 'x', extra: 1 } }));

      expect(bodyOf(result)).toMatchObject({
        error: { details: [{ field: 'extra', message: 'Unknown field' }] },
      });
    });

    it('answers 413 PAYLOAD_TOO_LARGE to a body over the limit', async () => {
      const small = httpHandler(
        { name: 'test', auth: 'none', body: z.unknown(), maxBodyBytes: 10 },
        async () => noContent(),
      );

      const result = await small(anHttpEvent({ method: 'POST', body: { text: 'more than ten bytes' } }));

      expect(result.statusCode).toBe(413);
      expect(bodyOf(result)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    });
  });

  describe('authentication', () => {
    it('gives the handler the principal the authenticator returns', async () => {
      const handler = httpHandler({ name: 'test', auth: authenticatorAccepting(alice) }, async (request) =>
        ok({ userId: request.principal.userId }),
      );

      const result = await handler(anHttpEvent());

      expect(bodyOf(result)).toEqual({ userId: 'u-1' });
    });

    it('answers 401 UNAUTHENTICATED when the authenticator refuses, before reading the body', async () => {
      const refusing: Authenticator = {
        authenticate: async () => {
          throw new UnauthenticatedError('Token expired');
        },
      };
      const handle = jest.fn(async () => noContent());
      const handler = httpHandler({ name: 'test', auth: refusing, body: roomSchema }, handle);

      const result = await handler(anHttpEvent({ method: 'POST', body: 'not json' }));

      expect(result.statusCode).toBe(401);
      expect(bodyOf(result)).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Token expired' } });
      expect(handle).not.toHaveBeenCalled();
    });

    it('fails loudly at construction when a route has no auth configuration', () => {
      const missing = undefined as unknown as Authenticator;

      expect(() => httpHandler({ name: 'listRooms', auth: missing }, async () => noContent())).toThrow(
        /httpHandler\(listRooms\): "auth" must be 'none' or an Authenticator/,
      );
    });
  });

  describe('errors', () => {
    it('maps a domain error subclass to its status and code', async () => {
      class NotARoomMemberError extends NotFoundError {
        constructor() {
          super('Room not found');
        }
      }
      const handler = httpHandler({ name: 'test', auth: 'none' }, async () => {
        throw new NotARoomMemberError();
      });

      const result = await handler(anHttpEvent());

      expect(result.statusCode).toBe(404);
      expect(bodyOf(result)).toEqual({ error: { code: 'NOT_FOUND', message: 'Room not found' } });
    });

    it('adds a Retry-After header to 429 RATE_LIMITED', async () => {
      const handler = httpHandler({ name: 'test', auth: 'none' }, async () => {
        throw new RateLimitedError(2.5);
      });

      const result = await handler(anHttpEvent());

      expect(result.statusCode).toBe(429);
      expect(result.headers).toMatchObject({ 'retry-after': '3' });
      expect(bodyOf(result)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    });

    it('answers 500 INTERNAL with a generic message and logs the error with its cause', async () => {
      const { logger, lines } = capturingLogger();
      const handler = httpHandler({ name: 'test', auth: 'none', logger }, async () => {
        throw new Error('ResourceNotFoundException: chat-rooms-dev-rooms', {
          cause: new Error('root cause'),
        });
      });

      const result = await handler(anHttpEvent({ headers: { 'x-correlation-id': 'corr-500' } }));

      expect(result.statusCode).toBe(500);
      expect(result.body).toBe('{"error":{"code":"INTERNAL","message":"Internal server error"}}');
      expect(result.headers).toMatchObject({ 'x-correlation-id': 'corr-500' });
      const logged = lines().find((line) => line.level === 'error');
      expect(logged).toMatchObject({
        message: 'request failed',
        correlationId: 'corr-500',
        error: {
          message: 'ResourceNotFoundException: chat-rooms-dev-rooms',
          cause: { message: 'root cause' },
        },
      });
    });

    it('does not log expected client errors as errors', async () => {
      const { logger, lines } = capturingLogger();
      const handler = httpHandler({ name: 'test', auth: 'none', logger }, async () => {
        throw new ConflictError('Username taken');
      });

      const result = await handler(anHttpEvent());

      expect(result.statusCode).toBe(409);
      expect(lines().filter((line) => line.level === 'error')).toEqual([]);
    });
  });
});
