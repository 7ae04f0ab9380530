/**
 * A value built on first call and kept for the Lambda sandbox's life: SDK clients and adapters are made once,
 * and read their configuration (`requireEnv`) only then, so a function is asked only for the variables of the
 * adapters it really uses.
 */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
