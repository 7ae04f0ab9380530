import { healthHandler } from '@chat/http';

/** GET /health/realtime */
export const handler = healthHandler();
