/**
 * Resolves the Serverless Framework variables the services' serverless.ts files use:
 * `${sls:stage}`, `${self:a.b}`, `${param:name}`, `${opt:stage|region}`, `${env:NAME}`, each with an optional
 * fallback (`${opt:stage, 'dev'}`), which may be another source (`${param:logLevel, env:LOG_LEVEL, 'info'}`). Anything else inside `${…}` (such as CloudFormation's `${AWS::Region}` in a
 * Fn::Sub) is left untouched. An unresolvable variable without a fallback is an error naming it.
 */
export interface VariableSources {
  stage: string;
  region: string;
  params: Record<string, string>;
  env: Record<string, string | undefined>;
}

const KNOWN_SOURCES = new Set(['sls', 'self', 'param', 'opt', 'env']);
const VARIABLE = /\$\{([^{}]+)\}/;

type Json = unknown;

function unquote(text: string): string {
  const trimmed = text.trim();
  const quoted = /^(['"])(.*)\1$/.exec(trimmed);
  return quoted ? (quoted[2] ?? '') : trimmed;
}

function splitFallback(body: string): { reference: string; fallback?: string } {
  const comma = body.indexOf(',');
  if (comma < 0) return { reference: body.trim() };
  return { reference: body.slice(0, comma).trim(), fallback: body.slice(comma + 1) };
}

function lookupPath(root: Json, path: string): Json {
  let current: Json = root;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, Json>)[segment];
  }
  return current;
}

export class VariableResolver {
  private readonly resolving = new Set<string>();

  constructor(
    private readonly config: Json,
    private readonly sources: VariableSources,
  ) {}

  /** Deeply resolves every string of `value`. */
  resolve<T>(value: T): T {
    return this.resolveValue(value) as T;
  }

  private resolveValue(value: Json): Json {
    if (typeof value === 'string') return this.resolveString(value);
    if (Array.isArray(value)) return value.map((item) => this.resolveValue(item));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolveValue(v)]));
    }
    return value;
  }

  private resolveString(text: string): Json {
    let output = text;
    let skipped = '';
    for (;;) {
      const match = VARIABLE.exec(output);
      if (!match) return skipped + output;
      const body = match[1] ?? '';
      const source = body.split(':')[0]?.trim() ?? '';
      if (!KNOWN_SOURCES.has(source) || body.startsWith(`${source}::`)) {
        skipped += output.slice(0, match.index + match[0].length);
        output = output.slice(match.index + match[0].length);
        continue;
      }
      const value = this.resolveReference(body);
      if (match[0] === output && skipped === '') return value; // a whole-string variable keeps its type
      output = output.slice(0, match.index) + String(value) + output.slice(match.index + match[0].length);
    }
  }

  private resolveReference(body: string): Json {
    const { reference, fallback } = splitFallback(body);
    const value = this.lookup(reference);
    if (value !== undefined && value !== null) return value;
    if (fallback === undefined) throw new Error(`Cannot resolve variable \${${reference}}`);
    // A chain of sources, as the framework reads it: `${param:logLevel, env:CHAT_LOG_LEVEL, 'info'}`.
    const next = fallback.trim();
    const source = /^(\w+):/.exec(next)?.[1];
    if (source !== undefined && KNOWN_SOURCES.has(source)) return this.resolveReference(next);
    return this.resolveString(unquote(fallback));
  }

  private lookup(reference: string): Json {
    const colon = reference.indexOf(':');
    const source = reference.slice(0, colon);
    const key = reference.slice(colon + 1).trim();
    switch (source) {
      case 'sls':
        return key === 'stage' ? this.sources.stage : undefined;
      case 'opt':
        if (key === 'stage') return this.sources.stage;
        if (key === 'region') return this.sources.region;
        return undefined;
      case 'param':
        return this.sources.params[key];
      case 'env':
        return this.sources.env[key];
      case 'self': {
        if (this.resolving.has(key)) throw new Error(`Circular variable \${self:${key}}`);
        this.resolving.add(key);
        try {
          const raw = lookupPath(this.config, key);
          return raw === undefined ? undefined : this.resolveValue(raw);
        } finally {
          this.resolving.delete(key);
        }
      }
      default:
        return undefined;
    }
  }
}
