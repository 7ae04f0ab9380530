import type { RunningServer } from '../types';

/** A message attribute as Publish received it; `BinaryValue` is base64. */
export interface SnsMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export type SnsMessageAttributes = Record<string, SnsMessageAttribute>;

/** One message handed to one subscriber (or platform endpoint), as the local SNS records it. */
export interface SnsDelivery {
  deliveryId: string;
  messageId: string;
  /** The topic published to, for deliveries to a topic's subscriptions. */
  topicArn?: string;
  /** The platform endpoint or phone number published to directly. */
  targetArn?: string;
  subscriptionArn?: string;
  /** `email`, `email-json`, `sms`, `http`, `https`, `application`, … */
  protocol: string;
  /** E-mail address, phone number, URL or platform endpoint ARN. */
  endpoint: string;
  subject?: string;
  /** The message for this protocol (the matching entry of a `MessageStructure: 'json'` message). */
  message: string;
  messageAttributes: SnsMessageAttributes;
  /** ISO-8601 UTC. */
  deliveredAt: string;
}

export interface SnsOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  region: string;
  accountId: string;
  /** Deliveries kept (the oldest are dropped). Default 10,000. */
  maxDeliveries?: number;
  /** Told of each accepted Publish (1) or PublishBatch (its entries). */
  onPublish?: (messages: number) => void;
}

export interface RunningSns extends RunningServer {
  /** Recorded deliveries, oldest first. */
  deliveries(): SnsDelivery[];
  /** Forgets the recorded deliveries (topics and subscriptions stay). */
  clear(): void;
}
