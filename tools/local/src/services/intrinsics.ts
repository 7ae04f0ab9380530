/**
 * Evaluates the CloudFormation intrinsic functions that appear where the local cloud needs concrete values
 * (function environment, event-source ARNs, event bus names): Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select,
 * Fn::Split and the pseudo parameters. Values of resources the local stack owns (user pool ids, API ids) come
 * from `overrides`; the others are derived from the resource's properties the way CloudFormation names them.
 */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface IntrinsicContext {
  region: string;
  accountId: string;
  stackName: string;
  resources: Record<string, CfnResource>;
  /** `overrides[logicalId].Ref` or `overrides[logicalId][attribute]` win over derived values. */
  overrides?: Record<string, Record<string, string>>;
}

function prop(resource: CfnResource, name: string): string | undefined {
  const value = resource.Properties?.[name];
  return typeof value === 'string' ? value : undefined;
}

function ref(ctx: IntrinsicContext, logicalId: string): string {
  const pseudo: Record<string, string> = {
    'AWS::Region': ctx.region,
    'AWS::AccountId': ctx.accountId,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': ctx.stackName,
    'AWS::NoValue': '',
  };
  if (logicalId in pseudo) return pseudo[logicalId] as string;
  const override = ctx.overrides?.[logicalId]?.Ref;
  if (override !== undefined) return override;
  const resource = ctx.resources[logicalId];
  if (!resource) throw new Error(`Ref to unknown resource ${logicalId}`);
  const { region, accountId } = ctx;
  switch (resource.Type) {
    case 'AWS::DynamoDB::Table':
      return prop(resource, 'TableName') ?? logicalId;
    case 'AWS::S3::Bucket':
      return prop(resource, 'BucketName') ?? logicalId.toLowerCase();
    case 'AWS::Events::EventBus':
      return prop(resource, 'Name') ?? logicalId;
    case 'AWS::SNS::Topic':
      return `arn:aws:sns:${region}:${accountId}:${prop(resource, 'TopicName') ?? logicalId}`;
    case 'AWS::SQS::Queue':
      return `https://sqs.${region}.amazonaws.com/${accountId}/${prop(resource, 'QueueName') ?? logicalId}`;
    default:
      return `${ctx.stackName}-${logicalId}`;
  }
}

function getAtt(ctx: IntrinsicContext, logicalId: string, attribute: string): string {
  const override = ctx.overrides?.[logicalId]?.[attribute];
  if (override !== undefined) return override;
  const resource = ctx.resources[logicalId];
  if (!resource) throw new Error(`Fn::GetAtt on unknown resource ${logicalId}`);
  const { region, accountId } = ctx;
  const name = ref(ctx, logicalId);
  const arns: Record<string, string> = {
    'AWS::DynamoDB::Table': `arn:aws:dynamodb:${region}:${accountId}:table/${name}`,
    'AWS::Events::EventBus': `arn:aws:events:${region}:${accountId}:event-bus/${name}`,
    'AWS::S3::Bucket': `arn:aws:s3:::${name}`,
    'AWS::SNS::Topic': name,
    'AWS::Cognito::UserPool': `arn:aws:cognito-idp:${region}:${accountId}:userpool/${name}`,
  };
  if (attribute === 'Arn' && arns[resource.Type]) return arns[resource.Type] as string;
  if (resource.Type === 'AWS::DynamoDB::Table' && attribute === 'StreamArn') {
    return `${arns[resource.Type]}/stream/local`;
  }
  if (resource.Type === 'AWS::Events::EventBus' && attribute === 'Name') return name;
  throw new Error(`Fn::GetAtt ${logicalId}.${attribute} is not supported locally`);
}

function sub(ctx: IntrinsicContext, template: string, variables: Record<string, unknown>): string {
  return template.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
    if (name in variables) return String(resolveIntrinsics(variables[name], ctx));
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) return getAtt(ctx, name.slice(0, dot), name.slice(dot + 1));
    return ref(ctx, name);
  });
}

/** Deeply evaluates intrinsic functions in `value`. */
export function resolveIntrinsics(value: unknown, ctx: IntrinsicContext): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveIntrinsics(item, ctx));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, arg] = entries[0] as [string, unknown];
    switch (key) {
      case 'Ref':
        return ref(ctx, String(arg));
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
        return getAtt(ctx, String(logicalId), String(attribute));
      }
      case 'Fn::Sub': {
        if (typeof arg === 'string') return sub(ctx, arg, {});
        const [template, variables] = arg as [string, Record<string, unknown>];
        return sub(ctx, template, variables ?? {});
      }
      case 'Fn::Join': {
        const [delimiter, items] = arg as [string, unknown[]];
        return (resolveIntrinsics(items, ctx) as unknown[]).join(delimiter);
      }
      case 'Fn::Select': {
        const [index, items] = arg as [number | string, unknown];
        return (resolveIntrinsics(items, ctx) as unknown[])[Number(index)];
      }
      case 'Fn::Split': {
        const [delimiter, text] = arg as [string, unknown];
        return String(resolveIntrinsics(text, ctx)).split(delimiter);
      }
      default:
        break;
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIntrinsics(v, ctx)]));
}
