/** Reads a required environment variable, failing fast with a clear message when it is missing or empty. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

/** Reads an optional environment variable; an empty value counts as unset. */
export function optionalEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Reads a positive integer from the environment. When the variable is unset, `fallback` is returned, or,
 * without one, it fails as `requireEnv` does; any value that is not a positive safe integer fails fast.
 */
export function positiveIntegerEnv(name: string, fallback?: number): number {
  const raw = optionalEnv(name);
  if (raw === undefined && fallback !== undefined) return fallback;
  const text = raw ?? requireEnv(name);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`Environment variable ${name} must be a positive integer, got "${text}"`);
  }
  return value;
}
