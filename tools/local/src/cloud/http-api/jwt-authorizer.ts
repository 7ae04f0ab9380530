import type { APIGatewayEventRequestContextJWTAuthorizer } from 'aws-lambda';

export type JwtDecision =
  | { outcome: 'allow'; authorizer: APIGatewayEventRequestContextJWTAuthorizer }
  | { outcome: 'unauthorized'; wwwAuthenticate: string }
  | { outcome: 'forbidden' };

/** The token from an `Authorization` header; API Gateway accepts it with or without `Bearer `. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const token = authorization.replace(/^bearer\s+/i, '').trim();
  return token === '' ? undefined : token;
}

/** A claim as API Gateway passes it on: strings as is, arrays as `[a b]`, other values stringified. */
function claimToString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(claimToString).join(' ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Every claim coerced to a string, as in `requestContext.authorizer.jwt.claims`. */
export function stringifyClaims(claims: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(claims)) {
    if (value !== undefined) result[key] = claimToString(value);
  }
  return result;
}

/** The token's scopes: the space-separated `scope` claim, or `scp` (string or list). */
export function scopesOf(claims: Record<string, unknown>): string[] {
  const raw = claims.scope ?? claims.scp;
  if (typeof raw === 'string') return raw.split(' ').filter((s) => s !== '');
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  return [];
}

/**
 * Runs a JWT authorizer for one request: 401 without a token or with one `verify` refuses, 403 when
 * the route requires scopes and the token has none of them, else the authorizer context.
 */
export async function authorizeJwt(
  authorization: string | undefined,
  requiredScopes: readonly string[] | undefined,
  verify: (token: string) => Promise<Record<string, unknown>>,
): Promise<JwtDecision> {
  const token = bearerToken(authorization);
  if (!token) return { outcome: 'unauthorized', wwwAuthenticate: 'Bearer' };
  let claims: Record<string, unknown>;
  try {
    claims = await verify(token);
  } catch {
    return { outcome: 'unauthorized', wwwAuthenticate: 'Bearer error="invalid_token"' };
  }
  const scopes = scopesOf(claims);
  if (requiredScopes && requiredScopes.length > 0 && !requiredScopes.some((s) => scopes.includes(s))) {
    return { outcome: 'forbidden' };
  }
  return {
    outcome: 'allow',
    authorizer: { jwt: { claims: stringifyClaims(claims), scopes: scopes.length > 0 ? scopes : null } },
  };
}
