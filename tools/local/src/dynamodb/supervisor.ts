import { LOOPBACK_HOST } from '../ports';
import { startDynamoDbLocal, type RunningDynamoDbLocal, type StartDynamoDbLocalOptions } from './emulator';

export interface SupervisedDynamoDbLocal extends RunningDynamoDbLocal {
  /** False from an unexpected exit until the restarted JVM answers. */
  readonly up: boolean;
  /** How many times it was restarted. */
  readonly restarts: number;
}

export interface SuperviseOptions extends Omit<StartDynamoDbLocalOptions, 'onUnexpectedExit'> {
  /** Progress lines: the exit, each restart attempt, the recovery. */
  say: (line: string) => void;
  /** Waits before restart attempts (the last one repeats). Default 0.5, 1, 2, 5, 10 s. */
  restartDelaysMs?: readonly number[];
}

const DEFAULT_RESTART_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000];
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * DynamoDB Local, kept running: when its JVM exits unexpectedly (killed, crashed), the exit is said and it is
 * started again on the same port with the same data, with a growing pause between attempts, until it answers
 * or close() is called. Requests in the meantime fail as connection errors (the handlers answer 503); the stream
 * mappings read again from their checkpoints once it is back.
 */
export async function superviseDynamoDbLocal(options: SuperviseOptions): Promise<SupervisedDynamoDbLocal> {
  const { say } = options;
  const delays = options.restartDelaysMs ?? DEFAULT_RESTART_DELAYS_MS;
  let closed = false;
  let up = true;
  let restarts = 0;
  let port = options.port;

  const start = (): Promise<RunningDynamoDbLocal> =>
    startDynamoDbLocal({ ...options, port, onUnexpectedExit: (how, last) => void recover(how, last) });

  async function recover(how: string, lastOutput: string): Promise<void> {
    if (closed) return;
    up = false;
    const downSince = Date.now();
    const last = lastOutput.trim().split('\n').slice(-3).join(' | ');
    say(`DynamoDB Local exited unexpectedly (${how})${last ? `; its last output: ${last}` : ''}`);
    say(`restarting DynamoDB Local on ${LOOPBACK_HOST}:${port} with the same data …`);
    for (let attempt = 1; !closed; attempt += 1) {
      await delay(delays[Math.min(attempt - 1, delays.length - 1)] ?? 1_000);
      if (closed) return;
      try {
        const restarted = await start();
        if (closed) {
          await restarted.close();
          return;
        }
        current = restarted;
        restarts += 1;
        up = true;
        say(
          `DynamoDB Local is back after ${((Date.now() - downSince) / 1000).toFixed(1)} s ` +
            `(restart ${restarts}); stream mappings resume from their checkpoints`,
        );
        return;
      } catch (error) {
        say(`DynamoDB Local did not restart (attempt ${attempt}): ${messageOf(error)}`);
      }
    }
  }

  let current = await start();
  port = current.port;
  return {
    get url() {
      return current.url;
    },
    get port() {
      return current.port;
    },
    get pid() {
      return current.pid;
    },
    get up() {
      return up;
    },
    get restarts() {
      return restarts;
    },
    async close() {
      closed = true;
      await current.close();
    },
  };
}
