/** A pause that can be cut short: `wake()` resolves it at once. */
export interface Pause {
  done: Promise<void>;
  wake(): void;
}

export function pause(ms: number): Pause {
  let wake = () => undefined as void;
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    (timer as { unref?: () => void }).unref?.();
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { done, wake };
}
