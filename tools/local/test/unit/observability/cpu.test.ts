import { Worker } from 'node:worker_threads';
import { processCpuMs, stackCpuReader, threadCpuMs } from '../../../src/observability/cpu';

/** Keeps this thread on the CPU for about `ms`. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) Math.sqrt(Math.random());
}

describe('threadCpuMs', () => {
  it('grows while this thread computes, never by more than the time that passed', () => {
    const before = threadCpuMs();
    const began = performance.now();

    spin(50);

    const spent = threadCpuMs() - before;
    // On a loaded machine the thread gets only part of the 50 ms; it cannot get more than all of them.
    expect(spent).toBeGreaterThan(1);
    expect(spent).toBeLessThanOrEqual(performance.now() - began + 1);
  });

  it("does not count another thread's work", async () => {
    const before = threadCpuMs();

    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(
        'const until = Date.now() + 200; while (Date.now() < until) Math.sqrt(Math.random());',
        { eval: true },
      );
      worker.once('exit', () => resolve());
      worker.once('error', reject);
    });

    // Waiting for the worker costs this thread next to nothing; the worker's 200 ms are not in it.
    expect(threadCpuMs() - before).toBeLessThan(100);
  });
});

describe('processCpuMs', () => {
  it("reads a process's user and system time, in ms", () => {
    spin(30);

    const ms = processCpuMs(process.pid);

    const { user, system } = process.cpuUsage();
    // The kernel counts in 10 ms ticks.
    expect(ms).toBeGreaterThan(0);
    expect(Math.abs(ms - (user + system) / 1000)).toBeLessThan(100);
  });

  it('is 0 for no process, or one that does not exist', () => {
    expect(processCpuMs(undefined)).toBe(0);
    expect(processCpuMs(2 ** 30)).toBe(0);
  });
});

describe('stackCpuReader', () => {
  it("reads this process, this thread and the JVM's process", () => {
    const read = stackCpuReader(() => process.pid);

    const cpu = read();

    expect(cpu.processMs).toBeGreaterThan(0);
    expect(cpu.mainThreadMs).toBeGreaterThan(0);
    expect(cpu.mainThreadMs).toBeLessThanOrEqual(cpu.processMs + 10);
    expect(cpu.dynamodbLocalMs).toBeGreaterThan(0);
  });
});
