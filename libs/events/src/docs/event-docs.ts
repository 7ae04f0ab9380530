import * as z from 'zod';
import { type EventContract, contractVersionName } from '../contracts/contract';
import { buildEvent, deterministicEventId, envelopeSchema, type EventEnvelope } from '../envelope';

export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema (draft-07) of one event version's EventBridge `detail` (envelope with metadata and
 * data). Input mode: objects do not forbid additional properties, as consumers ignore unknown fields.
 */
export function eventJsonSchema(contract: EventContract): JsonSchema {
  const generated = z.toJSONSchema(envelopeSchema(contract), {
    target: 'draft-7',
    io: 'input',
  }) as JsonSchema;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: `${contract.detailType} v${contract.version}`,
    description: `${contract.description} EventBridge source "${contract.source}", detail-type "${contract.detailType}".`,
    ...rest,
  };
}

/** The contract's examples wrapped in envelopes with fixed ids and times (stable docs). */
export function exampleEnvelopes(contract: EventContract): EventEnvelope[] {
  const name = contractVersionName(contract);
  return contract.examples.map((data, index) =>
    buildEvent(contract, data, {
      producer: contract.source.slice('chat.'.length),
      eventId: deterministicEventId(`example#${name}#${index}`),
      correlationId: deterministicEventId(`example-correlation#${name}#${index}`),
      now: new Date('2025-01-15T10:00:00.000Z'),
    }),
  );
}

export interface AsyncApiOptions {
  /** The document's version (the @chat/events package version). */
  version: string;
}

/**
 * An AsyncAPI 2.6 document of every event: one channel per detail-type on the `chat-<stage>` bus,
 * one message per published version (payload = the detail's JSON Schema, with example envelopes).
 */
export function asyncApiDocument(contracts: readonly EventContract[], options: AsyncApiOptions): JsonSchema {
  const messages: Record<string, JsonSchema> = {};
  const versionsByType = new Map<string, EventContract[]>();
  for (const contract of contracts) {
    const { $schema: _ignored, ...payload } = eventJsonSchema(contract);
    messages[contractVersionName(contract)] = {
      name: contract.detailType,
      title: `${contract.detailType} v${contract.version}`,
      summary: contract.description,
      contentType: 'application/json',
      payload,
      examples: exampleEnvelopes(contract).map((envelope, index) => ({
        name: `example-${index + 1}`,
        payload: envelope,
      })),
      'x-eventbridge': {
        source: contract.source,
        detailType: contract.detailType,
        version: contract.version,
      },
    };
    versionsByType.set(contract.detailType, [...(versionsByType.get(contract.detailType) ?? []), contract]);
  }

  const channels: Record<string, JsonSchema> = {};
  for (const [detailType, versions] of versionsByType) {
    const refs = versions.map((c) => ({ $ref: `#/components/messages/${contractVersionName(c)}` }));
    const source = versions[0]?.source ?? '';
    channels[detailType] = {
      description: `EventBridge bus chat-<stage>, source "${source}", detail-type "${detailType}". Delivered at least once: de-duplicate on metadata.eventId.`,
      subscribe: {
        operationId: `on${detailType}`,
        summary: versions[versions.length - 1]?.description,
        message: refs.length === 1 ? refs[0] : { oneOf: refs },
      },
    };
  }

  return {
    asyncapi: '2.6.0',
    id: 'urn:chat-backend:domain-events',
    info: {
      title: 'Chat backend domain events',
      version: options.version,
      description:
        'Domain events the chat services publish on the EventBridge bus chat-<stage>. Each EventBridge detail is an envelope { metadata, data }; generated from the zod contracts in libs/events.',
    },
    defaultContentType: 'application/json',
    channels,
    components: { messages },
  };
}
