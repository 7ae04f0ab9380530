import { healthHandler } from '@chat/http';

/** GET /health/messaging */
export const handler = healthHandler();
