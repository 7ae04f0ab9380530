import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { loadService, type LoadOptions } from './load-service';
import type { LoadedService } from './model';

interface ComposeService {
  key: string;
  dir: string;
  params: Record<string, string>;
  dependsOn: string[];
}

const OUTPUT_REFERENCE = /\$\{(\w[\w-]*)\.(\w+)\}/g;

function readCompose(root: string): ComposeService[] {
  const file = path.join(root, 'serverless-compose.yml');
  const doc = parseYaml(readFileSync(file, 'utf8')) as { services?: Record<string, Record<string, unknown>> };
  return Object.entries(doc.services ?? {}).map(([key, spec]) => {
    const params = Object.fromEntries(Object.entries(spec.params ?? {}).map(([k, v]) => [k, String(v)]));
    const references = Object.values(params).flatMap((v) =>
      [...v.matchAll(OUTPUT_REFERENCE)].map((m) => m[1] ?? ''),
    );
    const explicit =
      spec.dependsOn === undefined ? [] : ([] as string[]).concat(spec.dependsOn as string | string[]);
    return {
      key,
      dir: path.resolve(root, String(spec.path ?? key)),
      params,
      dependsOn: [...new Set([...explicit, ...references])],
    };
  });
}

function deploymentOrder(services: ComposeService[]): ComposeService[] {
  const ordered: ComposeService[] = [];
  const visiting = new Set<string>();
  const visit = (service: ComposeService) => {
    if (ordered.includes(service)) return;
    if (visiting.has(service.key))
      throw new Error(`serverless-compose.yml: dependency cycle at ${service.key}`);
    visiting.add(service.key);
    for (const dependency of service.dependsOn) {
      const target = services.find((s) => s.key === dependency);
      if (!target)
        throw new Error(`serverless-compose.yml: ${service.key} depends on unknown service ${dependency}`);
      visit(target);
    }
    visiting.delete(service.key);
    ordered.push(service);
  };
  services.forEach(visit);
  return ordered;
}

/**
 * Loads every service of serverless-compose.yml in deployment order, feeding each one the params that compose
 * would pass (`${auth.HttpApiId}` resolved from the outputs of the services loaded before it).
 */
export function loadComposition(root: string, options: Omit<LoadOptions, 'params'>): LoadedService[] {
  const outputs = new Map<string, Record<string, string>>();
  return deploymentOrder(readCompose(root)).map((service) => {
    const params = Object.fromEntries(
      Object.entries(service.params).map(([name, value]) => [
        name,
        value.replace(OUTPUT_REFERENCE, (whole, key: string, output: string) => {
          const resolved = outputs.get(key)?.[output];
          if (resolved === undefined)
            throw new Error(`${service.key}: cannot resolve ${whole} for param ${name}`);
          return resolved;
        }),
      ]),
    );
    const loaded = loadService(service.dir, { ...options, params });
    outputs.set(service.key, loaded.outputs);
    return loaded;
  });
}
