import { healthHandler } from '@chat/http';

/** GET /health/rooms */
export const handler = healthHandler();
