import {
  DEFAULT_ROUTE_SELECTION_EXPRESSION,
  forbiddenFrame,
  responseFrame,
  routeSelectionExpressionOf,
  selectionPath,
  selectRoute,
} from '../../../src/cloud/websocket-api/route-selection';

const ACTION = '$request.body.action';
const withDefault = new Set(['$connect', '$disconnect', '$default', 'sendMessage']);
const withoutDefault = new Set(['$connect', 'sendMessage']);

describe('selectRoute', () => {
  it('selects the route named by the action field', () => {
    expect(selectRoute('{"action":"sendMessage","text":"hi"}', ACTION, withDefault)).toBe('sendMessage');
  });

  it('falls back to $default for an unknown action, a missing action or a non-JSON body', () => {
    expect(selectRoute('{"action":"nope"}', ACTION, withDefault)).toBe('$default');
    expect(selectRoute('{"text":"hi"}', ACTION, withDefault)).toBe('$default');
    expect(selectRoute('not json', ACTION, withDefault)).toBe('$default');
    expect(selectRoute('[1,2]', ACTION, withDefault)).toBe('$default');
  });

  it('selects nothing without a matching route or $default', () => {
    expect(selectRoute('{"action":"nope"}', ACTION, withoutDefault)).toBeUndefined();
    expect(selectRoute('garbage', ACTION, withoutDefault)).toBeUndefined();
  });

  it('never routes a message to $connect or $disconnect', () => {
    expect(selectRoute('{"action":"$connect"}', ACTION, withoutDefault)).toBeUndefined();
  });

  it('follows a nested selection expression', () => {
    expect(selectRoute('{"meta":{"type":"sendMessage"}}', '$request.body.meta.type', withoutDefault)).toBe(
      'sendMessage',
    );
  });
});

describe('selectRoute with another selection expression', () => {
  const TYPE = '$request.body.type';

  it('selects the route named by the field that expression names', () => {
    expect(selectRoute('{"type":"sendMessage"}', TYPE, withoutDefault)).toBe('sendMessage');
  });

  it('ignores the action field, which that expression does not name', () => {
    expect(selectRoute('{"action":"sendMessage"}', TYPE, withDefault)).toBe('$default');
    expect(selectRoute('{"action":"sendMessage"}', TYPE, withoutDefault)).toBeUndefined();
  });
});

describe('routeSelectionExpressionOf', () => {
  it('takes the expression a service sets in its serverless.ts', () => {
    const services = [
      { serviceName: 'chat-realtime', webSocketRouteSelectionExpression: '$request.body.type' },
      { serviceName: 'chat-messaging' },
    ];

    expect(routeSelectionExpressionOf(services)).toBe('$request.body.type');
  });

  it("is API Gateway's default, $request.body.action, when no service sets one", () => {
    expect(routeSelectionExpressionOf([{ serviceName: 'chat-messaging' }])).toBe('$request.body.action');
    expect(DEFAULT_ROUTE_SELECTION_EXPRESSION).toBe(ACTION);
  });

  it('refuses two different expressions for the one WebSocket API', () => {
    const services = [
      { serviceName: 'chat-realtime', webSocketRouteSelectionExpression: '$request.body.type' },
      { serviceName: 'chat-messaging', webSocketRouteSelectionExpression: ACTION },
    ];

    expect(() => routeSelectionExpressionOf(services)).toThrow(
      'chat-realtime: $request.body.type, chat-messaging: $request.body.action',
    );
  });
});

describe('selectionPath', () => {
  it('reads $request.body paths and rejects other expressions', () => {
    expect(selectionPath('$request.body.action')).toEqual(['action']);
    expect(selectionPath('$request.header.x')).toBeUndefined();
    expect(selectionPath('$request.body.')).toBeUndefined();
  });
});

describe('forbiddenFrame', () => {
  it('is the message API Gateway sends when no route matches', () => {
    expect(JSON.parse(forbiddenFrame('c1=', 'r1='))).toEqual({
      message: 'Forbidden',
      connectionId: 'c1=',
      requestId: 'r1=',
    });
  });
});

describe('responseFrame', () => {
  it('sends the body of a structured result, a string as is, and other values as JSON', () => {
    expect(responseFrame({ statusCode: 200, body: '{"type":"pong"}' })).toBe('{"type":"pong"}');
    expect(responseFrame('plain')).toBe('plain');
    expect(responseFrame({ type: 'pong' })).toBe('{"type":"pong"}');
  });

  it('sends nothing for an empty result or a structured result without body', () => {
    expect(responseFrame(undefined)).toBeUndefined();
    expect(responseFrame({ statusCode: 200 })).toBeUndefined();
  });
});
