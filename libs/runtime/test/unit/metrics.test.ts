import {
  countRateLimited,
  flushMetrics,
  METRIC,
  metrics,
  metricsNamespace,
  observedInvocation,
  recordingMetrics,
} from '@chat/runtime';

/** The EMF lines written to stdout while `run` runs. */
async function emfLinesOf(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return written
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('metrics (the Metrics port, Powertools Metrics in EMF)', () => {
  it('names the namespace after the stage, unless Powertools’ variable says otherwise', () => {
    expect(metricsNamespace({ STAGE: 'prod' })).toBe('Chat/prod');
    expect(metricsNamespace({ STAGE: 'prod', POWERTOOLS_METRICS_NAMESPACE: 'Other' })).toBe('Other');
  });

  it('writes what an invocation recorded as one EMF line at its end, in Chat/<stage> with the service dimension', async () => {
    const handler = observedInvocation(async (count: number) => {
      for (let i = 0; i < count; i += 1) metrics.count(METRIC.messagesStored);
      metrics.milliseconds(METRIC.fanOutDuration, 12);
      return 'done';
    });

    const lines = await emfLinesOf(() => handler(3, undefined));

    expect(lines).toHaveLength(1);
    const [emf] = lines as [Record<string, unknown>];
    const definition = (
      emf._aws as { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: unknown[] }[] }
    ).CloudWatchMetrics[0];
    expect(definition?.Namespace).toMatch(/^Chat\//);
    expect(definition?.Metrics).toEqual(
      expect.arrayContaining([
        { Name: 'MessagesStored', Unit: 'Count' },
        { Name: 'FanOutDuration', Unit: 'Milliseconds' },
      ]),
    );
    expect(emf.MessagesStored).toEqual([1, 1, 1]);
    expect(emf.FanOutDuration).toBe(12);
  });

  it('flushes when the invocation throws, and writes nothing when nothing was recorded', async () => {
    const failing = observedInvocation(async () => {
      metrics.count(METRIC.consumerFailures);
      throw new Error('boom');
    });

    const afterFailure = await emfLinesOf(() => failing(undefined, undefined).catch(() => undefined));
    const empty = await emfLinesOf(async () => flushMetrics());

    expect(afterFailure).toHaveLength(1);
    expect(afterFailure[0]?.ConsumerFailures).toBe(1);
    expect(empty).toEqual([]);
  });

  it('counts a rate-limit refusal as RateLimited', () => {
    const recorder = recordingMetrics();

    countRateLimited(recorder);
    countRateLimited(recorder);

    expect(recorder.recorded.RateLimited).toEqual([1, 1]);
  });
});
