import { formatRouteTable } from '../../src/route-table';
import { loadFixtureServices } from './services/fixture-services';

describe('formatRouteTable', () => {
  const services = loadFixtureServices();

  it('lists every HTTP route, WebSocket route, rule and stream mapping with the function it invokes', () => {
    const lines = formatRouteTable(services).split('\n');

    expect(lines).toEqual([
      'HTTP API routes',
      expect.stringMatching(/^ {2}GET +\/health\/alpha +→ alpha\.health$/),
      'WebSocket API routes (route selection $request.body.type)',
      expect.stringMatching(/^ {2}\$connect +→ alpha\.connect$/),
      expect.stringMatching(/^ {2}ping +→ alpha\.connect$/),
      'EventBridge rules (name, bus, target, pattern)',
      expect.stringMatching(
        /^ {2}fx-beta-onEvent-rule-1 +bus fx-local +→ beta\.onEvent +\{"source":\["fx\.alpha"\]\}$/,
      ),
      'DynamoDB Streams mappings',
      expect.stringMatching(/^ {2}fx-alpha-local-items +batch 10 +TRIM_HORIZON +→ alpha\.onItem$/),
    ]);
  });

  it('aligns the columns of a section', () => {
    const webSocket = formatRouteTable(services)
      .split('\n')
      .filter((line) => line.includes('→ alpha.connect'));

    const [first, second] = webSocket.map((line) => line.indexOf('→'));

    expect(webSocket).toHaveLength(2);
    expect(second).toBe(first);
  });

  it('says so when a section is empty', () => {
    const [alpha] = services;
    const httpOnly = alpha ? [{ ...alpha, webSocketRoutes: [], streams: [], rules: [] }] : [];

    expect(formatRouteTable(httpOnly)).toContain('EventBridge rules (name, bus, target, pattern)\n  (none)');
  });
});
