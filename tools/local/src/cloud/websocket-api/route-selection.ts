const BODY_PREFIX = '$request.body.';
const SPECIAL_ROUTES = new Set(['$connect', '$disconnect']);

/** API Gateway's (and the Serverless Framework's) route selection expression when none is set. */
export const DEFAULT_ROUTE_SELECTION_EXPRESSION = '$request.body.action';

/**
 * The WebSocket API's route selection expression, from the `provider.websocketsApiRouteSelectionExpression`
 * of the services (the one that creates the API sets it; those that attach routes may repeat it). Two
 * different expressions for the one API are an error; none means the default.
 */
export function routeSelectionExpressionOf(
  services: ReadonlyArray<{ serviceName: string; webSocketRouteSelectionExpression?: string }>,
): string {
  const setting = services.filter((s) => s.webSocketRouteSelectionExpression !== undefined);
  const expressions = [...new Set(setting.map((s) => s.webSocketRouteSelectionExpression))];
  if (expressions.length > 1) {
    const which = setting.map((s) => `${s.serviceName}: ${s.webSocketRouteSelectionExpression}`).join(', ');
    throw new Error(`the services set different websocketsApiRouteSelectionExpression values (${which})`);
  }
  return expressions[0] ?? DEFAULT_ROUTE_SELECTION_EXPRESSION;
}

/** The JSON path a `$request.body.<a>.<b>` selection expression names, or undefined for another form. */
export function selectionPath(expression: string): string[] | undefined {
  if (!expression.startsWith(BODY_PREFIX)) return undefined;
  const path = expression.slice(BODY_PREFIX.length).split('.');
  return path.every((p) => p !== '') ? path : undefined;
}

function valueAt(body: string, path: readonly string[]): unknown {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Picks the route for a client message as API Gateway does: the value at the selection expression
 * when it names a route, else `$default` when there is one, else undefined (the client then gets
 * `Forbidden`). Non-JSON bodies go to `$default`.
 */
export function selectRoute(
  body: string,
  expression: string,
  routeKeys: ReadonlySet<string>,
): string | undefined {
  const path = selectionPath(expression);
  const value = path ? valueAt(body, path) : undefined;
  const key =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  if (key !== '' && routeKeys.has(key) && !SPECIAL_ROUTES.has(key)) return key;
  return routeKeys.has('$default') ? '$default' : undefined;
}

/** The frame API Gateway sends when no route matches a message. */
export function forbiddenFrame(connectionId: string, requestId: string): string {
  return `{"message": "Forbidden", "connectionId":"${connectionId}", "requestId":"${requestId}"}`;
}

/** The frame API Gateway sends when the route's integration fails. */
export function internalErrorFrame(connectionId: string, requestId: string): string {
  return `{"message": "Internal server error", "connectionId":"${connectionId}", "requestId":"${requestId}"}`;
}

/** What a route with a route response sends back: the result's `body`, a string as is, or JSON. */
export function responseFrame(result: unknown): string | undefined {
  if (result === undefined || result === null) return undefined;
  if (typeof result === 'string') return result;
  if (typeof result === 'object' && !Array.isArray(result) && 'statusCode' in result) {
    const body = (result as { body?: unknown }).body;
    if (body === undefined || body === null) return undefined;
    return typeof body === 'string' ? body : JSON.stringify(body);
  }
  return JSON.stringify(result);
}
