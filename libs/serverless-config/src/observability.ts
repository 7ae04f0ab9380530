import type { AWS } from '@serverless/typescript';
import { METRIC } from '../../runtime/src/metric-names';
import { OBSERVABILITY_ENV } from '../../runtime/src/env-names';
import { lambdaLogicalId } from './names';
import type { CfnResource, CfnValue } from './types';

/** The logical id of the stage's alarm topic (chat-auth creates it; the others get its ARN as `alarmsTopicArn`). */
export const ALARMS_TOPIC = 'AlarmsTopic';
/** The output of chat-auth that carries the alarm topic's ARN. */
export const ALARMS_TOPIC_OUTPUT = 'AlarmsTopicArn';
/** The compose param the other services get it as (`alarmsTopicArn: ${auth.AlarmsTopicArn}`). */
export const ALARMS_TOPIC_PARAM = 'alarmsTopicArn';
/** The CloudFormation condition under which the functions are traced (parameter `tracing` is `Active`). */
export const TRACING_CONDITION = 'TracingActive';
/** The stage parameter that turns tracing on: `Active` (X-Ray, Powertools Tracer) or `PassThrough` (default). */
export const TRACING_PARAM = "${param:tracing, 'PassThrough'}";

/** What a service creates besides its functions, for the alarms and the dashboard. */
export interface ObservabilityOptions {
  /** This service creates the stage's alarm topic, its outputs and the stage's dashboard (chat-auth). */
  createsStageResources?: boolean;
  /** This service creates the stage's HTTP API (`HttpApi`): an alarm on its 5xx answers. */
  httpApi?: boolean;
  /** This service creates the stage's WebSocket API (`WebsocketsApi`): an alarm on its execution errors. */
  webSocketApi?: boolean;
  /** This service fans out (FanOutDuration): an alarm when its p99 stays above this many milliseconds. */
  fanOutP99Ms?: number;
}

type Resources = Record<string, CfnResource>;

const topicArn = (options: ObservabilityOptions): CfnValue =>
  options.createsStageResources ? { Ref: ALARMS_TOPIC } : `\${param:${ALARMS_TOPIC_PARAM}}`;

/** An alarm that notifies the stage's topic when it fires and when it is over. */
function alarm(
  name: string,
  runbook: string,
  description: string,
  properties: Record<string, unknown>,
  options: ObservabilityOptions,
): CfnResource {
  const topic = topicArn(options);
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: `\${self:service}-\${sls:stage}-${name}`,
      AlarmDescription: `${description} Runbook: docs/operations.md#${runbook}`,
      ActionsEnabled: true,
      AlarmActions: [topic],
      OKActions: [topic],
      TreatMissingData: 'notBreaching',
      ...properties,
    },
  };
}

type WithFailureDestination = { destinations?: { onFailure?: { arn?: unknown } } };

/** The logical id of a queue an `onFailure` destination names with `Fn::GetAtt`, if it does. */
function failureQueueOf(source: WithFailureDestination | undefined): string | undefined {
  const arn = source?.destinations?.onFailure?.arn as { 'Fn::GetAtt'?: [string, string] } | undefined;
  return arn?.['Fn::GetAtt']?.[0];
}

/**
 * The SQS queues the functions send what failed for good to, by logical id: stream mappings' failed batches
 * (`onFailureQueue`) and asynchronous invocations' failed events (the function's own `destinations.onFailure`,
 * as EventBridge targets have).
 */
export function failureQueuesOf(functions: AWS['functions']): string[] {
  const queues = new Set<string>();
  for (const definition of Object.values(functions ?? {})) {
    const own = failureQueueOf(definition as WithFailureDestination);
    if (own) queues.add(own);
    for (const event of definition.events ?? []) {
      const queue = failureQueueOf((event as { stream?: WithFailureDestination }).stream);
      if (queue) queues.add(queue);
    }
  }
  return [...queues].sort();
}

/** `<Queue>NotEmptyAlarm`: a failure queue holds a message (a batch that failed for good). */
function failureQueueAlarms(queues: string[], options: ObservabilityOptions): Resources {
  return Object.fromEntries(
    queues.map((queue) => [
      `${queue}NotEmptyAlarm`,
      alarm(
        `failure-queue-${queue}`,
        'failure-queue-not-empty',
        `${queue} holds records a stream function gave up on: inspect them, fix the cause, redrive.`,
        {
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
          Statistic: 'Maximum',
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
        },
        options,
      ),
    ]),
  );
}

/** `<Function>ErrorsAlarm` and `<Function>ThrottlesAlarm` of every function. */
function functionAlarms(functionKeys: string[], options: ObservabilityOptions): Resources {
  const resources: Resources = {};
  for (const key of functionKeys) {
    const dimensions = [{ Name: 'FunctionName', Value: { Ref: lambdaLogicalId(key) } }];
    const base = lambdaLogicalId(key).replace(/LambdaFunction$/, '');
    const lambdaMetric = (metric: string) => ({
      Namespace: 'AWS/Lambda',
      MetricName: metric,
      Dimensions: dimensions,
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    resources[`${base}ErrorsAlarm`] = alarm(
      `function-errors-${key}`,
      'function-errors',
      `${key} failed (an error or a timeout) in the last 5 minutes.`,
      lambdaMetric('Errors'),
      options,
    );
    resources[`${base}ThrottlesAlarm`] = alarm(
      `function-throttles-${key}`,
      'function-throttles',
      `${key} was throttled (concurrency) in the last 5 minutes.`,
      lambdaMetric('Throttles'),
      options,
    );
  }
  return resources;
}

function apiAlarms(options: ObservabilityOptions): Resources {
  const resources: Resources = {};
  if (options.httpApi) {
    resources.HttpApi5xxAlarm = alarm(
      'api-5xx-http',
      'api-5xx',
      'The HTTP API answered 5xx (500 or 503) in 3 of the last 15 minutes.',
      {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }],
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 1,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanThreshold',
      },
      options,
    );
  }
  if (options.webSocketApi) {
    resources.WebSocketApiErrorsAlarm = alarm(
      'api-5xx-websocket',
      'api-5xx',
      'The WebSocket API had execution or integration errors (its 5xx) in the last 15 minutes.',
      {
        Metrics: [
          {
            Id: 'errors',
            Expression: 'execution + integration',
            Label: 'WebSocket API 5xx',
          },
          ...['ExecutionError', 'IntegrationError'].map((metric) => ({
            Id: metric === 'ExecutionError' ? 'execution' : 'integration',
            ReturnData: false,
            MetricStat: {
              Metric: {
                Namespace: 'AWS/ApiGateway',
                MetricName: metric,
                Dimensions: [
                  { Name: 'ApiId', Value: { Ref: 'WebsocketsApi' } },
                  { Name: 'Stage', Value: '${sls:stage}' },
                ],
              },
              Period: 300,
              Stat: 'Sum',
            },
          })),
        ],
        EvaluationPeriods: 3,
        DatapointsToAlarm: 1,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanThreshold',
      },
      options,
    );
  }
  return resources;
}

function fanOutAlarm(options: ObservabilityOptions): Resources {
  if (options.fanOutP99Ms === undefined) return {};
  return {
    FanOutDurationP99Alarm: alarm(
      'fan-out-p99',
      'fan-out-p99',
      `Fan-outs took more than ${options.fanOutP99Ms} ms at p99 for 15 minutes (FanOutDuration).`,
      {
        Namespace: 'Chat/${sls:stage}',
        MetricName: METRIC.fanOutDuration,
        Dimensions: [{ Name: 'service', Value: '${self:service}' }],
        ExtendedStatistic: 'p99',
        Period: 300,
        EvaluationPeriods: 3,
        Threshold: options.fanOutP99Ms,
        ComparisonOperator: 'GreaterThanThreshold',
      },
      options,
    ),
  };
}

/** The stage's dashboard: the application metrics of every service, then Lambda, API Gateway and the DLQs. */
export function stageDashboard(): CfnResource {
  const stage = '${sls:stage}';
  const region = '${AWS::Region}';
  const search = (expression: string, stat: string, title: string, x: number, y: number) => ({
    type: 'metric',
    x,
    y,
    width: 12,
    height: 6,
    properties: {
      title,
      region,
      stat,
      period: 300,
      metrics: [[{ expression: `SEARCH('${expression}', '${stat}', 300)`, id: `e${x}${y}` }]],
    },
  });
  const app = (metric: string) => `{Chat/${stage},service} MetricName="${metric}"`;
  const widgets = [
    search(app(METRIC.messagesStored), 'Sum', 'Messages stored', 0, 0),
    search(app(METRIC.framesDelivered), 'Sum', 'Frames delivered', 12, 0),
    search(app(METRIC.fanOutDuration), 'p99', 'Fan-out duration p99 (ms)', 0, 6),
    search(app(METRIC.fanOutSize), 'Average', 'Connections per fan-out (avg)', 12, 6),
    search(app(METRIC.goneConnections), 'Sum', 'Gone connections cleaned (410)', 0, 12),
    search(app(METRIC.notificationsSent), 'Sum', 'Notifications sent', 12, 12),
    search(app(METRIC.consumerFailures), 'Sum', 'Consumer failures', 0, 18),
    search(app(METRIC.eventAge), 'p99', 'Event age at delivery p99 (ms)', 12, 18),
    search(app(METRIC.rateLimited), 'Sum', 'Rate limited', 0, 24),
    search(`{AWS/Lambda,FunctionName} MetricName="Errors" "-${stage}-"`, 'Sum', 'Function errors', 12, 24),
    search(`{AWS/Lambda,FunctionName} MetricName="Throttles" "-${stage}-"`, 'Sum', 'Throttles', 0, 30),
    search(
      `{AWS/Lambda,FunctionName} MetricName="Duration" "-${stage}-"`,
      'p99',
      'Duration p99 (ms)',
      12,
      30,
    ),
    search('{AWS/ApiGateway,ApiId} MetricName="5xx"', 'Sum', 'HTTP API 5xx', 0, 36),
    search(
      `{AWS/SQS,QueueName} MetricName="ApproximateNumberOfMessagesVisible" "-${stage}-"`,
      'Maximum',
      'Failure queues (messages visible)',
      12,
      36,
    ),
  ];
  return {
    Type: 'AWS::CloudWatch::Dashboard',
    Properties: {
      DashboardName: `chat-${stage}`,
      DashboardBody: { 'Fn::Sub': JSON.stringify({ widgets }) },
    },
  };
}

/** Gives each function role X-Ray's write access while the stage's `tracing` parameter is `Active`. */
function tracedRoles(resources: Resources): Resources {
  return Object.fromEntries(
    Object.entries(resources).map(([logicalId, resource]) => {
      if (resource.Type !== 'AWS::IAM::Role') return [logicalId, resource];
      const properties = resource.Properties as Record<string, unknown>;
      return [
        logicalId,
        {
          ...resource,
          Properties: {
            ...properties,
            ManagedPolicyArns: {
              'Fn::If': [
                TRACING_CONDITION,
                [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess' }],
                { Ref: 'AWS::NoValue' },
              ],
            },
          },
        },
      ];
    }),
  );
}

/**
 * A service's observability, added to its finished serverless.ts config (one call, last): the metrics
 * namespace `Chat/<stage>` and the tracing switch in every function's environment, X-Ray tracing of the functions
 * when the stage's `tracing` parameter is `Active` (off by default), and the alarms (every failure queue not empty,
 * every function's errors and throttles, the APIs' 5xx, the fan-out p99) on the stage's alarm topic. chat-auth
 * (`createsStageResources`) creates the topic and the stage's dashboard; the others take `${param:alarmsTopicArn}`.
 */
export function withObservability(config: AWS, options: ObservabilityOptions = {}): AWS {
  const resources = (config.resources?.Resources ?? {}) as Resources;
  const functionKeys = Object.keys(config.functions ?? {});
  const stageResources: Resources = options.createsStageResources
    ? {
        [ALARMS_TOPIC]: {
          Type: 'AWS::SNS::Topic',
          Properties: { TopicName: 'chat-${sls:stage}-alarms', DisplayName: 'chat ${sls:stage} alarms' },
        },
        StageDashboard: stageDashboard(),
      }
    : {};
  return {
    ...config,
    provider: {
      ...config.provider,
      tracing: { ...config.provider.tracing, lambda: TRACING_PARAM as 'PassThrough' },
      environment: {
        ...config.provider.environment,
        [OBSERVABILITY_ENV.metricsNamespace]: 'Chat/${sls:stage}',
        [OBSERVABILITY_ENV.tracing]: TRACING_PARAM,
      },
    },
    resources: {
      ...config.resources,
      Conditions: {
        ...config.resources?.Conditions,
        [TRACING_CONDITION]: { 'Fn::Equals': [TRACING_PARAM, 'Active'] },
      },
      Resources: {
        ...tracedRoles(resources),
        ...stageResources,
        ...failureQueueAlarms(failureQueuesOf(config.functions), options),
        ...functionAlarms(functionKeys, options),
        ...apiAlarms(options),
        ...fanOutAlarm(options),
      },
      Outputs: {
        ...config.resources?.Outputs,
        ...(options.createsStageResources ? { [ALARMS_TOPIC_OUTPUT]: { Value: { Ref: ALARMS_TOPIC } } } : {}),
      },
    },
  };
}
