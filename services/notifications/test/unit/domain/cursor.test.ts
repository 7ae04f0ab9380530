import { ValidationError } from '@chat/runtime';
import { decodeInboxCursor, encodeInboxCursor } from '../../../src/domain/cursor';

describe('the inbox cursor', () => {
  it('round-trips a sort key', () => {
    const key = '2025-01-15T10:10:00.000Z#01JHF3M2B4C6D8E0F2G4H6J8KM';

    expect(decodeInboxCursor(encodeInboxCursor(key))).toBe(key);
  });

  it.each([
    ['not base64url', 'not a cursor!'],
    ['not JSON', Buffer.from('{nope', 'utf8').toString('base64url')],
    ['another shape', Buffer.from(JSON.stringify({ k: 1 }), 'utf8').toString('base64url')],
    ['extra fields', Buffer.from(JSON.stringify({ k: 'a', userId: 'b' }), 'utf8').toString('base64url')],
    ['too long', 'a'.repeat(1025)],
  ])('refuses a cursor that is %s with a 400 naming cursor', (_, cursor) => {
    expect(() => decodeInboxCursor(cursor)).toThrow(ValidationError);
    try {
      decodeInboxCursor(cursor);
    } catch (error) {
      expect((error as ValidationError).details).toEqual([{ field: 'cursor', message: 'Invalid cursor' }]);
    }
  });
});
