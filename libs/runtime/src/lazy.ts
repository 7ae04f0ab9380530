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

/** A factory per property: what `lazyProperties` is given (each usually a `lazy`). */
export type Factories<T> = { [K in keyof T]: () => T[K] };

/**
 * An object of dependencies whose each property is read from its factory (usually a `lazy`) when read, never
 * before: a use case touching only `messages` builds only that adapter, and its function needs only that
 * adapter's variables. `more` adds (or overrides) properties, so a service can write its common ports once and
 * compose a bigger object for the few functions that need more; a function's bundle then holds the adapters of
 * the object it imports, not those of every port of its service (docs/decisions/010-cold-starts.md). Call it
 * as `/* @__PURE__ *\/ lazyProperties(...)` at a module's top level, so a bundle drops an object nobody reads.
 * Never spread the result (that would read every property).
 */
export function lazyProperties<T extends object, U extends object = Record<never, never>>(
  factories: Factories<T>,
  more?: Factories<U>,
): T & U {
  const target = {};
  for (const source of [factories, more ?? {}]) {
    for (const [key, factory] of Object.entries(source as Record<string, () => unknown>)) {
      Object.defineProperty(target, key, { enumerable: true, configurable: true, get: factory });
    }
  }
  return target as T & U;
}
