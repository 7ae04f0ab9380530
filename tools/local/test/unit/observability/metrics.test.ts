import { emfOf, LocalMetrics, percentile } from '../../../src/observability/metrics';

const emfLine = (service: string, metrics: Record<string, number | number[]>, unit = 'Count') =>
  JSON.stringify({
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: 'Chat/local',
          Dimensions: [['service']],
          Metrics: Object.keys(metrics).map((Name) => ({ Name, Unit: unit })),
        },
      ],
    },
    service,
    ...metrics,
  });

describe('LocalMetrics (GET /_local/metrics)', () => {
  it('tells EMF lines from log lines and text', () => {
    expect(emfOf(emfLine('chat-rooms', { A: 1 }))).toBeDefined();
    expect(emfOf('{"level":"info","message":"_aws"}')).toBeUndefined();
    expect(emfOf('not json "_aws"')).toBeUndefined();
  });

  it('sums counts per metric and per service, a list of values counting each', () => {
    const metrics = new LocalMetrics();

    metrics.record(emfOf(emfLine('chat-messaging', { MessagesStored: [1, 1] }))!);
    metrics.record(emfOf(emfLine('chat-messaging', { MessagesStored: 1 }))!);
    metrics.record(emfOf(emfLine('chat-realtime', { FramesDelivered: 3, GoneConnections: 0 }))!);

    const { metrics: summary, namespaces } = metrics.summary();
    expect(namespaces).toEqual(['Chat/local']);
    expect(summary.MessagesStored).toMatchObject({
      unit: 'Count',
      samples: 3,
      sum: 3,
      byService: { 'chat-messaging': 3 },
    });
    expect(summary.FramesDelivered).toMatchObject({ sum: 3, samples: 1 });
    expect(summary.GoneConnections).toMatchObject({ sum: 0, samples: 1 });
  });

  it('gives p50, p95 and p99 of durations (nearest rank)', () => {
    const metrics = new LocalMetrics();
    const durations = Array.from({ length: 100 }, (_, i) => i + 1);

    metrics.record(emfOf(emfLine('chat-realtime', { FanOutDuration: durations }, 'Milliseconds'))!);

    expect(metrics.summary().metrics.FanOutDuration).toMatchObject({
      unit: 'Milliseconds',
      min: 1,
      max: 100,
      p50: 50,
      p95: 95,
      p99: 99,
    });
    expect(percentile([], 99)).toBe(0);
    expect(percentile([7], 50)).toBe(7);
  });
});
