import { functionOutput, prettyLogLine } from '../../../src/observability/log-output';
import { LocalMetrics } from '../../../src/observability/metrics';

const entry = {
  level: 'warn',
  message: 'frame not delivered',
  timestamp: '2026-01-02T03:04:05.678Z',
  service: 'chat-realtime',
  function: 'fanOutRoomEvent',
  function_request_id: 'req-1',
  cold_start: false,
  correlationId: 'c-1',
  roomId: 'r1',
};

describe('the functions’ output on the local stack', () => {
  it('prints a log entry readably: time, level, service/function, message, then the fields', () => {
    expect(prettyLogLine(JSON.stringify(entry))).toBe(
      '03:04:05.678 WARN  chat-realtime/fanOutRoomEvent frame not delivered  correlationId=c-1 roomId=r1',
    );
  });

  it('puts an error’s stack on the lines below its entry', () => {
    const line = JSON.stringify({
      ...entry,
      level: 'error',
      error: { name: 'Error', message: 'boom', stack: 'Error: boom\n    at x (y.ts:1:1)' },
    });

    const [head, ...stack] = prettyLogLine(line).split('\n');

    expect(head).toContain('ERROR chat-realtime/fanOutRoomEvent frame not delivered');
    expect(head).toContain('error={"name":"Error","message":"boom"}');
    expect(stack).toEqual(['    Error: boom', '        at x (y.ts:1:1)']);
  });

  it('leaves a line that is not a log entry as it is', () => {
    expect(prettyLogLine('plain text')).toBe('plain text');
    expect(prettyLogLine('{"a":1}')).toBe('{"a":1}');
  });

  it('records EMF lines as metrics without printing them, and prints log lines one per entry', () => {
    const printed: string[] = [];
    const metrics = new LocalMetrics();
    const output = functionOutput({
      format: 'json',
      metrics,
      printMetrics: false,
      write: (t) => printed.push(t),
    });
    const emf = JSON.stringify({
      _aws: {
        Timestamp: 1,
        CloudWatchMetrics: [
          { Namespace: 'Chat/local', Dimensions: [['service']], Metrics: [{ Name: 'X', Unit: 'Count' }] },
        ],
      },
      service: 'chat-rooms',
      X: 2,
    });

    output(JSON.stringify(entry));
    output(emf);

    expect(printed).toEqual([`${JSON.stringify(entry)}\n`]);
    expect(metrics.summary().metrics.X?.sum).toBe(2);
  });

  it('prints pretty lines when asked', () => {
    const printed: string[] = [];
    const output = functionOutput({
      format: 'pretty',
      metrics: new LocalMetrics(),
      printMetrics: false,
      write: (t) => printed.push(t),
    });

    output(JSON.stringify(entry));

    expect(printed[0]).toMatch(/^03:04:05\.678 WARN {2}chat-realtime\/fanOutRoomEvent/);
  });
});
