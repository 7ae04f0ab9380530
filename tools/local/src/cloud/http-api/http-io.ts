import type { ServerResponse } from 'node:http';
import type { HttpResponseSpec } from './response';

/** Writes a response; `extraHeaders` are added unless the response already has that header. */
export function writeResponse(
  res: ServerResponse,
  spec: HttpResponseSpec,
  extraHeaders: Array<[string, string]> = [],
): void {
  if (res.headersSent || res.destroyed) return;
  const grouped = new Map<string, string[]>();
  for (const [name, value] of [...spec.headers]) {
    const key = name.toLowerCase();
    if (key === 'content-length' || key === 'transfer-encoding' || key === 'connection') continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  for (const [name, value] of extraHeaders) if (!grouped.has(name)) grouped.set(name, [value]);
  for (const [name, values] of grouped)
    res.setHeader(name, values.length === 1 ? (values[0] as string) : values);
  res.setHeader('content-length', spec.body.length);
  res.writeHead(spec.statusCode);
  res.end(spec.body);
}
