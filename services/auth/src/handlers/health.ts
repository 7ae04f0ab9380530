import { healthHandler } from '@chat/http';

/** GET /health/auth */
export const handler = healthHandler();
