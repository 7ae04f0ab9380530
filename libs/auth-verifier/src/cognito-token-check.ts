import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { FetchError, JwtBaseError, JwtExpiredError } from 'aws-jwt-verify/error';
import { SimpleFetcher, type Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache, type Jwks } from 'aws-jwt-verify/jwk';
import { ExpiredTokenError, InvalidTokenError } from './errors';

/** Verifies a raw access token's JWT part and returns its payload; throws an UnauthenticatedError subclass. */
export type AccessTokenCheck = (token: string) => Promise<Record<string, unknown>>;

export interface CognitoAccessTokenCheckOptions {
  /** `<region>_<id>`: the issuer and the JWKS location are derived from it. */
  userPoolId: string;
  /** The app client whose access tokens are accepted (`client_id` claim). */
  clientId: string;
  /**
   * Where Cognito is reached when it is not AWS's public endpoint: the SDK's endpoint override
   * (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER), e.g. cognito-local. The JWKS is then read from
   * `<endpoint>/<userPoolId>/.well-known/jwks.json` instead of Cognito's https URL; every check stays the same.
   */
  cognitoEndpoint?: string;
  /** A JWKS to start with (e.g. in tests); otherwise it is fetched on first use and on an unknown `kid`. */
  jwks?: Jwks;
  /** Replaces the JWKS fetcher (tests). */
  fetcher?: Fetcher;
}

const COGNITO_JWKS_URI =
  /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/([^/]+)\/\.well-known\/jwks\.json$/;

/** The JWKS URL at an endpoint override for Cognito's JWKS URL (`https://cognito-idp.<region>.amazonaws.com/<pool>/…`). */
export function jwksUriAtEndpoint(cognitoJwksUri: string, endpoint: string): string {
  const match = COGNITO_JWKS_URI.exec(cognitoJwksUri);
  if (!match?.[1]) throw new Error(`Not a Cognito JWKS URI: ${cognitoJwksUri}`);
  return `${endpoint.replace(/\/+$/, '')}/${match[1]}/.well-known/jwks.json`;
}

const FETCH_TIMEOUT_MS = 3000;

/** A JWKS fetcher that reads Cognito's JWKS from an endpoint override (plain http allowed, as the SDK allows). */
export function endpointJwksFetcher(endpoint: string): Fetcher {
  return {
    async fetch(uri) {
      const url = jwksUriAtEndpoint(uri, endpoint);
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      } catch (error) {
        throw new FetchError(url, error instanceof Error ? error.message : String(error));
      }
      if (!response.ok) throw new FetchError(url, `status ${response.status}`);
      return response.arrayBuffer();
    },
  };
}

/**
 * The signature, issuer, expiry, `token_use: access` and `client_id` checks of aws-jwt-verify's
 * CognitoJwtVerifier (the production code path). Failures are UnauthenticatedErrors (ExpiredTokenError for an
 * expired token); a JWKS that cannot be fetched is a server fault and is rethrown as is.
 */
export function cognitoAccessTokenCheck(options: CognitoAccessTokenCheckOptions): AccessTokenCheck {
  const fetcher =
    options.fetcher ??
    (options.cognitoEndpoint ? endpointJwksFetcher(options.cognitoEndpoint) : new SimpleFetcher());
  const verifier = CognitoJwtVerifier.create(
    { userPoolId: options.userPoolId, tokenUse: 'access', clientId: options.clientId },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
  if (options.jwks) verifier.cacheJwks(options.jwks);

  return async (token) => {
    try {
      return await verifier.verify(token);
    } catch (error) {
      if (error instanceof FetchError) throw error;
      if (error instanceof JwtExpiredError) throw new ExpiredTokenError({ cause: error });
      if (error instanceof JwtBaseError) throw new InvalidTokenError({ cause: error });
      throw error;
    }
  };
}
