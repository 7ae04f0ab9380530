export const COLD_USAGE =
  'npm run bench:cold -- [--runs N (1-50, default 5)] [--only service|service.function]';

/** `--runs N` and `--only <service or service.function>`; throws an Error naming a bad argument. */
export function parseColdOptions(argv: readonly string[]): { runs: number; only?: string } {
  let runs = 5;
  let only: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.split('=', 2);
    const value = inline ?? argv[(i += 1)];
    if (flag === '--runs' && value && /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 50) {
      runs = Number(value);
    } else if (flag === '--only' && value) {
      only = value;
    } else {
      throw new Error(`Bad argument "${arg}"\n${COLD_USAGE}`);
    }
  }
  return only ? { runs, only } : { runs };
}
