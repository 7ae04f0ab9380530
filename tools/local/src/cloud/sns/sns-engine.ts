/**
 * The state and rules of the local SNS: topics, subscriptions (auto-confirmed), platform applications
 * and endpoints, and Publish, which records one delivery per matching subscription instead of sending.
 * No HTTP here; errors are QueryErrors carrying SNS's error codes.
 */
import { randomUUID } from 'node:crypto';
import {
  FilterPolicyError,
  matchesFilterPolicy,
  parseFilterPolicy,
  type CompiledFilterPolicy,
} from './filter-policy';
import { QueryError, invalidParameter, notFound } from './query-protocol';
import type { SnsDelivery, SnsMessageAttributes } from './types';

export interface Topic {
  arn: string;
  name: string;
  attributes: Record<string, string>;
}

export interface Subscription {
  arn: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
  attributes: Record<string, string>;
  filterPolicy?: CompiledFilterPolicy;
}

export interface PlatformApplication {
  arn: string;
  name: string;
  platform: string;
  attributes: Record<string, string>;
}

export interface PlatformEndpoint {
  arn: string;
  applicationArn: string;
  platform: string;
  /** Token, CustomUserData, Enabled. */
  attributes: Record<string, string>;
}

export interface PublishInput {
  topicArn?: string;
  targetArn?: string;
  phoneNumber?: string;
  message: string;
  subject?: string;
  messageStructure?: string;
  messageAttributes: SnsMessageAttributes;
}

export interface SnsEngineOptions {
  region: string;
  accountId: string;
  maxDeliveries?: number;
  now?: () => Date;
  newId?: () => string;
}

const PROTOCOLS = new Set([
  'email',
  'email-json',
  'sms',
  'http',
  'https',
  'application',
  'sqs',
  'lambda',
  'firehose',
]);
const PLATFORMS = new Set([
  'ADM',
  'APNS',
  'APNS_SANDBOX',
  'APNS_VOIP',
  'APNS_VOIP_SANDBOX',
  'BAIDU',
  'GCM',
  'MPNS',
  'WNS',
]);
const SUBSCRIPTION_ATTRIBUTES = new Set([
  'DeliveryPolicy',
  'FilterPolicy',
  'FilterPolicyScope',
  'RawMessageDelivery',
  'RedrivePolicy',
  'SubscriptionRoleArn',
  'ReplayPolicy',
]);
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
const PLATFORM_APPLICATION_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const MAX_MESSAGE_BYTES = 256 * 1024;
const DATA_TYPE = /^(String|Number|Binary)(\..+)?$/;
const DEFAULT_MAX_DELIVERIES = 10_000;

export class SnsEngine {
  private readonly topics = new Map<string, Topic>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly applications = new Map<string, PlatformApplication>();
  private readonly endpoints = new Map<string, PlatformEndpoint>();
  private recorded: SnsDelivery[] = [];
  private readonly region: string;
  private readonly accountId: string;
  private readonly maxDeliveries: number;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(options: SnsEngineOptions) {
    this.region = options.region;
    this.accountId = options.accountId;
    this.maxDeliveries = options.maxDeliveries ?? DEFAULT_MAX_DELIVERIES;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  private arn(resource: string): string {
    return `arn:aws:sns:${this.region}:${this.accountId}:${resource}`;
  }

  get owner(): string {
    return this.accountId;
  }

  // Topics

  createTopic(name: string, attributes: Record<string, string> = {}): Topic {
    if (!TOPIC_NAME.test(name)) {
      throw invalidParameter(
        'Invalid parameter: Topic Name must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.',
      );
    }
    const arn = this.arn(name);
    const existing = this.topics.get(arn);
    if (existing) return existing;
    const topic = { arn, name, attributes: { ...attributes } };
    this.topics.set(arn, topic);
    return topic;
  }

  /** Deleting an unknown topic is not an error, as in SNS. */
  deleteTopic(topicArn: string): void {
    this.topics.delete(topicArn);
    deleteWhere(this.subscriptions, (subscription) => subscription.topicArn === topicArn);
  }

  listTopics(): Topic[] {
    return [...this.topics.values()];
  }

  topic(topicArn: string): Topic {
    const topic = this.topics.get(topicArn);
    if (!topic) throw notFound('Topic does not exist');
    return topic;
  }

  // Subscriptions

  subscribe(
    topicArn: string,
    protocol: string,
    endpoint: string,
    attributes: Record<string, string> = {},
  ): Subscription {
    this.topic(topicArn);
    if (!PROTOCOLS.has(protocol))
      throw invalidParameter(
        `Invalid parameter: Amazon SNS does not support this protocol string: ${protocol}`,
      );
    checkEndpoint(protocol, endpoint);
    const existing = [...this.subscriptions.values()].find(
      (subscription) =>
        subscription.topicArn === topicArn &&
        subscription.protocol === protocol &&
        subscription.endpoint === endpoint,
    );
    if (existing) return existing;
    const subscription: Subscription = {
      arn: `${topicArn}:${this.newId()}`,
      topicArn,
      protocol,
      endpoint,
      attributes: {},
    };
    for (const [name, value] of Object.entries(attributes))
      applySubscriptionAttribute(subscription, name, value);
    this.subscriptions.set(subscription.arn, subscription);
    return subscription;
  }

  unsubscribe(subscriptionArn: string): void {
    this.subscription(subscriptionArn);
    this.subscriptions.delete(subscriptionArn);
  }

  subscription(subscriptionArn: string): Subscription {
    const subscription = this.subscriptions.get(subscriptionArn);
    if (!subscription) throw notFound('Subscription does not exist');
    return subscription;
  }

  listSubscriptions(topicArn?: string): Subscription[] {
    if (topicArn !== undefined) this.topic(topicArn);
    return [...this.subscriptions.values()].filter((s) => topicArn === undefined || s.topicArn === topicArn);
  }

  setSubscriptionAttribute(subscriptionArn: string, name: string, value: string): void {
    applySubscriptionAttribute(this.subscription(subscriptionArn), name, value);
  }

  subscriptionAttributes(subscriptionArn: string): Record<string, string> {
    const subscription = this.subscription(subscriptionArn);
    return {
      SubscriptionArn: subscription.arn,
      TopicArn: subscription.topicArn,
      Owner: this.accountId,
      Protocol: subscription.protocol,
      Endpoint: subscription.endpoint,
      PendingConfirmation: 'false',
      ConfirmationWasAuthenticated: 'true',
      RawMessageDelivery: 'false',
      ...subscription.attributes,
    };
  }

  // Mobile push

  createPlatformApplication(
    name: string,
    platform: string,
    attributes: Record<string, string> = {},
  ): PlatformApplication {
    if (!PLATFORM_APPLICATION_NAME.test(name)) throw invalidParameter('Invalid parameter: Name');
    if (!PLATFORMS.has(platform))
      throw invalidParameter(`Invalid parameter: Platform Reason: unsupported platform ${platform}`);
    const arn = this.arn(`app/${platform}/${name}`);
    const application = this.applications.get(arn) ?? { arn, name, platform, attributes: {} };
    Object.assign(application.attributes, attributes);
    this.applications.set(arn, application);
    return application;
  }

  deletePlatformApplication(applicationArn: string): void {
    this.applications.delete(applicationArn);
    deleteWhere(this.endpoints, (endpoint) => endpoint.applicationArn === applicationArn);
  }

  /** Idempotent per token: the same token (with the same attributes) gives the same endpoint back. */
  createPlatformEndpoint(
    applicationArn: string,
    token: string,
    customUserData: string | undefined,
    attributes: Record<string, string> = {},
  ): PlatformEndpoint {
    const application = this.applications.get(applicationArn);
    if (!application) throw notFound('PlatformApplication does not exist');
    const wanted: Record<string, string> = {
      Enabled: 'true',
      ...attributes,
      Token: token,
      ...(customUserData !== undefined ? { CustomUserData: customUserData } : {}),
    };
    const existing = [...this.endpoints.values()].find(
      (endpoint) => endpoint.applicationArn === applicationArn && endpoint.attributes.Token === token,
    );
    if (existing) {
      const differs = Object.entries(wanted).some(
        ([name, value]) => (existing.attributes[name] ?? '') !== value,
      );
      if (differs) {
        throw invalidParameter(
          `Invalid parameter: Token Reason: Endpoint ${existing.arn} already exists with the same Token, but different attributes.`,
        );
      }
      return existing;
    }
    const endpoint: PlatformEndpoint = {
      arn: this.arn(`endpoint/${application.platform}/${application.name}/${this.newId()}`),
      applicationArn,
      platform: application.platform,
      attributes: wanted,
    };
    this.endpoints.set(endpoint.arn, endpoint);
    return endpoint;
  }

  /** Deleting an unknown endpoint is not an error, as in SNS. */
  deleteEndpoint(endpointArn: string): void {
    this.endpoints.delete(endpointArn);
  }

  endpoint(endpointArn: string): PlatformEndpoint {
    const endpoint = this.endpoints.get(endpointArn);
    if (!endpoint) throw notFound('Endpoint does not exist');
    return endpoint;
  }

  setEndpointAttributes(endpointArn: string, attributes: Record<string, string>): void {
    Object.assign(this.endpoint(endpointArn).attributes, attributes);
  }

  // Publish

  /** Records the deliveries of one message and returns its MessageId. */
  publish(input: PublishInput): string {
    const targets = [input.topicArn, input.targetArn, input.phoneNumber].filter(
      (target) => target !== undefined,
    );
    if (targets.length !== 1) {
      throw invalidParameter(
        'Invalid parameter: TopicArn or TargetArn or PhoneNumber: exactly one must be specified',
      );
    }
    checkMessage(input);
    const messageId = this.newId();
    const deliveredAt = this.now().toISOString();
    const base = {
      messageId,
      subject: input.subject,
      messageAttributes: input.messageAttributes,
      deliveredAt,
    };
    const messages = messagesByProtocol(input);
    const topicArn =
      input.topicArn ?? (input.targetArn && this.topics.has(input.targetArn) ? input.targetArn : undefined);

    if (topicArn !== undefined) {
      this.topic(topicArn);
      const deliveries = this.listSubscriptions(topicArn)
        .filter((s) => !s.filterPolicy || matchesFilterPolicy(s.filterPolicy, input.messageAttributes))
        .map((s): SnsDelivery => {
          const platform =
            s.protocol === 'application' ? this.endpoints.get(s.endpoint)?.platform : undefined;
          return {
            deliveryId: this.newId(),
            ...base,
            topicArn,
            subscriptionArn: s.arn,
            protocol: s.protocol,
            endpoint: s.endpoint,
            message: messages(platform ?? s.protocol),
          };
        });
      this.record(deliveries);
    } else if (input.targetArn !== undefined) {
      const endpoint = this.endpoints.get(input.targetArn);
      if (!endpoint)
        throw notFound(
          input.targetArn.includes(':endpoint/') ? 'Endpoint does not exist' : 'Topic does not exist',
        );
      if (endpoint.attributes.Enabled === 'false')
        throw new QueryError('EndpointDisabled', 'Endpoint is disabled');
      const message = messages(endpoint.platform);
      this.record([
        {
          deliveryId: this.newId(),
          ...base,
          targetArn: endpoint.arn,
          protocol: 'application',
          endpoint: endpoint.arn,
          message,
        },
      ]);
    } else if (input.phoneNumber !== undefined) {
      if (!/^\+?[0-9]{5,15}$/.test(input.phoneNumber))
        throw invalidParameter('Invalid parameter: PhoneNumber');
      const message = messages('sms');
      this.record([
        {
          deliveryId: this.newId(),
          ...base,
          targetArn: input.phoneNumber,
          protocol: 'sms',
          endpoint: input.phoneNumber,
          message,
        },
      ]);
    }
    return messageId;
  }

  deliveries(): SnsDelivery[] {
    return [...this.recorded];
  }

  clearDeliveries(): void {
    this.recorded = [];
  }

  private record(deliveries: SnsDelivery[]): void {
    this.recorded.push(...deliveries);
    const excess = this.recorded.length - this.maxDeliveries;
    if (excess > 0) this.recorded.splice(0, excess);
  }
}

/** Deletes the entries of `map` whose value matches (the dependents of a deleted topic or application). */
function deleteWhere<T>(map: Map<string, T>, matches: (value: T) => boolean): void {
  for (const [key, value] of [...map]) {
    if (matches(value)) map.delete(key);
  }
}

function checkEndpoint(protocol: string, endpoint: string): void {
  const valid =
    protocol === 'email' || protocol === 'email-json'
      ? /^[^@\s]+@[^@\s]+$/.test(endpoint)
      : protocol === 'http' || protocol === 'https'
        ? endpoint.startsWith(`${protocol}://`)
        : protocol === 'sms'
          ? /^\+?[0-9]{5,15}$/.test(endpoint)
          : protocol === 'application'
            ? /^arn:aws[a-z-]*:sns:[^:]+:[^:]+:endpoint\//.test(endpoint)
            : endpoint.startsWith('arn:');
  if (!valid) throw invalidParameter(`Invalid parameter: Endpoint Reason: invalid ${protocol} endpoint`);
}

function applySubscriptionAttribute(subscription: Subscription, name: string, value: string): void {
  if (!SUBSCRIPTION_ATTRIBUTES.has(name)) throw invalidParameter(`Invalid parameter: AttributeName`);
  if (name === 'FilterPolicyScope' && value !== 'MessageAttributes') {
    throw invalidParameter(
      'Invalid parameter: FilterPolicyScope: the local SNS supports only MessageAttributes',
    );
  }
  if (name === 'RawMessageDelivery' && value !== 'true' && value !== 'false') {
    throw invalidParameter('Invalid parameter: RawMessageDelivery');
  }
  if (name === 'FilterPolicy') {
    if (value.trim() === '' || value.trim() === '{}') {
      delete subscription.filterPolicy;
      delete subscription.attributes.FilterPolicy;
      delete subscription.attributes.FilterPolicyScope;
      return;
    }
    try {
      subscription.filterPolicy = parseFilterPolicy(value);
    } catch (error) {
      if (error instanceof FilterPolicyError) throw invalidParameter(error.message);
      throw error;
    }
    subscription.attributes.FilterPolicyScope ??= 'MessageAttributes';
  }
  subscription.attributes[name] = value;
}

function checkMessage(input: PublishInput): void {
  if (input.message === '') throw invalidParameter('Empty message');
  if (Buffer.byteLength(input.message) > MAX_MESSAGE_BYTES) {
    throw invalidParameter('Invalid parameter: Message too long');
  }
  if (input.subject !== undefined && (input.subject.length === 0 || input.subject.length > 100)) {
    throw invalidParameter('Invalid parameter: Subject');
  }
  if (input.messageStructure !== undefined && input.messageStructure !== 'json') {
    throw invalidParameter('Invalid parameter: MessageStructure');
  }
  for (const [name, attribute] of Object.entries(input.messageAttributes)) {
    if (!DATA_TYPE.test(attribute.DataType)) {
      throw invalidParameter(
        `Invalid parameter: MessageAttributes: the data type of ${name} is not supported`,
      );
    }
    const binary = attribute.DataType.startsWith('Binary');
    if ((binary ? attribute.BinaryValue : attribute.StringValue) === undefined) {
      throw invalidParameter(`Invalid parameter: MessageAttributes: ${name} has no value`);
    }
    if (attribute.DataType.startsWith('Number') && !Number.isFinite(Number(attribute.StringValue))) {
      throw invalidParameter(`Invalid parameter: MessageAttributes: ${name} is not a number`);
    }
  }
}

/** The message each protocol (or push platform) gets; with `MessageStructure: 'json'`, its entry or `default`. */
function messagesByProtocol(input: PublishInput): (protocol: string) => string {
  if (input.messageStructure !== 'json') return () => input.message;
  let structure: unknown;
  try {
    structure = JSON.parse(input.message);
  } catch {
    throw invalidParameter('Invalid parameter: Message Structure - JSON message body failed to parse');
  }
  if (typeof structure !== 'object' || structure === null || Array.isArray(structure)) {
    throw invalidParameter('Invalid parameter: Message Structure - JSON message body failed to parse');
  }
  const entries = structure as Record<string, unknown>;
  const fallback = entries.default;
  if (typeof fallback !== 'string') {
    throw invalidParameter('Invalid parameter: Message Structure - No default entry in JSON message body');
  }
  return (protocol) => {
    const entry = Object.hasOwn(entries, protocol) ? entries[protocol] : undefined;
    return typeof entry === 'string' ? entry : fallback;
  };
}
