import { outboxHandler } from '@chat/events';
import { eventPublisher } from '../adapters/environment';
import { userLoggedOutEventsOf } from '../use-cases/stream-events';

/** The revocations table's stream → UserLoggedOut on the event bus (realtime closes the user's sockets). */
export const handler = outboxHandler('publishLogoutEvents', eventPublisher, userLoggedOutEventsOf);
