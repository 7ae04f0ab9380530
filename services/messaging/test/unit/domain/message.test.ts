import { canonicalMessage, MAX_TEXT_LENGTH, textProblem, tombstoneOf } from '../../../src/domain/message';
import { aMessage } from '../../support/builders';

describe('textProblem', () => {
  it('accepts text up to 4,000 characters', () => {
    expect(textProblem('x'.repeat(MAX_TEXT_LENGTH), 0)).toBeUndefined();
  });

  it('refuses longer text, counting UTF-16 units as the event contract does', () => {
    expect(textProblem('x'.repeat(MAX_TEXT_LENGTH + 1), 0)).toMatch(/at most 4000/);
    expect(textProblem('😀'.repeat(2001), 0)).toMatch(/at most 4000/);
  });

  it('refuses blank text without attachments and accepts it with some', () => {
    expect(textProblem('', 0)).toMatch(/not be empty/);
    expect(textProblem('  \n', 0)).toMatch(/not be empty/);
    expect(textProblem('', 1)).toBeUndefined();
  });
});

describe('tombstoneOf', () => {
  it('removes text, mentions and attachments and sets deletedAt', () => {
    const message = aMessage({
      text: 'secret @bob',
      mentions: ['bob-id'],
      attachments: [{ attachmentId: 'a', fileName: 'f.png', contentType: 'image/png', size: 1 }],
    });

    expect(tombstoneOf(message, '2025-01-15T11:00:00.000Z')).toEqual({
      ...message,
      text: '',
      mentions: [],
      attachments: [],
      deletedAt: '2025-01-15T11:00:00.000Z',
    });
  });
});

describe('canonicalMessage', () => {
  it('orders the fields as the contract does and drops storage-only ones', () => {
    const message = { ...aMessage({ clientMessageId: 'c-1' }), correlationId: 'req-1' };

    expect(Object.keys(canonicalMessage(message))).toEqual([
      'roomId',
      'messageId',
      'senderId',
      'text',
      'mentions',
      'attachments',
      'createdAt',
      'clientMessageId',
      'reactions',
    ]);
  });
});
