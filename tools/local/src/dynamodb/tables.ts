import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import {
  planExistingTable,
  toLocalTablePlan,
  type LocalTablePlan,
  type TableDefinition,
} from './table-definition';

export type { TableDefinition } from './table-definition';

export interface TableInfo {
  logicalId: string;
  tableName: string;
  /** LatestStreamArn when the table has an enabled stream. */
  streamArn?: string;
  /** The TTL attribute when TimeToLiveSpecification enables it (see startTtlSweeper). */
  ttlAttribute?: string;
}

export interface CreateTablesOptions {
  client: DynamoDBClient;
  tables: readonly TableDefinition[];
  /** Warnings and progress lines; defaults to console.warn. */
  log?: (line: string) => void;
  /** Deadline for each table (and each of its updates) to become ACTIVE. Default 60 s. */
  activeTimeoutMs?: number;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function isActive(table: TableDescription): boolean {
  return (
    table.TableStatus === 'ACTIVE' &&
    (table.GlobalSecondaryIndexes ?? []).every((gsi) => gsi.IndexStatus === 'ACTIVE')
  );
}

async function waitUntilActive(
  client: DynamoDBClient,
  tableName: string,
  timeoutMs: number,
): Promise<TableDescription> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table && isActive(Table)) return Table;
    if (Date.now() > deadline) {
      throw new Error(
        `Table ${tableName} is not ACTIVE after ${timeoutMs} ms (status ${Table?.TableStatus})`,
      );
    }
    await delay(100);
  }
}

async function applyTtl(
  client: DynamoDBClient,
  tableName: string,
  attribute: string,
  log: (line: string) => void,
) {
  const { TimeToLiveDescription: current } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  const enabled = current?.TimeToLiveStatus === 'ENABLED' || current?.TimeToLiveStatus === 'ENABLING';
  if (enabled && current?.AttributeName === attribute) return;
  if (enabled && current?.AttributeName) {
    log(`table ${tableName}: TTL attribute changes from ${current.AttributeName} to ${attribute}`);
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: current.AttributeName, Enabled: false },
      }),
    );
  }
  // DynamoDB Local 1.25 then expires items itself (see ttl-sweeper.ts), with TTL's userIdentity in the stream.
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
    }),
  );
}

async function createOrReuse(
  client: DynamoDBClient,
  plan: LocalTablePlan,
  log: (line: string) => void,
  timeoutMs: number,
): Promise<TableDescription> {
  const tableName = plan.input.TableName;
  try {
    await client.send(new CreateTableCommand(plan.input));
    return await waitUntilActive(client, tableName, timeoutMs);
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ResourceInUseException')) throw error;
  }
  let table = await waitUntilActive(client, tableName, timeoutMs);
  const changes = planExistingTable(table, plan);
  for (const warning of changes.warnings) log(`warning: ${warning}`);
  for (const gsi of changes.indexesToCreate) {
    log(`table ${tableName}: adding index ${gsi.IndexName}`);
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: plan.input.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: gsi }],
      }),
    );
    table = await waitUntilActive(client, tableName, timeoutMs);
  }
  if (changes.enableStream) {
    log(`table ${tableName}: enabling its stream`);
    await client.send(
      new UpdateTableCommand({ TableName: tableName, StreamSpecification: plan.input.StreamSpecification }),
    );
    table = await waitUntilActive(client, tableName, timeoutMs);
  }
  return table;
}

/**
 * Creates the tables of the given CloudFormation definitions in DynamoDB Local, or reuses them when they
 * exist (adding missing GSIs and a missing stream; other differences are logged as warnings), waits until
 * they are ACTIVE, enables TTL where defined, and describes them.
 */
export async function createTables(options: CreateTablesOptions): Promise<TableInfo[]> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const timeoutMs = options.activeTimeoutMs ?? 60_000;
  const plans = options.tables.map((definition) => ({ definition, plan: toLocalTablePlan(definition) }));
  const infos: TableInfo[] = [];
  for (const { definition, plan } of plans) {
    for (const warning of plan.warnings) log(`warning: ${warning}`);
    const table = await createOrReuse(options.client, plan, log, timeoutMs);
    const tableName = plan.input.TableName;
    if (plan.ttlAttribute) await applyTtl(options.client, tableName, plan.ttlAttribute, log);
    infos.push({
      logicalId: definition.logicalId,
      tableName,
      ...(table.StreamSpecification?.StreamEnabled && table.LatestStreamArn
        ? { streamArn: table.LatestStreamArn }
        : {}),
      ...(plan.ttlAttribute ? { ttlAttribute: plan.ttlAttribute } : {}),
    });
  }
  return infos;
}
