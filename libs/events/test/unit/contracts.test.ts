import {
  ContractViolationError,
  buildEvent,
  contractVersionName,
  eventContracts,
  type EventContract,
  findContract,
  publishedContracts,
  validateEvent,
} from '../../src/index';

const examplesOf = (contract: EventContract) =>
  contract.examples.map(
    (data, index) => [`${contractVersionName(contract)} example ${index + 1}`, contract, data] as const,
  );

const firstRequiredField = (data: unknown): string => {
  const [key] = Object.keys(data as Record<string, unknown>);
  if (!key) throw new Error('example has no fields');
  return key;
};

describe('event contracts', () => {
  it('registers every contract under its own detail-type with a chat.<service> source and an integer version', () => {
    for (const [key, contract] of Object.entries(eventContracts)) {
      expect(contract.detailType).toBe(key);
      expect(contract.source).toMatch(/^chat\.(auth|rooms|messaging|realtime|notifications)$/);
      expect(Number.isInteger(contract.version) && contract.version >= 1).toBe(true);
      expect(contract.examples.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('covers the events of API.md plus UserLoggedOut, RoomUpdated, ReadMarkerMoved, ReactionChanged and the safety events', () => {
    expect(Object.keys(eventContracts).sort()).toEqual(
      [
        'MessageDeleted',
        'MessageEdited',
        'MessageSent',
        'NotificationRequested',
        'PresenceChanged',
        'ReactionChanged',
        'ReadMarkerMoved',
        'RoomCreated',
        'RoomUpdated',
        'UserJoined',
        'UserLeft',
        'UserLoggedOut',
        'UserRegistered',
        'UserBanned',
        'MessageReported',
        'UserDeleted',
        'UserBlocked',
        'UserUnblocked',
      ].sort(),
    );
  });

  it('publishes NotificationRequested as v2, with kind reply, and keeps v1 (mention and dm only) beside it', () => {
    const reply = eventContracts.NotificationRequested.examples.find((e) => e.kind === 'reply');
    const v1 = findContract('NotificationRequested', 1);

    expect(eventContracts.NotificationRequested.version).toBe(2);
    expect(reply).toBeDefined();
    expect(v1?.schema.safeParse(reply).success).toBe(false);
    expect(v1?.schema.safeParse({ ...reply, kind: 'mention' }).success).toBe(true);
  });

  it('finds a published contract by detail-type and version, and nothing for an unknown version', () => {
    expect(findContract('MessageSent', 1)).toBe(eventContracts.MessageSent);
    expect(findContract('MessageSent', 99)).toBeUndefined();
  });

  it.each(publishedContracts.flatMap(examplesOf))(
    '%s validates against its schema',
    (_name, contract, data) => {
      const result = contract.schema.safeParse(data);

      expect(result.error?.issues).toBeUndefined();
    },
  );

  it.each(publishedContracts.flatMap(examplesOf))(
    '%s without its first field is rejected, naming that field',
    (_name, contract, data) => {
      const field = firstRequiredField(data);
      const broken = { ...(data as Record<string, unknown>) };
      delete broken[field];
      const event = buildEvent(contract, broken, { producer: 'test' });

      expect(() => validateEvent(event)).toThrow(ContractViolationError);
      expect(() => validateEvent(event)).toThrow(`data.${field}: Invalid input: expected`);
    },
  );

  it('rejects a malformed MessageSent example with a readable reason naming the event and each bad field', () => {
    const event = buildEvent(
      eventContracts.MessageSent,
      {
        ...eventContracts.MessageSent.examples[0],
        mentions: [42 as unknown as string],
        createdAt: '15/01/2025 10:00',
        text: 'x'.repeat(4001),
      },
      { producer: 'test', eventId: 'evt-1' },
    );

    let thrown: unknown;
    try {
      validateEvent(event);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ContractViolationError);
    const message = (thrown as Error).message;
    expect(message).toContain('MessageSent v1 evt-1');
    expect(message).toContain('data.text: Too big: expected string to have <=4000 characters');
    expect(message).toContain('data.mentions[0]: Invalid input: expected string, received number');
    expect(message).toContain('data.createdAt: Invalid ISO datetime');
    expect((thrown as ContractViolationError).issues.map((i) => i.path)).toEqual([
      'data.text',
      'data.mentions[0]',
      'data.createdAt',
    ]);
  });

  it('rejects an event whose metadata names no published contract version', () => {
    const event = buildEvent(eventContracts.UserJoined, eventContracts.UserJoined.examples[0], {
      producer: 'test',
    });
    event.metadata.version = 7;

    expect(() => validateEvent(event)).toThrow('metadata.eventType: no published contract UserJoined v7');
  });

  it('rejects an envelope with invalid metadata, naming the metadata field', () => {
    const event = buildEvent(eventContracts.UserLeft, eventContracts.UserLeft.examples[0], { producer: '' });

    expect(() => validateEvent(event)).toThrow('metadata.producer: Too small');
  });

  it('requires editedAt on MessageEdited and a lower-case username on UserRegistered', () => {
    const { editedAt: _omitted, ...unedited } = eventContracts.MessageEdited.examples[0];

    expect(eventContracts.MessageEdited.schema.safeParse(unedited).success).toBe(false);
    expect(
      eventContracts.UserRegistered.schema.safeParse({
        userId: 'u1',
        username: 'Alice',
        email: 'a@example.com',
      }).success,
    ).toBe(false);
  });
});
