import { deletedEventData, messageChangeOf, occurredAtOf } from '../../../src/domain/message-change';
import { aMessage } from '../../support/builders';

describe('messageChangeOf', () => {
  const original = aMessage({ createdAt: '2025-01-15T10:00:00.000Z' });

  it('calls a new item a sent message, occurring at its creation', () => {
    const change = messageChangeOf(undefined, original);

    expect(change).toEqual({ kind: 'sent', message: original });
    expect(change && occurredAtOf(change)).toBe('2025-01-15T10:00:00.000Z');
  });

  it('calls a new editedAt an edit', () => {
    const edited = { ...original, text: 'changed', editedAt: '2025-01-15T10:05:00.000Z' };

    expect(messageChangeOf(original, edited)).toEqual({ kind: 'edited', message: edited });
  });

  it('calls a new deletedAt a deletion, even though the text changed too', () => {
    const deleted = { ...original, text: '', deletedAt: '2025-01-15T10:06:00.000Z' };
    const change = messageChangeOf(original, deleted);

    expect(change).toEqual({
      kind: 'deleted',
      roomId: original.roomId,
      messageId: original.messageId,
      deletedAt: '2025-01-15T10:06:00.000Z',
    });
    expect(change && occurredAtOf(change)).toBe('2025-01-15T10:06:00.000Z');
  });

  it('carries the version the delete took into the deletion and MessageDeleted’s data', () => {
    const versioned = { ...original, seq: 2, version: 2 };
    const deleted = { ...versioned, text: '', deletedAt: '2025-01-15T10:06:00.000Z', version: 9 };
    const change = messageChangeOf(versioned, deleted);

    expect(change).toMatchObject({ kind: 'deleted', version: 9 });
    expect(change?.kind === 'deleted' && deletedEventData(change)).toEqual({
      roomId: original.roomId,
      messageId: original.messageId,
      version: 9,
    });
  });

  it('ignores removals, rewrites of a tombstone and writes that change neither', () => {
    const deleted = { ...original, text: '', deletedAt: '2025-01-15T10:06:00.000Z' };

    expect(messageChangeOf(original, undefined)).toBeUndefined();
    expect(messageChangeOf(deleted, { ...deleted })).toBeUndefined();
    expect(messageChangeOf(original, { ...original })).toBeUndefined();
  });
});
