import { outboxHandler, streamChangeOf } from '@chat/events';
import { eventPublisher } from '../adapters/environment';
import { storedBanOf } from '../adapters/items';
import { banEventsOf } from '../use-cases/ban-events';

/** The bans table's stream → UserBanned on the bus (the outbox). */
export const handler = outboxHandler('publishBanEvents', eventPublisher, (record, newImage, oldImage) =>
  banEventsOf(streamChangeOf(record, newImage, oldImage, storedBanOf)),
);
