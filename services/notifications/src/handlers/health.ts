import { healthHandler } from '@chat/http';

/** GET /health/notifications */
export const handler = healthHandler();
