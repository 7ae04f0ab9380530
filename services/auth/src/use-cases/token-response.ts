import type { IssuedTokens, SignedInTokens } from './ports';

/** The body of `POST /auth/refresh`. */
export interface RefreshedTokensResponse {
  accessToken: string;
  idToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/** The body of `POST /auth/login`. */
export interface SignInResponse extends RefreshedTokensResponse {
  refreshToken: string;
}

export function refreshedTokensResponse(tokens: IssuedTokens): RefreshedTokensResponse {
  return {
    accessToken: tokens.accessToken,
    idToken: tokens.idToken,
    expiresIn: tokens.expiresIn,
    tokenType: 'Bearer',
  };
}

export function signInResponse(tokens: SignedInTokens): SignInResponse {
  return { ...refreshedTokensResponse(tokens), refreshToken: tokens.refreshToken };
}
