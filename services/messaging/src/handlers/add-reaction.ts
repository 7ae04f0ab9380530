import { reactionRoute } from './reaction-route';

/** PUT /rooms/{roomId}/messages/{messageId}/reactions/{reaction}: 204 (idempotent). */
export const handler = reactionRoute('addReaction', 'added');
