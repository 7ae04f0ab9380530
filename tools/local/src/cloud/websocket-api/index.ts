export { startWebSocketApi } from './server';
export type { RunningWebSocketApi, WebSocketApiOptions, WebSocketRoute } from './types';
export {
  buildConnectEvent,
  buildDisconnectEvent,
  buildMessageEvent,
  type ConnectionInfo,
  type WebSocketEvent,
} from './events';
export {
  DEFAULT_ROUTE_SELECTION_EXPRESSION,
  routeSelectionExpressionOf,
  selectRoute,
} from './route-selection';
export { MESSAGE_SIZE_LIMIT } from './management-api';
