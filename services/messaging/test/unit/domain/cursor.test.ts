import { isMessageId, nextCursorOf } from '../../../src/domain/cursor';

describe('isMessageId', () => {
  it('accepts a ULID', () => {
    expect(isMessageId('01JHF3M2B4C6D8E0F2G4H6J8KM')).toBe(true);
  });

  it.each([
    '',
    'abc',
    '01JHF3M2B4C6D8E0F2G4H6J8K',
    '01jhf3m2b4c6d8e0f2g4h6j8km',
    '81JHF3M2B4C6D8E0F2G4H6J8KM',
    '01JHF3M2B4C6D8E0F2G4H6J8KU',
  ])('refuses %j', (value) => {
    expect(isMessageId(value)).toBe(false);
  });
});

describe('nextCursorOf', () => {
  it('is the last item of the page when more messages exist', () => {
    expect(nextCursorOf([{ messageId: 'a' }, { messageId: 'b' }], true)).toBe('b');
  });

  it('is null at the end of the history', () => {
    expect(nextCursorOf([{ messageId: 'a' }], false)).toBeNull();
    expect(nextCursorOf([], false)).toBeNull();
  });
});
