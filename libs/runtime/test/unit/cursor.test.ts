import * as z from 'zod';
import { decodeCursor, encodeCursor, ValidationError } from '../../src';

const positionSchema = z.strictObject({ u: z.string().min(1) });

const invalidCursor = expect.objectContaining({
  details: [{ field: 'cursor', message: 'Invalid cursor' }],
});

describe('page cursors', () => {
  it('decodes the position it encoded', () => {
    const cursor = encodeCursor({ u: 'user-1' });

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, positionSchema)).toEqual({ u: 'user-1' });
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['too long', 'a'.repeat(1025)],
    ['not JSON', Buffer.from('not json').toString('base64url')],
    ['another shape', encodeCursor({ u: 'user-1', extra: true })],
  ])('refuses a cursor that is %s as a 400 on `cursor`', (_case, cursor) => {
    expect(() => decodeCursor(cursor, positionSchema)).toThrow(ValidationError);
    expect(() => decodeCursor(cursor, positionSchema)).toThrow(invalidCursor);
  });
});
