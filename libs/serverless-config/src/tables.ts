import type { CfnResource } from './types';

export type KeyType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  name: string;
  type: KeyType;
}

export interface IndexSpec {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Defaults to ALL. */
  projection?: 'ALL' | 'KEYS_ONLY';
}

/** A local secondary index: the table's partition key with another sort key. */
export interface LocalIndexSpec {
  name: string;
  sortKey: KeyAttribute;
  /** Defaults to ALL. */
  projection?: 'ALL' | 'KEYS_ONLY';
}

export interface TableSpec {
  /** The short name: the table is called `<service>-<stage>-<name>`. */
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  indexes?: IndexSpec[];
  localIndexes?: LocalIndexSpec[];
  /** Set when the service publishes events from the table's stream (the outbox). */
  stream?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  /** The attribute holding the expiry time in epoch seconds. */
  ttlAttribute?: string;
  pointInTimeRecovery?: boolean;
}

/** The physical name of a table of this service: `${self:service}-${sls:stage}-<name>`. */
export function tableName(name: string): string {
  return `\${self:service}-\${sls:stage}-${name}`;
}

function keySchema(partitionKey: KeyAttribute, sortKey?: KeyAttribute): Record<string, string>[] {
  const keys = [{ AttributeName: partitionKey.name, KeyType: 'HASH' }];
  if (sortKey) keys.push({ AttributeName: sortKey.name, KeyType: 'RANGE' });
  return keys;
}

function attributeDefinitions(spec: TableSpec): { AttributeName: string; AttributeType: KeyType }[] {
  const keys = [
    spec.partitionKey,
    spec.sortKey,
    ...(spec.indexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey]),
    ...(spec.localIndexes ?? []).map((i) => i.sortKey),
  ];
  const byName = new Map<string, KeyType>();
  for (const key of keys) {
    if (!key) continue;
    const known = byName.get(key.name);
    if (known !== undefined && known !== key.type) {
      throw new Error(`Table ${spec.name}: attribute ${key.name} is declared both ${known} and ${key.type}`);
    }
    byName.set(key.name, key.type);
  }
  return [...byName].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}

/** An on-demand DynamoDB table resource with a literal TableName, ready for `resources.Resources`. */
export function dynamoTable(spec: TableSpec): CfnResource {
  const properties: Record<string, unknown> = {
    TableName: tableName(spec.name),
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributeDefinitions(spec),
    KeySchema: keySchema(spec.partitionKey, spec.sortKey),
  };
  if (spec.indexes?.length) {
    properties.GlobalSecondaryIndexes = spec.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: { ProjectionType: index.projection ?? 'ALL' },
    }));
  }
  if (spec.localIndexes?.length) {
    properties.LocalSecondaryIndexes = spec.localIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: keySchema(spec.partitionKey, index.sortKey),
      Projection: { ProjectionType: index.projection ?? 'ALL' },
    }));
  }
  if (spec.stream) properties.StreamSpecification = { StreamViewType: spec.stream };
  if (spec.ttlAttribute) {
    properties.TimeToLiveSpecification = { AttributeName: spec.ttlAttribute, Enabled: true };
  }
  if (spec.pointInTimeRecovery) {
    properties.PointInTimeRecoverySpecification = { PointInTimeRecoveryEnabled: true };
  }
  return { Type: 'AWS::DynamoDB::Table', Properties: properties };
}

/** A table of this stack by name (`{ Ref }`), for a function's environment. */
export function tableRef(logicalId: string): { Ref: string } {
  return { Ref: logicalId };
}

/** Environment variables naming tables of this stack: `{ ROOMS_TABLE: 'RoomsTable' }` → `{ ROOMS_TABLE: { Ref } }`. */
export function tableEnvironment(tables: Record<string, string>): Record<string, { Ref: string }> {
  return Object.fromEntries(Object.entries(tables).map(([name, logicalId]) => [name, tableRef(logicalId)]));
}
