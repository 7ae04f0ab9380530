import { tableAnswers } from '@chat/aws';
import { healthHandler } from '@chat/http';

/** GET /health/messaging: 200 while its table answers, else 503 UNAVAILABLE. */
export const handler = healthHandler({ check: tableAnswers });
