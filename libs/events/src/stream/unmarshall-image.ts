import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as StreamAttributeValue } from 'aws-lambda';

/** Lambda delivers binary attributes base64-encoded; the SDK's unmarshall wants bytes. */
function toSdkValue(value: StreamAttributeValue): SdkAttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B, 'base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b, 'base64')) };
  if (value.L !== undefined) return { L: value.L.map(toSdkValue) };
  if (value.M !== undefined) return { M: toSdkMap(value.M) };
  return value as SdkAttributeValue;
}

function toSdkMap(image: Record<string, StreamAttributeValue>): Record<string, SdkAttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([key, value]) => [key, toSdkValue(value)]));
}

/** A stream record's NewImage/OldImage as a plain object (undefined when the record has none). */
export function unmarshallImage(
  image: Record<string, StreamAttributeValue> | undefined,
): Record<string, unknown> | undefined {
  return image ? unmarshall(toSdkMap(image)) : undefined;
}
