import { itemOfMessage, messageOfItem } from '../../../src/adapters/message-item';
import { aMessage } from '../../support/builders';

describe('messages-table items', () => {
  it('store the message with the correlation id and its sender as the bySender key, and read back as the same message', () => {
    const message = aMessage({
      clientMessageId: 'c-1',
      attachments: [{ attachmentId: 'a-1', fileName: 'f.png', contentType: 'image/png', size: 3 }],
    });

    const item = itemOfMessage(message, 'req-1');

    expect(item).toEqual({ ...message, correlationId: 'req-1', liveSender: message.senderId });
    expect(messageOfItem(item)).toEqual(message);
  });

  it('read a stream image without storage-only attributes or empty optionals', () => {
    const image = { ...aMessage(), correlationId: 'req-1', editedAt: '', size: 3 };

    expect(messageOfItem(image)).toEqual(aMessage({ messageId: image.messageId }));
  });

  it('read seq and version as numbers, and leave them out for a message stored before room versions', () => {
    const message = aMessage({ seq: 3, version: 5 });

    expect(messageOfItem(itemOfMessage(message, 'req-1'))).toEqual(message);
    expect(messageOfItem({ ...message, seq: '3', version: '5' })).toEqual(message);
    expect(messageOfItem({ ...aMessage({ messageId: message.messageId }) })).not.toHaveProperty('seq');
  });
});
