/** The app client's token validity (resources/cognito.ts) and how long the auth service keeps what depends on it. */
export const ACCESS_TOKEN_MINUTES = 60;
export const ID_TOKEN_MINUTES = 60;
export const REFRESH_TOKEN_DAYS = 30;

const DAY_SECONDS = 24 * 3600;

/** A session record lives as long as its refresh token. */
export const SESSION_TTL_SECONDS = REFRESH_TOKEN_DAYS * DAY_SECONDS;

/**
 * A revocation record must outlive every token it refuses: a refresh token issued just before the logout can
 * mint access tokens for REFRESH_TOKEN_DAYS, each valid ACCESS_TOKEN_MINUTES more.
 */
export const REVOCATION_TTL_SECONDS = SESSION_TTL_SECONDS + ACCESS_TOKEN_MINUTES * 60 + DAY_SECONDS;
