import {
  forbiddenFrame,
  responseFrame,
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
