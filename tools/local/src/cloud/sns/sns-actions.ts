/** The SNS actions the local SNS serves: request parameters in, the content of `<ActionResult>` out. */
import type { PublishInput, SnsEngine, Subscription } from './sns-engine';
import {
  QueryError,
  invalidParameter,
  listParam,
  mapParam,
  requiredParam,
  stringParam,
  structMapParam,
  xmlElement,
  xmlEntries,
  xmlMembers,
  type QueryParams,
} from './query-protocol';
import type { SnsMessageAttributes } from './types';

/** Returns the serialized result, or undefined for actions whose response has no result element. */
type Action = (engine: SnsEngine, params: QueryParams) => string | undefined;

/** An action whose response has no result element. */
const withoutResult =
  (act: (engine: SnsEngine, params: QueryParams) => void): Action =>
  (engine, params) => {
    act(engine, params);
    return undefined;
  };

/** An action that creates (or finds) a resource and answers with its ARN in `<element>`. */
const answeringArn =
  (element: string, create: (engine: SnsEngine, params: QueryParams) => { arn: string }): Action =>
  (engine, params) =>
    xmlElement(element, create(engine, params).arn);

const PAGE_SIZE = 100;
const MAX_BATCH_ENTRIES = 10;

const actions: Record<string, Action> = {
  CreateTopic: answeringArn('TopicArn', (engine, params) =>
    engine.createTopic(requiredParam(params, 'Name'), mapParam(params, 'Attributes')),
  ),

  DeleteTopic: withoutResult((engine, params) => engine.deleteTopic(requiredParam(params, 'TopicArn'))),

  ListTopics: (engine, params) =>
    page(engine.listTopics(), params, 'Topics', (topic) => xmlElement('TopicArn', topic.arn)),

  GetTopicAttributes: (engine, params) => {
    const topic = engine.topic(requiredParam(params, 'TopicArn'));
    const subscriptions = engine.listSubscriptions(topic.arn).length;
    return xmlEntries('Attributes', {
      TopicArn: topic.arn,
      Owner: engine.owner,
      DisplayName: '',
      SubscriptionsConfirmed: String(subscriptions),
      SubscriptionsPending: '0',
      SubscriptionsDeleted: '0',
      ...topic.attributes,
    });
  },

  Subscribe: answeringArn('SubscriptionArn', (engine, params) =>
    engine.subscribe(
      requiredParam(params, 'TopicArn'),
      requiredParam(params, 'Protocol'),
      requiredParam(params, 'Endpoint'),
      mapParam(params, 'Attributes'),
    ),
  ),

  Unsubscribe: withoutResult((engine, params) =>
    engine.unsubscribe(requiredParam(params, 'SubscriptionArn')),
  ),

  ListSubscriptions: (engine, params) =>
    page(engine.listSubscriptions(), params, 'Subscriptions', (s) => subscriptionXml(engine, s)),

  ListSubscriptionsByTopic: (engine, params) =>
    page(engine.listSubscriptions(requiredParam(params, 'TopicArn')), params, 'Subscriptions', (s) =>
      subscriptionXml(engine, s),
    ),

  SetSubscriptionAttributes: withoutResult((engine, params) =>
    engine.setSubscriptionAttribute(
      requiredParam(params, 'SubscriptionArn'),
      requiredParam(params, 'AttributeName'),
      stringParam(params, 'AttributeValue') ?? '',
    ),
  ),

  GetSubscriptionAttributes: (engine, params) =>
    xmlEntries('Attributes', engine.subscriptionAttributes(requiredParam(params, 'SubscriptionArn'))),

  CreatePlatformApplication: answeringArn('PlatformApplicationArn', (engine, params) =>
    engine.createPlatformApplication(
      requiredParam(params, 'Name'),
      requiredParam(params, 'Platform'),
      mapParam(params, 'Attributes'),
    ),
  ),

  DeletePlatformApplication: withoutResult((engine, params) =>
    engine.deletePlatformApplication(requiredParam(params, 'PlatformApplicationArn')),
  ),

  CreatePlatformEndpoint: answeringArn('EndpointArn', (engine, params) =>
    engine.createPlatformEndpoint(
      requiredParam(params, 'PlatformApplicationArn'),
      requiredParam(params, 'Token'),
      stringParam(params, 'CustomUserData'),
      mapParam(params, 'Attributes'),
    ),
  ),

  DeleteEndpoint: withoutResult((engine, params) =>
    engine.deleteEndpoint(requiredParam(params, 'EndpointArn')),
  ),

  GetEndpointAttributes: (engine, params) =>
    xmlEntries('Attributes', engine.endpoint(requiredParam(params, 'EndpointArn')).attributes),

  SetEndpointAttributes: withoutResult((engine, params) =>
    engine.setEndpointAttributes(requiredParam(params, 'EndpointArn'), mapParam(params, 'Attributes')),
  ),

  Publish: (engine, params) => {
    const messageId = engine.publish({
      topicArn: stringParam(params, 'TopicArn'),
      targetArn: stringParam(params, 'TargetArn'),
      phoneNumber: stringParam(params, 'PhoneNumber'),
      ...publishFields(params),
    });
    return xmlElement('MessageId', messageId);
  },

  PublishBatch: (engine, params) => {
    const topicArn = requiredParam(params, 'TopicArn');
    engine.topic(topicArn);
    const entries = listParam(params, 'PublishBatchRequestEntries');
    checkBatch(entries);
    const successful: string[] = [];
    const failed: string[] = [];
    for (const entry of entries) {
      const id = requiredParam(entry, 'Id');
      try {
        const messageId = engine.publish({ topicArn, ...publishFields(entry) });
        successful.push(xmlElement('Id', id) + xmlElement('MessageId', messageId));
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        failed.push(
          xmlElement('Id', id) +
            xmlElement('Code', error.code) +
            xmlElement('Message', error.message) +
            xmlElement('SenderFault', error.senderFault),
        );
      }
    }
    return xmlMembers('Successful', successful) + xmlMembers('Failed', failed);
  },
};

/** Runs an action; throws QueryError `InvalidAction` for an action the local SNS does not serve. */
export function runAction(engine: SnsEngine, action: string, params: QueryParams): string | undefined {
  const run = Object.hasOwn(actions, action) ? actions[action] : undefined;
  if (!run)
    throw new QueryError('InvalidAction', `Could not find operation ${action} for version 2010-03-31`);
  return run(engine, params);
}

function publishFields(params: QueryParams): Omit<PublishInput, 'topicArn' | 'targetArn' | 'phoneNumber'> {
  return {
    message: stringParam(params, 'Message') ?? '',
    subject: stringParam(params, 'Subject'),
    messageStructure: stringParam(params, 'MessageStructure'),
    messageAttributes: messageAttributes(params),
  };
}

function messageAttributes(params: QueryParams): SnsMessageAttributes {
  const attributes: SnsMessageAttributes = {};
  for (const [name, value] of Object.entries(structMapParam(params, 'MessageAttributes'))) {
    const dataType = requiredParam(value, 'DataType');
    const stringValue = stringParam(value, 'StringValue');
    const binaryValue = stringParam(value, 'BinaryValue');
    attributes[name] = {
      DataType: dataType,
      ...(stringValue !== undefined ? { StringValue: stringValue } : {}),
      ...(binaryValue !== undefined ? { BinaryValue: binaryValue } : {}),
    };
  }
  return attributes;
}

function checkBatch(entries: QueryParams[]): void {
  if (entries.length === 0) {
    throw new QueryError('EmptyBatchRequest', 'The batch request does not contain any entries');
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new QueryError(
      'TooManyEntriesInBatchRequest',
      'The batch request contains more entries than permissible',
    );
  }
  const ids = entries.map((entry) => requiredParam(entry, 'Id'));
  if (new Set(ids).size !== ids.length) {
    throw new QueryError(
      'BatchEntryIdsNotDistinct',
      'Two or more batch entries in the request have the same Id',
    );
  }
  if (!ids.every((id) => /^[A-Za-z0-9_-]{1,80}$/.test(id))) {
    throw new QueryError('InvalidBatchEntryId', 'A batch entry Id is not valid');
  }
}

function subscriptionXml(engine: SnsEngine, subscription: Subscription): string {
  return (
    xmlElement('SubscriptionArn', subscription.arn) +
    xmlElement('Owner', engine.owner) +
    xmlElement('Protocol', subscription.protocol) +
    xmlElement('Endpoint', subscription.endpoint) +
    xmlElement('TopicArn', subscription.topicArn)
  );
}

/** A page of 100 items with SNS's `NextToken` (here the offset of the next page). */
function page<T>(items: T[], params: QueryParams, listName: string, toXml: (item: T) => string): string {
  const token = stringParam(params, 'NextToken');
  const offset = token === undefined ? 0 : Number(token);
  if (!Number.isInteger(offset) || offset < 0) throw invalidParameter('Invalid parameter: NextToken');
  const pageItems = items.slice(offset, offset + PAGE_SIZE);
  const next = offset + PAGE_SIZE < items.length ? String(offset + PAGE_SIZE) : undefined;
  return xmlMembers(listName, pageItems.map(toXml)) + xmlElement('NextToken', next);
}
