import { reactionRoute } from './reaction-route';

/** DELETE /rooms/{roomId}/messages/{messageId}/reactions/{reaction}: 204 (idempotent). */
export const handler = reactionRoute('removeReaction', 'removed');
