import { randomUUID } from 'node:crypto';
import {
  CreatePlatformApplicationCommand,
  CreatePlatformEndpointCommand,
  CreateTopicCommand,
  DeleteEndpointCommand,
  GetSubscriptionAttributesCommand,
  InvalidParameterException,
  ListSubscriptionsByTopicCommand,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { startSns, type RunningSns, type SnsDelivery } from '../../../src/cloud/sns';

const region = 'us-east-1';
const accountId = '000000000000';

describe('the local SNS endpoint with the real @aws-sdk/client-sns', () => {
  let sns: RunningSns;
  let client: SNSClient;

  beforeAll(async () => {
    sns = await startSns({ port: 0, region, accountId });
    client = new SNSClient({
      endpoint: sns.url,
      region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client?.destroy();
    await sns?.close();
  });

  const uniqueName = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
  const deliveriesTo = (endpoint: string): SnsDelivery[] =>
    sns.deliveries().filter((d) => d.endpoint === endpoint);

  it('creates a topic idempotently by name', async () => {
    // Arrange
    const name = uniqueName('topic');

    // Act
    const first = await client.send(new CreateTopicCommand({ Name: name }));
    const second = await client.send(new CreateTopicCommand({ Name: name }));

    // Assert
    expect(first.TopicArn).toBe(`arn:aws:sns:${region}:${accountId}:${name}`);
    expect(second.TopicArn).toBe(first.TopicArn);
  });

  it('delivers a publish only to the e-mail subscriptions whose filter policy matches', async () => {
    // Arrange
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: uniqueName('mentions') }));
    const email = `${uniqueName('ada')}@example.com`;
    const { SubscriptionArn } = await client.send(
      new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: email, ReturnSubscriptionArn: true }),
    );
    await client.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn,
        AttributeName: 'FilterPolicy',
        AttributeValue: JSON.stringify({ kind: ['mention', 'dm'], count: [{ numeric: ['>', 0] }] }),
      }),
    );

    // Act
    const matching = await client.send(
      new PublishCommand({
        TopicArn,
        Subject: 'You were mentioned',
        Message: 'ada: hi @bob',
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'mention' },
          count: { DataType: 'Number', StringValue: '2' },
        },
      }),
    );
    await client.send(
      new PublishCommand({
        TopicArn,
        Message: 'not for ada',
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'system' },
          count: { DataType: 'Number', StringValue: '2' },
        },
      }),
    );
    await client.send(new PublishCommand({ TopicArn, Message: 'no attributes at all' }));

    // Assert
    const attributes = await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    expect(attributes.Attributes).toMatchObject({
      PendingConfirmation: 'false',
      Protocol: 'email',
      Endpoint: email,
    });
    expect(deliveriesTo(email)).toEqual([
      {
        deliveryId: expect.any(String),
        messageId: matching.MessageId,
        topicArn: TopicArn,
        subscriptionArn: SubscriptionArn,
        protocol: 'email',
        endpoint: email,
        subject: 'You were mentioned',
        message: 'ada: hi @bob',
        messageAttributes: {
          kind: { DataType: 'String', StringValue: 'mention' },
          count: { DataType: 'Number', StringValue: '2' },
        },
        deliveredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    ]);
  });

  it('picks the e-mail entry of a json-structured message and stops after unsubscribe', async () => {
    // Arrange
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: uniqueName('structured') }));
    const email = `${uniqueName('bob')}@example.com`;
    const { SubscriptionArn } = await client.send(
      new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: email, ReturnSubscriptionArn: true }),
    );
    const message = JSON.stringify({ default: 'short', email: 'the long e-mail text' });

    // Act
    await client.send(new PublishCommand({ TopicArn, Message: message, MessageStructure: 'json' }));
    await client.send(new UnsubscribeCommand({ SubscriptionArn }));
    await client.send(new PublishCommand({ TopicArn, Message: 'after unsubscribe' }));
    const listed = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn }));

    // Assert
    expect(deliveriesTo(email).map((d) => d.message)).toEqual(['the long e-mail text']);
    expect(listed.Subscriptions).toEqual([]);
  });

  it('publishes to a platform endpoint, created once per token', async () => {
    // Arrange
    const { PlatformApplicationArn } = await client.send(
      new CreatePlatformApplicationCommand({
        Name: uniqueName('chat-fcm'),
        Platform: 'GCM',
        Attributes: { PlatformCredential: 'local' },
      }),
    );
    const token = uniqueName('device-token');
    const first = await client.send(
      new CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: token, CustomUserData: 'user-1' }),
    );
    const second = await client.send(
      new CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: token, CustomUserData: 'user-1' }),
    );
    const push = JSON.stringify({
      default: 'new mention',
      GCM: JSON.stringify({ notification: { title: 'Chat' } }),
    });

    // Act
    const published = await client.send(
      new PublishCommand({ TargetArn: first.EndpointArn, Message: push, MessageStructure: 'json' }),
    );

    // Assert
    expect(second.EndpointArn).toBe(first.EndpointArn);
    expect(deliveriesTo(first.EndpointArn ?? '')).toEqual([
      expect.objectContaining({
        messageId: published.MessageId,
        targetArn: first.EndpointArn,
        protocol: 'application',
        message: JSON.stringify({ notification: { title: 'Chat' } }),
      }),
    ]);
  });

  it('publishes a batch and reports each entry', async () => {
    // Arrange
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: uniqueName('batch') }));
    const email = `${uniqueName('cy')}@example.com`;
    await client.send(new SubscribeCommand({ TopicArn, Protocol: 'email-json', Endpoint: email }));

    // Act
    const result = await client.send(
      new PublishBatchCommand({
        TopicArn,
        PublishBatchRequestEntries: [
          { Id: 'one', Message: 'first' },
          {
            Id: 'two',
            Message: 'second',
            MessageAttributes: { kind: { DataType: 'String', StringValue: 'dm' } },
          },
          { Id: 'bad', Message: '' },
        ],
      }),
    );

    // Assert
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['one', 'two']);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: 'bad', Code: 'InvalidParameter', SenderFault: true }),
    ]);
    expect(deliveriesTo(email).map((d) => d.message)).toEqual(['first', 'second']);
  });

  it('throws the SDK NotFoundException for an unknown topic or a deleted endpoint', async () => {
    // Arrange
    const unknownTopic = `arn:aws:sns:${region}:${accountId}:${uniqueName('missing')}`;
    const { PlatformApplicationArn } = await client.send(
      new CreatePlatformApplicationCommand({
        Name: uniqueName('chat-apns'),
        Platform: 'APNS',
        Attributes: {},
      }),
    );
    const { EndpointArn } = await client.send(
      new CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: uniqueName('token') }),
    );
    await client.send(new DeleteEndpointCommand({ EndpointArn }));

    // Act
    const toTopic = client.send(new PublishCommand({ TopicArn: unknownTopic, Message: 'hello' }));
    const toEndpoint = client.send(new PublishCommand({ TargetArn: EndpointArn, Message: 'hello' }));

    // Assert
    await expect(toTopic).rejects.toBeInstanceOf(NotFoundException);
    await expect(toTopic).rejects.toMatchObject({
      name: 'NotFoundException',
      message: 'Topic does not exist',
    });
    await expect(toEndpoint).rejects.toBeInstanceOf(NotFoundException);
  });

  it('throws the SDK InvalidParameterException for a bad filter policy', async () => {
    // Arrange
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: uniqueName('invalid') }));
    const { SubscriptionArn } = await client.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'email',
        Endpoint: 'dan@example.com',
        ReturnSubscriptionArn: true,
      }),
    );

    // Act
    const act = client.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn,
        AttributeName: 'FilterPolicy',
        AttributeValue: '{"kind":"dm"}',
      }),
    );

    // Assert
    await expect(act).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('serves the recorded deliveries as JSON', async () => {
    // Arrange
    const phone = '+15550199';
    const since = new Date().toISOString();
    await client.send(new PublishCommand({ PhoneNumber: phone, Message: 'your code is 123' }));

    // Act
    const response = await fetch(
      `${sns.url}/_local/sns/deliveries?${new URLSearchParams({ endpoint: phone, since })}`,
    );

    // Assert
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      items: [expect.objectContaining({ protocol: 'sms', endpoint: phone, message: 'your code is 123' })],
    });
  });
});
