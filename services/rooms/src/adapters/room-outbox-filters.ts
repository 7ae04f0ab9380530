/**
 * What lets the rooms table's outbox (`publishRoomEvents`) be invoked only for the records that publish, free of
 * imports so that serverless.ts can use them without loading the runtime code.
 */

/**
 * Written on a room by the writes that may change what RoomUpdated carries (name, topic, owner: PATCH and an
 * owner's hand-over), and removed by every other write of the item (member counts, archiving). A stream filter
 * cannot compare the old and new images, so the write says it.
 */
export const ROOM_CHANGE_ATTRIBUTE = 'outboxChange';
export const ROOM_DETAILS_CHANGED = 'details';

/**
 * A new room (RoomCreated), or a change of an active room's details (RoomUpdated when a value differs:
 * `roomEventsOf`). Member-count changes and archiving invoke nothing.
 */
export const ROOM_EVENT_FILTERS = [
  { eventName: ['INSERT'] },
  {
    eventName: ['MODIFY'],
    dynamodb: {
      NewImage: { [ROOM_CHANGE_ATTRIBUTE]: { S: [ROOM_DETAILS_CHANGED] }, status: { S: ['active'] } },
    },
  },
];
