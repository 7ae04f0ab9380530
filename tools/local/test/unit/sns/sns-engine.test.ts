import { deliveriesResponse, InvalidDeliveriesQueryError } from '../../../src/cloud/sns/deliveries';
import { SnsEngine, type PublishInput } from '../../../src/cloud/sns/sns-engine';

function anEngine(overrides: { maxDeliveries?: number; times?: string[] } = {}): SnsEngine {
  let id = 0;
  const times = [...(overrides.times ?? [])];
  return new SnsEngine({
    region: 'us-east-1',
    accountId: '000000000000',
    maxDeliveries: overrides.maxDeliveries,
    newId: () => `id-${++id}`,
    now: () => new Date(times.shift() ?? '2024-05-01T12:00:00.000Z'),
  });
}

function aPublish(overrides: Partial<PublishInput> = {}): PublishInput {
  return { message: 'hello', messageAttributes: {}, ...overrides };
}

describe('SnsEngine', () => {
  it('creates a topic once per name', () => {
    // Arrange
    const engine = anEngine();

    // Act
    const first = engine.createTopic('alerts');
    const second = engine.createTopic('alerts');

    // Assert
    expect(first.arn).toBe('arn:aws:sns:us-east-1:000000000000:alerts');
    expect(second.arn).toBe(first.arn);
    expect(engine.listTopics()).toHaveLength(1);
  });

  it('records one delivery per subscription whose filter policy matches', () => {
    // Arrange
    const engine = anEngine();
    const topic = engine.createTopic('alerts');
    const ada = engine.subscribe(topic.arn, 'email', 'ada@example.com', {
      FilterPolicy: '{"userId":["ada"]}',
    });
    engine.subscribe(topic.arn, 'email', 'bob@example.com', { FilterPolicy: '{"userId":["bob"]}' });

    // Act
    engine.publish(
      aPublish({
        topicArn: topic.arn,
        messageAttributes: { userId: { DataType: 'String', StringValue: 'ada' } },
      }),
    );

    // Assert
    expect(engine.deliveries()).toEqual([
      expect.objectContaining({
        subscriptionArn: ada.arn,
        endpoint: 'ada@example.com',
        protocol: 'email',
        message: 'hello',
      }),
    ]);
  });

  it('gives each protocol its entry of a json-structured message, else the default', () => {
    // Arrange
    const engine = anEngine();
    const topic = engine.createTopic('alerts');
    engine.subscribe(topic.arn, 'email', 'ada@example.com');
    engine.subscribe(topic.arn, 'sms', '+15550100');
    const message = JSON.stringify({ default: 'plain', email: 'for e-mail' });

    // Act
    engine.publish(aPublish({ topicArn: topic.arn, message, messageStructure: 'json' }));

    // Assert
    expect(engine.deliveries().map((d) => [d.protocol, d.message])).toEqual([
      ['email', 'for e-mail'],
      ['sms', 'plain'],
    ]);
  });

  it('refuses a json-structured message without a default entry', () => {
    // Arrange
    const engine = anEngine();
    const topic = engine.createTopic('alerts');

    // Act
    const act = () =>
      engine.publish(aPublish({ topicArn: topic.arn, message: '{"email":"x"}', messageStructure: 'json' }));

    // Assert
    expect(act).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });

  it('returns the same platform endpoint for the same token and refuses it with other attributes', () => {
    // Arrange
    const engine = anEngine();
    const app = engine.createPlatformApplication('chat', 'GCM');

    // Act
    const first = engine.createPlatformEndpoint(app.arn, 'token-1', 'user-1');
    const again = engine.createPlatformEndpoint(app.arn, 'token-1', 'user-1');
    const conflicting = () => engine.createPlatformEndpoint(app.arn, 'token-1', 'user-2');

    // Assert
    expect(again.arn).toBe(first.arn);
    expect(first.arn).toMatch(/^arn:aws:sns:us-east-1:000000000000:endpoint\/GCM\/chat\/.+/);
    expect(conflicting).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });

  it('refuses to publish to a disabled platform endpoint', () => {
    // Arrange
    const engine = anEngine();
    const app = engine.createPlatformApplication('chat', 'APNS');
    const endpoint = engine.createPlatformEndpoint(app.arn, 'token-1', undefined);
    engine.setEndpointAttributes(endpoint.arn, { Enabled: 'false' });

    // Act
    const act = () => engine.publish(aPublish({ targetArn: endpoint.arn }));

    // Assert
    expect(act).toThrow(expect.objectContaining({ code: 'EndpointDisabled' }));
  });

  it('keeps only the newest deliveries beyond its limit', () => {
    // Arrange
    const engine = anEngine({ maxDeliveries: 2 });

    // Act
    for (const message of ['one', 'two', 'three'])
      engine.publish(aPublish({ phoneNumber: '+15550100', message }));

    // Assert
    expect(engine.deliveries().map((d) => d.message)).toEqual(['two', 'three']);
  });
});

describe('deliveriesResponse', () => {
  it('filters deliveries by endpoint, protocol and since', () => {
    // Arrange
    const engine = anEngine({
      times: ['2024-05-01T12:00:00.000Z', '2024-05-01T12:00:05.000Z', '2024-05-01T12:00:09.000Z'],
    });
    const topic = engine.createTopic('alerts');
    engine.subscribe(topic.arn, 'email', 'ada@example.com');
    engine.publish(aPublish({ topicArn: topic.arn, message: 'old' }));
    engine.publish(aPublish({ topicArn: topic.arn, message: 'new' }));
    engine.publish(aPublish({ phoneNumber: '+15550100', message: 'sms' }));

    // Act
    const byEndpoint = deliveriesResponse(engine, new URLSearchParams({ endpoint: 'ada@example.com' }));
    const recentEmail = deliveriesResponse(
      engine,
      new URLSearchParams({ protocol: 'email', since: '2024-05-01T12:00:05.000Z' }),
    );

    // Assert
    expect(byEndpoint.items.map((d) => d.message)).toEqual(['old', 'new']);
    expect(recentEmail.items.map((d) => d.message)).toEqual(['new']);
  });

  it('refuses a since that is not a time', () => {
    // Act
    const act = () => deliveriesResponse(anEngine(), new URLSearchParams({ since: 'yesterday' }));

    // Assert
    expect(act).toThrow(InvalidDeliveriesQueryError);
  });
});
