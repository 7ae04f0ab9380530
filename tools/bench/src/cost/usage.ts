import { PRICES } from './prices';
import type { ScenarioUsage } from '../support/usage';

/** The dollars of a usage at PRICES, by service. */
export interface Cost {
  dynamoDb: number;
  /** Lambda requests. */
  lambda: number;
  /** Lambda GB-seconds: from local wall times, the one figure that is measured, not counted. */
  lambdaDuration: number;
  eventBridge: number;
  webSocket: number;
  httpApi: number;
  sns: number;
  total: number;
}

export function costOf(usage: ScenarioUsage, connectionMinutes = 0): Cost {
  const invocations = Object.values(usage.invocations).reduce((a, b) => a + b, 0);
  const cost = {
    dynamoDb:
      usage.dynamodb.readUnits * PRICES.dynamoDbReadRequestUnit +
      usage.dynamodb.writeUnits * PRICES.dynamoDbWriteRequestUnit,
    lambda: invocations * PRICES.lambdaRequest,
    lambdaDuration: usage.gbSeconds * PRICES.lambdaGbSecond,
    eventBridge: usage.putEventsEntries * PRICES.eventBridgePutEventsEntry,
    webSocket:
      (usage.webSocket.clientMessages + usage.webSocket.posts) * PRICES.webSocketMessage +
      connectionMinutes * PRICES.webSocketConnectionMinute,
    httpApi: usage.httpRequests * PRICES.httpApiRequest,
    sns: usage.snsPublishes * PRICES.snsPublish,
  };
  return { ...cost, total: Object.values(cost).reduce((a, b) => a + b, 0) };
}
