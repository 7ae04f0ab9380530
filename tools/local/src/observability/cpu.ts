import { readFileSync } from 'node:fs';
import type { StackCpu } from './usage';

/** The kernel reports a process's CPU times in USER_HZ ticks, 100 per second on every Linux ABI. */
const MS_PER_TICK = 10;

/** This thread's time on CPU, ms, from the scheduler's statistics (Linux); 0 where there are none. */
export function threadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0;
  }
}

/** A process's user + system CPU time, ms, from `/proc/<pid>/stat` (Linux); 0 where there is none. */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    // After the command name, which is in parentheses and may hold spaces, come fields 3 onwards of proc(5):
    // utime and stime are fields 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    const [utime = '0', stime = '0'] = fields.slice(14 - 3, 16 - 3);
    return (Number(utime) + Number(stime)) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

/**
 * Reads the stack's CPU so far, called on the main thread: this process (all its threads), the main thread, and
 * DynamoDB Local's JVM (whose pid changes when its supervisor restarts it: a restart starts its count again).
 */
export function stackCpuReader(dynamodbLocalPid: () => number | undefined): () => StackCpu {
  return () => {
    const { user, system } = process.cpuUsage();
    return {
      processMs: (user + system) / 1000,
      mainThreadMs: threadCpuMs(),
      dynamodbLocalMs: processCpuMs(dynamodbLocalPid()),
    };
  };
}
