import { useEffect, useState } from 'preact/hooks';

/** State that tells its views when it changed (one render per burst of changes). */
export class Observable {
  private readonly listeners = new Set<() => void>();
  private queued = false;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected changed(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      for (const listener of [...this.listeners]) listener();
    });
  }
}

/** Re-renders the component whenever `model` changes. */
export function useObservable(model: Observable | undefined): void {
  const [, setTick] = useState(0);
  useEffect(() => model?.subscribe(() => setTick((tick) => tick + 1)), [model]);
}
