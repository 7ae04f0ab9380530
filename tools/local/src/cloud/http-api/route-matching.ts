import { safeDecode } from './aws-format';

type Segment =
  { kind: 'static'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

/** A route prepared for matching. `segments` is null for the `$default` route. */
export interface CompiledRoute<R> {
  route: R;
  routeKey: string;
  method: string;
  segments: Segment[] | null;
}

export interface RouteMatch<R> {
  route: R;
  /** `GET /rooms/{roomId}`, `ANY /{proxy+}` or `$default`. */
  routeKey: string;
  /** URL-decoded values, by parameter name (`proxy` for `{proxy+}`). */
  pathParameters: Record<string, string>;
}

const SEGMENT_RANK = { static: 0, param: 1, greedy: 2 } as const;

function normalizeMethod(method: string): string {
  const upper = method.trim().toUpperCase();
  return upper === '*' ? 'ANY' : upper;
}

function parseSegments(path: string): Segment[] {
  const parts = path.replace(/^\//, '').split('/');
  return parts.map((part, index): Segment => {
    const greedy = /^\{([A-Za-z0-9_.-]+)\+\}$/.exec(part);
    if (greedy) {
      if (index !== parts.length - 1) throw new Error(`Greedy path variable must be last: ${path}`);
      return { kind: 'greedy', name: greedy[1] as string };
    }
    const param = /^\{([A-Za-z0-9_.-]+)\}$/.exec(part);
    if (param) return { kind: 'param', name: param[1] as string };
    return { kind: 'static', value: part };
  });
}

/** Prepares routes for `matchRoute`. A path of `*` (or `$default`) is the `$default` route. */
export function compileRoutes<R extends { method: string; path: string }>(
  routes: readonly R[],
): CompiledRoute<R>[] {
  return routes.map((route) => {
    const method = normalizeMethod(route.method);
    if (route.path === '*' || route.path === '$default') {
      return { route, routeKey: '$default', method, segments: null };
    }
    const path = route.path.startsWith('/') ? route.path : `/${route.path}`;
    return { route, routeKey: `${method} ${path}`, method, segments: parseSegments(path) };
  });
}

function matchSegments(segments: Segment[], requestParts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i] as Segment;
    const part = requestParts[i];
    if (part === undefined) return undefined;
    if (segment.kind === 'greedy') {
      const rest = requestParts.slice(i);
      if (rest.every((p) => p === '')) return undefined;
      params[segment.name] = rest.map(safeDecode).join('/');
      return params;
    }
    if (segment.kind === 'param') {
      if (part === '') return undefined;
      params[segment.name] = safeDecode(part);
    } else if (segment.value !== part && segment.value !== safeDecode(part)) {
      return undefined;
    }
  }
  return segments.length === requestParts.length ? params : undefined;
}

/** Negative when `a` is more specific than `b`: segment by segment, static beats {param} beats {greedy+}. */
function compareSpecificity<R>(a: CompiledRoute<R>, b: CompiledRoute<R>): number {
  if (a.segments === null || b.segments === null) {
    return (a.segments === null ? 1 : 0) - (b.segments === null ? 1 : 0);
  }
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i += 1) {
    const rankA = a.segments[i] ? SEGMENT_RANK[(a.segments[i] as Segment).kind] : SEGMENT_RANK.greedy;
    const rankB = b.segments[i] ? SEGMENT_RANK[(b.segments[i] as Segment).kind] : SEGMENT_RANK.greedy;
    if (rankA !== rankB) return rankA - rankB;
  }
  return (a.method === 'ANY' ? 1 : 0) - (b.method === 'ANY' ? 1 : 0);
}

/**
 * Selects the route for a request as API Gateway HTTP APIs do: the most specific path wins (static
 * segments over `{param}` over `{greedy+}`), an exact method over ANY, and `$default` only when
 * nothing else matches. `path` is the raw (still percent-encoded) path without the stage prefix.
 */
export function matchRoute<R>(
  routes: readonly CompiledRoute<R>[],
  method: string,
  path: string,
): RouteMatch<R> | undefined {
  const requestMethod = method.toUpperCase();
  const requestParts = path.replace(/^\//, '').split('/');
  let best: { compiled: CompiledRoute<R>; params: Record<string, string> } | undefined;
  for (const compiled of routes) {
    if (compiled.method !== 'ANY' && compiled.method !== requestMethod) continue;
    const params = compiled.segments === null ? {} : matchSegments(compiled.segments, requestParts);
    if (!params) continue;
    if (!best || compareSpecificity(compiled, best.compiled) < 0) best = { compiled, params };
  }
  if (!best) return undefined;
  return { route: best.compiled.route, routeKey: best.compiled.routeKey, pathParameters: best.params };
}
