import { outboxHandler } from '@chat/events';
import { eventPublisher } from '../adapters/environment';
import { revocationEventsOf } from '../use-cases/stream-events';

/**
 * The revocations table's stream → UserLoggedOut on the event bus (realtime closes the user's sockets), and
 * UserDeleted when the record closes an account (every service erases the user).
 */
export const handler = outboxHandler('publishLogoutEvents', eventPublisher, revocationEventsOf);
