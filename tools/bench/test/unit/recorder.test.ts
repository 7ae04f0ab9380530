import { DeliveryRecorder } from '../../src/fan-out/recorder';
import { percentile } from '../../src/support/stats';
import { formatReport } from '../../src/fan-out/report';

describe('DeliveryRecorder', () => {
  it('counts deliveries, losses and duplicates of stored messages per receiver, with latencies', () => {
    const recorder = new DeliveryRecorder(3);
    recorder.sending('m1', 1000);
    recorder.sending('m2', 1100);
    recorder.sending('m3', 1200);
    recorder.storedMessage('m1');
    recorder.storedMessage('m2');
    recorder.failed();

    for (const receiver of [0, 1, 2]) recorder.delivered('m1', receiver, 1010 + receiver);
    recorder.delivered('m1', 1, 1500);
    recorder.delivered('m2', 0, 1150);
    recorder.delivered('elsewhere', 0, 1150);

    expect(recorder.missing()).toBe(2);
    expect(recorder.summary()).toEqual({
      sent: 3,
      stored: 2,
      sendFailures: 1,
      expected: 6,
      delivered: 4,
      lost: 2,
      duplicated: 1,
      strays: 1,
      latencyMs: { p50: 11, p95: 50, p99: 50, max: 50 },
    });
  });
});

describe('percentile', () => {
  it('is the nearest-rank percentile, NaN without values', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);

    expect([50, 95, 99, 100].map((p) => percentile(values, p))).toEqual([50, 95, 99, 100]);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('formatReport', () => {
  it('prints one column per run and the ratio of the comparable rows', () => {
    const run = (name: string, p50: number) => ({
      name,
      summary: {
        sent: 10,
        stored: 10,
        sendFailures: 0,
        expected: 20,
        delivered: 20,
        lost: 0,
        duplicated: 0,
        strays: 0,
        latencyMs: { p50, p95: p50, p99: p50, max: p50 },
      },
      timings: { sendSeconds: 1, drainSeconds: 1, drained: true },
    });

    const text = formatReport('title', [run('chat', 40), run('socket.io', 10)]);

    expect(text.split('\n')[0]).toBe('title');
    expect(text).toMatch(/latency p50 \(ms\)\s+40\.0\s+10\.0\s+4\.00/);
    expect(text).toMatch(/messages sent\s+10\s+10\s*$/m);
  });
});
