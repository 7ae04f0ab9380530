import { beginInvocation, createLogger, observedInvocation } from '@chat/runtime';

function collect(context: Record<string, unknown> = {}) {
  const lines: string[] = [];
  const logger = createLogger(context, (line) => lines.push(line));
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger (Powertools Logger behind the Logger port)', () => {
  const savedLevel = process.env.LOG_LEVEL;
  afterEach(() => {
    if (savedLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = savedLevel;
  });

  it('writes one JSON line per entry with a lower-case level, the message, a timestamp and the service', () => {
    const { logger, lines, entries } = collect({ service: 'chat-rooms', function: 'createRoom' });

    logger.info('room created', { roomId: 'r1' });

    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(lines[0]).toContain('"level":"info"');
    expect(entries()[0]).toMatchObject({
      level: 'info',
      message: 'room created',
      service: 'chat-rooms',
      function: 'createRoom',
      roomId: 'r1',
    });
    expect(Date.parse(entries()[0]?.timestamp as string)).not.toBeNaN();
  });

  it('adds a child’s context to every line, the parent’s staying as it was', () => {
    const { logger, entries } = collect({ function: 'sendMessage' });

    const child = logger.child({ correlationId: 'c-1', roomId: 'r1' });
    child.warn('slow');
    logger.info('plain');

    expect(entries()[0]).toMatchObject({
      level: 'warn',
      correlationId: 'c-1',
      roomId: 'r1',
      function: 'sendMessage',
    });
    expect(entries()[1]).not.toHaveProperty('correlationId');
  });

  it('carries the Lambda context of the invocation: function name, request id, cold start on the first only', () => {
    const { logger, entries } = collect();

    beginInvocation({ functionName: 'chat-ci-sendMessage', awsRequestId: 'req-1' });
    logger.info('first');
    beginInvocation({ functionName: 'chat-ci-sendMessage', awsRequestId: 'req-2' });
    logger.info('second');

    expect(entries()[0]).toMatchObject({
      function_name: 'chat-ci-sendMessage',
      function_request_id: 'req-1',
      cold_start: true,
    });
    expect(entries()[1]).toMatchObject({ function_request_id: 'req-2', cold_start: false });
  });

  it('serializes an Error with its name, message, stack and cause', () => {
    const { logger, entries } = collect();

    logger.error('failed', { error: new Error('outer', { cause: new TypeError('inner') }) });

    expect(entries()[0]).toMatchObject({
      level: 'error',
      error: { name: 'Error', message: 'outer', cause: { name: 'TypeError', message: 'inner' } },
    });
    expect((entries()[0]?.error as { stack: string }).stack).toContain('outer');
  });

  it('keeps to the level of LOG_LEVEL (info when unset or unknown)', () => {
    process.env.LOG_LEVEL = 'warn';
    const warnOnly = collect();
    warnOnly.logger.debug('d');
    warnOnly.logger.info('i');
    warnOnly.logger.warn('w');
    warnOnly.logger.error('e');
    process.env.LOG_LEVEL = 'nonsense';
    const fallback = collect();
    fallback.logger.debug('d');
    fallback.logger.info('i');
    process.env.LOG_LEVEL = 'DEBUG';
    const debug = collect();
    debug.logger.debug('d');

    expect(warnOnly.entries().map((e) => e.level)).toEqual(['warn', 'error']);
    expect(fallback.entries().map((e) => e.message)).toEqual(['i']);
    expect(debug.entries().map((e) => e.level)).toEqual(['debug']);
  });
});

describe('observedInvocation and the Lambda context', () => {
  it('gives each of two overlapping invocations its own request id', async () => {
    const lines: string[] = [];
    const logger = createLogger({}, (line) => lines.push(line));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handler = observedInvocation(async (name: string) => {
      if (name === 'first') await gate;
      logger.info(name);
    });

    const first = handler('first', { functionName: 'f', awsRequestId: 'req-a' });
    await handler('second', { functionName: 'f', awsRequestId: 'req-b' });
    release();
    await first;

    const ids = Object.fromEntries(
      lines
        .map((line) => JSON.parse(line) as Record<string, string>)
        .map((e) => [e.message, e.function_request_id]),
    );
    expect(ids).toEqual({ first: 'req-a', second: 'req-b' });
  });
});
