/**
 * The shape of a service's rate-limits table (pure, so serverless.ts can import it): key `limitKey`
 * (`<action>#<subject>`), TTL `expiresAt` (epoch seconds).
 */
export const RATE_LIMIT_KEY = 'limitKey';
export const RATE_LIMIT_TTL_ATTRIBUTE = 'expiresAt';
