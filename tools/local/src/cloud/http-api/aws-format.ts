import { randomInt } from 'node:crypto';

/** A header as it came over the wire: its name (original case) and value, in order. */
export type HeaderPair = readonly [name: string, value: string];

/** Writes a progress line; the local stack decides where it goes. */
export type LogLine = (line: string) => void;

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An id shaped like API Gateway's request, connection and message ids (`JKJaXmPLvHcESHA=`): 15
 * alphanumeric characters and a trailing `=`. Alphanumeric only, so it is safe in a URL path as is.
 */
export function awsId(): string {
  let id = '';
  for (let i = 0; i < 15; i += 1) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return `${id}=`;
}

/** `X-Amzn-Trace-Id` value in the X-Ray format API Gateway adds to requests it forwards. */
export function traceId(now: Date): string {
  const epochHex = Math.floor(now.getTime() / 1000).toString(16);
  let random = '';
  for (let i = 0; i < 24; i += 1) random += randomInt(16).toString(16);
  return `Root=1-${epochHex}-${random}`;
}

/** API Gateway's `requestTime` / `time` format: `09/Feb/2019:11:23:51 +0000` (UTC). */
export function formatRequestTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** Node's `rawHeaders` (a flat name, value, name, value… list) as pairs. */
export function headerPairsOf(rawHeaders: readonly string[]): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    pairs.push([rawHeaders[i] as string, rawHeaders[i + 1] as string]);
  }
  return pairs;
}

/** The first value of a header (case-insensitive), or undefined. */
export function headerValue(pairs: readonly HeaderPair[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return pairs.find(([key]) => key.toLowerCase() === lower)?.[1];
}

/** The client's address as API Gateway reports it (IPv4-mapped IPv6 addresses unwrapped). */
export function sourceIpOf(remoteAddress: string | undefined): string {
  if (!remoteAddress) return '127.0.0.1';
  return remoteAddress.startsWith('::ffff:') ? remoteAddress.slice('::ffff:'.length) : remoteAddress;
}

/** Splits a raw request target into its raw path and raw query string (without `?`). */
export function splitTarget(target: string): { rawPath: string; rawQueryString: string } {
  const withoutOrigin = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const hashAt = withoutOrigin.indexOf('#');
  const noHash = hashAt === -1 ? withoutOrigin : withoutOrigin.slice(0, hashAt);
  const queryAt = noHash.indexOf('?');
  const rawPath = queryAt === -1 ? noHash : noHash.slice(0, queryAt);
  return {
    rawPath: rawPath === '' ? '/' : rawPath,
    rawQueryString: queryAt === -1 ? '' : noHash.slice(queryAt + 1),
  };
}

/** `decodeURIComponent` that keeps malformed escapes as they are instead of throwing. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
