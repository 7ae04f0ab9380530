import type {
  AttributeValue as StreamAttributeValue,
  _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/**
 * Pure mapping from what DynamoDB Streams' GetRecords returns (through the AWS SDK) to the event Lambda
 * gives a stream function: the same fields, with ApproximateCreationDateTime as epoch seconds and binary
 * attribute values as base64 strings, as in Lambda's JSON.
 */

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** One SDK AttributeValue in Lambda's JSON form ({ S: 'x' }, { B: '<base64>' }, nested L and M). */
export function toLambdaAttributeValue(value: StreamAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.SS !== undefined) return { SS: [...value.SS] };
  if (value.NS !== undefined) return { NS: [...value.NS] };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttributeValue) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  throw new Error(`Unsupported attribute value in a stream record: ${JSON.stringify(value)}`);
}

/** A whole item (Keys, NewImage or OldImage) in Lambda's JSON form. */
export function toLambdaImage(image: Record<string, StreamAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(
    Object.entries(image).map(([name, value]) => [name, toLambdaAttributeValue(value)]),
  );
}

export interface LambdaRecordContext {
  /** The event source mapping's stream ARN (eventSourceARN). */
  streamArn: string;
  /** Region shown in awsRegion; DynamoDB Local itself says "ddblocal". */
  awsRegion: string;
}

/** The sequence number of a stream record; every record GetRecords returns has one. */
export function sequenceNumberOf(record: StreamsRecord): string {
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  if (sequenceNumber === undefined) throw new Error(`Stream record ${record.eventID} has no SequenceNumber`);
  return sequenceNumber;
}

/** One stream record as Lambda delivers it. */
export function toLambdaRecord(record: StreamsRecord, context: LambdaRecordContext): DynamoDBRecord {
  const source = record.dynamodb ?? {};
  const created = source.ApproximateCreationDateTime;
  const dynamodb: NonNullable<DynamoDBRecord['dynamodb']> = {
    ...(created !== undefined ? { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) } : {}),
    ...(source.Keys ? { Keys: toLambdaImage(source.Keys) } : {}),
    ...(source.NewImage ? { NewImage: toLambdaImage(source.NewImage) } : {}),
    ...(source.OldImage ? { OldImage: toLambdaImage(source.OldImage) } : {}),
    SequenceNumber: sequenceNumberOf(record),
    ...(source.SizeBytes !== undefined ? { SizeBytes: source.SizeBytes } : {}),
    ...(source.StreamViewType ? { StreamViewType: source.StreamViewType } : {}),
  };
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: context.awsRegion,
    dynamodb,
    ...(record.userIdentity
      ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } }
      : {}),
    eventSourceARN: context.streamArn,
  };
}

/** The event for one batch of stream records. */
export function toLambdaEvent(
  records: readonly StreamsRecord[],
  context: LambdaRecordContext,
): DynamoDBStreamEvent {
  return { Records: records.map((record) => toLambdaRecord(record, context)) };
}
