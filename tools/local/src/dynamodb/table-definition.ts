import type {
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  KeySchemaElement,
  TableDescription,
} from '@aws-sdk/client-dynamodb';
import * as z from 'zod';

/**
 * Pure part of createTables: turns the resolved CloudFormation `AWS::DynamoDB::Table` Properties into a
 * CreateTable request, and compares an existing table with it.
 */

const keySchema = z.array(z.object({ AttributeName: z.string().min(1), KeyType: z.enum(['HASH', 'RANGE']) }));
const throughput = z.object({
  ReadCapacityUnits: z.coerce.number().int().positive(),
  WriteCapacityUnits: z.coerce.number().int().positive(),
});
const projection = z.object({
  ProjectionType: z.enum(['ALL', 'KEYS_ONLY', 'INCLUDE']).optional(),
  NonKeyAttributes: z.array(z.string()).optional(),
});
const index = z.looseObject({
  IndexName: z.string().min(1),
  KeySchema: keySchema,
  Projection: projection,
  ProvisionedThroughput: throughput.optional(),
});
const enabledFlag = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

const tableProperties = z.looseObject({
  TableName: z.string().min(3).optional(),
  AttributeDefinitions: z.array(
    z.object({ AttributeName: z.string().min(1), AttributeType: z.enum(['S', 'N', 'B']) }),
  ),
  KeySchema: keySchema,
  BillingMode: z.enum(['PAY_PER_REQUEST', 'PROVISIONED']).optional(),
  ProvisionedThroughput: throughput.optional(),
  GlobalSecondaryIndexes: z.array(index).optional(),
  LocalSecondaryIndexes: z.array(index).optional(),
  StreamSpecification: z
    .looseObject({ StreamViewType: z.enum(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']) })
    .optional(),
  TimeToLiveSpecification: z.object({ AttributeName: z.string().min(1), Enabled: enabledFlag }).optional(),
});

const HANDLED = new Set(Object.keys(tableProperties.shape));
/** Properties with no local meaning (backups, encryption, tags, capacity tuning...): ignored without a word. */
const IGNORED = new Set([
  'PointInTimeRecoverySpecification',
  'Tags',
  'SSESpecification',
  'DeletionProtectionEnabled',
  'TableClass',
  'ContributorInsightsSpecification',
  'KinesisStreamSpecification',
  'ResourcePolicy',
  'OnDemandThroughput',
  'WarmThroughput',
]);

export interface TableDefinition {
  /** The table's logical id in the service's CloudFormation resources. */
  logicalId: string;
  /** Its resolved `AWS::DynamoDB::Table` Properties (no intrinsic functions left). */
  properties: Record<string, unknown>;
}

export interface LocalTablePlan {
  input: CreateTableCommandInput & { TableName: string };
  /** The TTL attribute when TimeToLiveSpecification enables it. */
  ttlAttribute?: string;
  /** Things the local stack cannot honour, to log as warnings. */
  warnings: string[];
}

function toIndex(raw: z.infer<typeof index>, provisioned: boolean): GlobalSecondaryIndex {
  return {
    IndexName: raw.IndexName,
    KeySchema: raw.KeySchema,
    Projection: raw.Projection,
    ...(provisioned && raw.ProvisionedThroughput ? { ProvisionedThroughput: raw.ProvisionedThroughput } : {}),
  };
}

/** Maps CloudFormation table Properties to a CreateTable request; throws a clear error when they are invalid. */
export function toLocalTablePlan(definition: TableDefinition): LocalTablePlan {
  const parsed = tableProperties.safeParse(definition.properties);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`Table ${definition.logicalId} has invalid Properties: ${issues.join('; ')}`);
  }
  const props = parsed.data;
  const warnings: string[] = [];
  for (const key of Object.keys(definition.properties)) {
    if (!HANDLED.has(key) && !IGNORED.has(key)) {
      warnings.push(`table ${definition.logicalId}: property ${key} is not supported locally and is ignored`);
    }
  }
  const tableName = props.TableName ?? definition.logicalId;
  const provisioned =
    props.BillingMode === 'PROVISIONED' ||
    (props.BillingMode === undefined && props.ProvisionedThroughput !== undefined);
  if (provisioned && !props.ProvisionedThroughput) {
    throw new Error(`Table ${definition.logicalId} is PROVISIONED but has no ProvisionedThroughput`);
  }
  const input: LocalTablePlan['input'] = {
    TableName: tableName,
    AttributeDefinitions: props.AttributeDefinitions,
    KeySchema: props.KeySchema,
    ...(provisioned
      ? { BillingMode: 'PROVISIONED', ProvisionedThroughput: props.ProvisionedThroughput }
      : { BillingMode: 'PAY_PER_REQUEST' }),
    ...(props.GlobalSecondaryIndexes?.length
      ? { GlobalSecondaryIndexes: props.GlobalSecondaryIndexes.map((gsi) => toIndex(gsi, provisioned)) }
      : {}),
    ...(props.LocalSecondaryIndexes?.length
      ? {
          LocalSecondaryIndexes: props.LocalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({
            IndexName,
            KeySchema,
            Projection,
          })),
        }
      : {}),
    ...(props.StreamSpecification
      ? {
          StreamSpecification: {
            StreamEnabled: true,
            StreamViewType: props.StreamSpecification.StreamViewType,
          },
        }
      : {}),
  };
  const ttl = props.TimeToLiveSpecification;
  return { input, ...(ttl?.Enabled ? { ttlAttribute: ttl.AttributeName } : {}), warnings };
}

export interface ExistingTableChanges {
  /** GSIs the definition has and the table lacks; each is added with its own UpdateTable. */
  indexesToCreate: GlobalSecondaryIndex[];
  /** Whether the stream must be enabled (the table has none and the definition wants one). */
  enableStream: boolean;
  /** Differences that need the table to be recreated (delete the local data to do so). */
  warnings: string[];
}

function sameKeys(
  a: readonly KeySchemaElement[] | undefined,
  b: readonly KeySchemaElement[] | undefined,
): boolean {
  const text = (keys: readonly KeySchemaElement[] | undefined): string =>
    JSON.stringify((keys ?? []).map((key) => [key.AttributeName, key.KeyType]));
  return text(a) === text(b);
}

/** What to change on an existing table so it matches the definition, and what cannot be changed in place. */
export function planExistingTable(existing: TableDescription, plan: LocalTablePlan): ExistingTableChanges {
  const desired = plan.input;
  const name = desired.TableName;
  const warnings: string[] = [];
  const recreate = 'delete the local data to recreate it';
  if (!sameKeys(existing.KeySchema, desired.KeySchema)) {
    warnings.push(`table ${name} exists with a different key schema; ${recreate}`);
  }

  const existingGsis = new Map((existing.GlobalSecondaryIndexes ?? []).map((gsi) => [gsi.IndexName, gsi]));
  const indexesToCreate: GlobalSecondaryIndex[] = [];
  for (const gsi of desired.GlobalSecondaryIndexes ?? []) {
    const current = existingGsis.get(gsi.IndexName);
    if (!current) indexesToCreate.push(gsi);
    else if (!sameKeys(current.KeySchema, gsi.KeySchema)) {
      warnings.push(`table ${name}: index ${gsi.IndexName} exists with a different key schema; ${recreate}`);
    }
  }
  const desiredGsiNames = new Set((desired.GlobalSecondaryIndexes ?? []).map((gsi) => gsi.IndexName));
  for (const gsiName of existingGsis.keys()) {
    if (gsiName && !desiredGsiNames.has(gsiName)) {
      warnings.push(`table ${name}: index ${gsiName} is no longer defined; it is left in place`);
    }
  }

  const existingLsis = new Map((existing.LocalSecondaryIndexes ?? []).map((lsi) => [lsi.IndexName, lsi]));
  for (const lsi of desired.LocalSecondaryIndexes ?? []) {
    const current = existingLsis.get(lsi.IndexName);
    if (!current || !sameKeys(current.KeySchema, lsi.KeySchema)) {
      warnings.push(`table ${name}: local index ${lsi.IndexName} is missing or different; ${recreate}`);
    }
  }

  const wanted = desired.StreamSpecification;
  const current = existing.StreamSpecification;
  const enableStream = Boolean(wanted && !current?.StreamEnabled);
  if (wanted && current?.StreamEnabled && current.StreamViewType !== wanted.StreamViewType) {
    warnings.push(
      `table ${name} has a ${current.StreamViewType} stream, the definition wants ${wanted.StreamViewType}; ${recreate}`,
    );
  }
  return { indexesToCreate, enableStream, warnings };
}
