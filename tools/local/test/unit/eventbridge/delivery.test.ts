import { createDispatcher } from '../../../src/cloud/eventbridge/delivery';
import type { EventBridgeEvent, TargetDelivery } from '../../../src/cloud/eventbridge/types';

function anEvent(): EventBridgeEvent {
  return {
    version: '0',
    id: 'evt-1',
    'detail-type': 'MessageSent',
    source: 'chat.messaging',
    account: '000000000000',
    time: '2024-05-01T12:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { data: { roomId: 'r1' } },
  };
}

function aDelivery(): TargetDelivery {
  return { rule: 'fan-out', target: 'realtime.fanOut', status: 'pending', attempts: 0 };
}

describe('createDispatcher', () => {
  it('invokes the target with a copy of the event, after dispatch returns', async () => {
    // Arrange
    const calls: Array<[string, unknown]> = [];
    const dispatcher = createDispatcher({
      invoke: async (name, event) => void calls.push([name, event]),
      log: () => undefined,
      retryDelaysMs: [0, 0],
    });
    const event = anEvent();
    const delivery = aDelivery();

    // Act
    dispatcher.dispatch(event, delivery);
    const callsRightAfterDispatch = calls.length;
    await dispatcher.waitForIdle();

    // Assert
    expect(callsRightAfterDispatch).toBe(0);
    expect(calls).toEqual([['realtime.fanOut', event]]);
    expect(calls[0]?.[1]).not.toBe(event);
    expect(delivery).toEqual({
      rule: 'fan-out',
      target: 'realtime.fanOut',
      status: 'succeeded',
      attempts: 1,
    });
  });

  it('retries a failing target twice, then records and logs the failure with the event id', async () => {
    // Arrange
    const lines: string[] = [];
    let calls = 0;
    const dispatcher = createDispatcher({
      invoke: async () => {
        calls += 1;
        throw new Error(`boom ${calls}`);
      },
      log: (line) => lines.push(line),
      retryDelaysMs: [0, 0],
    });
    const delivery = aDelivery();

    // Act
    dispatcher.dispatch(anEvent(), delivery);
    await dispatcher.waitForIdle();

    // Assert
    expect(calls).toBe(3);
    expect(delivery).toEqual({ ...aDelivery(), status: 'failed', attempts: 3, error: 'Error: boom 3' });
    expect(lines.at(-1)).toContain('FAILED after 3 attempts: event evt-1');
  });

  it('succeeds when a retry succeeds', async () => {
    // Arrange
    let calls = 0;
    const dispatcher = createDispatcher({
      invoke: async () => {
        calls += 1;
        if (calls === 1) throw new Error('transient');
      },
      log: () => undefined,
      retryDelaysMs: [0, 0],
    });
    const delivery = aDelivery();

    // Act
    dispatcher.dispatch(anEvent(), delivery);
    await dispatcher.waitForIdle();

    // Assert
    expect(delivery).toEqual({ ...aDelivery(), status: 'succeeded', attempts: 2 });
  });

  it('is idle at once when nothing was dispatched', async () => {
    // Arrange
    const dispatcher = createDispatcher({ invoke: async () => undefined, log: () => undefined });

    // Act / Assert
    await expect(dispatcher.waitForIdle()).resolves.toBeUndefined();
  });

  it('cancels a waiting retry when stopped and records the delivery as failed', async () => {
    // Arrange
    let calls = 0;
    let firstCall: () => void = () => undefined;
    const firstCallMade = new Promise<void>((resolve) => (firstCall = resolve));
    const dispatcher = createDispatcher({
      invoke: async () => {
        calls += 1;
        firstCall();
        throw new Error('down');
      },
      log: () => undefined,
      retryDelaysMs: [60_000, 60_000],
    });
    const delivery = aDelivery();
    dispatcher.dispatch(anEvent(), delivery);
    await firstCallMade;

    // Act
    dispatcher.stop();
    await dispatcher.waitForIdle();

    // Assert
    expect(calls).toBe(1);
    expect(delivery.status).toBe('failed');
    expect(delivery.error).toContain('stopped before retry');
  });

  it('waits at least the delay the target asks for after a failure, given the failure', async () => {
    // Arrange
    const lines: string[] = [];
    const seen: Array<[string, unknown]> = [];
    let calls = 0;
    const timeout = new Error('Task timed out');
    const dispatcher = createDispatcher({
      invoke: async () => {
        calls += 1;
        if (calls === 1) throw timeout;
      },
      log: (line) => lines.push(line),
      retryDelaysMs: [0, 0],
      minimumRetryDelayMs: (target, error) => {
        seen.push([target, error]);
        return 50;
      },
    });
    const delivery = aDelivery();

    // Act
    dispatcher.dispatch(anEvent(), delivery);
    await dispatcher.waitForIdle();

    // Assert
    expect(seen).toEqual([['realtime.fanOut', timeout]]);
    expect(lines.join('\n')).toContain('retrying in 50 ms');
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('waits the given delay before the first attempt, and reports a delivery it runs to its end', async () => {
    // Arrange
    const settled: string[] = [];
    let invokedAfter = -1;
    const started = Date.now();
    const dispatcher = createDispatcher({
      invoke: async () => void (invokedAfter = Date.now() - started),
      log: () => undefined,
      retryDelaysMs: [0, 0],
      onSettled: (event, delivery) => settled.push(`${event.id} ${delivery.status}`),
    });

    // Act
    dispatcher.dispatch(anEvent(), aDelivery(), 40);
    await dispatcher.waitForIdle();

    // Assert
    expect(invokedAfter).toBeGreaterThanOrEqual(35);
    expect(settled).toEqual(['evt-1 succeeded']);
  });
});
