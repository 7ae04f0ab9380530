import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

export interface ComposeService {
  key: string;
  path: string;
  params: Record<string, string>;
}

/** `${service.Output}` references of serverless-compose.yml. */
export const OUTPUT_REFERENCE = /\$\{(\w[\w-]*)\.(\w+)\}/g;

export function readCompose(root: string): ComposeService[] {
  const doc = load(readFileSync(path.join(root, 'serverless-compose.yml'), 'utf8')) as {
    services: Record<string, { path: string; params?: Record<string, unknown> }>;
  };
  return Object.entries(doc.services).map(([key, spec]) => ({
    key,
    path: spec.path,
    params: Object.fromEntries(
      Object.entries(spec.params ?? {}).map(([name, value]) => [name, String(value)]),
    ),
  }));
}

/** The value a test passes for `${service.Output}`: recognizable in the generated template. */
export function fakeOutput(service: string, output: string): string {
  // ARN-shaped where the output is an ARN, so osls treats it as an existing resource (as a real deploy would).
  if (output.endsWith('Arn')) return `arn:aws:fake:us-east-1:000000000000:${service}/${output}`;
  return `fake-${service}-${output}`;
}

/** A service's compose params with every output reference replaced by its fake value. */
export function paramsWithFakeOutputs(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.params).map(([name, value]) => [
      name,
      value.replace(OUTPUT_REFERENCE, (_, key: string, output: string) => fakeOutput(key, output)),
    ]),
  );
}
