import { createEventLog } from '../../../src/cloud/eventbridge/event-log';
import type { PublishedEvent } from '../../../src/cloud/eventbridge/types';

function aPublished(id: string, source = 'chat.messaging', detailType = 'MessageSent'): PublishedEvent {
  return {
    eventBusName: 'default',
    receivedAt: '2024-05-01T12:00:00.000Z',
    matchedRules: [],
    deliveries: [],
    event: {
      version: '0',
      id,
      'detail-type': detailType,
      source,
      account: '000000000000',
      time: '2024-05-01T12:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: {},
    },
  };
}

describe('createEventLog', () => {
  it('keeps only the last entries up to its capacity, oldest first', () => {
    // Arrange
    const log = createEventLog(2);

    // Act
    for (const id of ['a', 'b', 'c']) log.add(aPublished(id));

    // Assert
    expect(log.list().map((entry) => entry.event.id)).toEqual(['b', 'c']);
  });

  it('filters by detail-type and source', () => {
    // Arrange
    const log = createEventLog();
    log.add(aPublished('a', 'chat.messaging', 'MessageSent'));
    log.add(aPublished('b', 'chat.rooms', 'UserJoined'));
    log.add(aPublished('c', 'chat.messaging', 'MessageEdited'));

    // Act
    const bySource = log.list({ source: 'chat.messaging' });
    const byBoth = log.list({ source: 'chat.messaging', detailType: 'MessageEdited' });

    // Assert
    expect(bySource.map((entry) => entry.event.id)).toEqual(['a', 'c']);
    expect(byBoth.map((entry) => entry.event.id)).toEqual(['c']);
  });

  it('returns copies that callers cannot use to change the log', () => {
    // Arrange
    const log = createEventLog();
    log.add(aPublished('a'));

    // Act
    const [copy] = log.list();
    if (copy) copy.event.source = 'changed';

    // Assert
    expect(log.list()[0]?.event.source).toBe('chat.messaging');
  });
});
