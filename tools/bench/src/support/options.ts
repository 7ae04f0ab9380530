/**
 * The benchmarks' command lines: `--name value`, `--name=value` and `--no-<name>` flags, each with an environment
 * variable as its fallback; integers are checked against their range. Errors name the flag and show the usage.
 */

export interface IntegerSpec<K extends string> {
  key: K;
  flag: string;
  env: string;
  min: number;
  max: number;
}

/** The flags given, by name (`--no-baseline` is `baseline` = `0`); throws on an unknown or valueless flag. */
export function readFlags(
  argv: readonly string[],
  known: readonly string[],
  usage: string,
): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const negated = /^--no-([a-z-]+)$/.exec(arg);
    if (negated?.[1]) {
      flags.set(negated[1], '0');
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new Error(`Unknown argument "${arg}"\n${usage}`);
    const value = match[2] ?? argv[(i += 1)];
    if (value === undefined) throw new Error(`--${match[1]} needs a value\n${usage}`);
    flags.set(match[1], value);
  }
  for (const flag of flags.keys())
    if (!known.includes(flag)) throw new Error(`Unknown flag --${flag}\n${usage}`);
  return flags;
}

/** Sets each integer option given by flag (or, without one, by environment variable) on `options`. */
export function applyIntegers<K extends string>(
  options: Record<K, number>,
  specs: readonly IntegerSpec<K>[],
  flags: ReadonlyMap<string, string>,
  env: NodeJS.ProcessEnv,
): void {
  for (const spec of specs) {
    const raw = flags.get(spec.flag) ?? env[spec.env];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
      throw new Error(
        `--${spec.flag} (${spec.env}) must be an integer from ${spec.min} to ${spec.max}, got "${raw}"`,
      );
    }
    options[spec.key] = value;
  }
}

/** A yes/no option: absent → undefined; `0`, `false`, `no` → false; anything else → true. */
export function booleanOption(raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  return !['0', 'false', 'no'].includes(raw);
}
