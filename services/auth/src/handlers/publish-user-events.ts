import { outboxHandler } from '@chat/events';
import { eventPublisher } from '../adapters/environment';
import { userRegisteredEventsOf } from '../use-cases/stream-events';

/** The users table's stream → UserRegistered on the event bus (the outbox), with partial batch failures. */
export const handler = outboxHandler('publishUserEvents', eventPublisher, userRegisteredEventsOf);
