/**
 * The presence table's summary item's sort key and the event filters of its stream's outbox, free of imports so
 * that serverless.ts can use them without loading the runtime code.
 */

/** The presence table's per-user summary item's sort key (the other items are one marker per connection). */
export const PRESENCE_SUMMARY_KEY = 'presence';

const summary = { Keys: { sk: { S: [PRESENCE_SUMMARY_KEY] } } };
const status = (value: 'online' | 'offline' | undefined) => ({
  status: { S: value === undefined ? [{ exists: false }] : [value] },
});

/**
 * `publishPresenceEvents` is invoked only for the stream records that publish a PresenceChanged
 * (`presenceChangeOf`): the summary item's status became `online` or `offline` and was something else (or
 * nothing) before. A filter cannot compare the two images, but the status has two values, so the changes can be
 * listed: four patterns (Lambda allows five). The count and directory updates, the connection markers, and
 * every connect or disconnect that moves no status, invoke nothing.
 */
export const PRESENCE_CHANGE_FILTERS = [
  { dynamodb: { ...summary, NewImage: status('online'), OldImage: status('offline') } },
  { dynamodb: { ...summary, NewImage: status('online'), OldImage: status(undefined) } },
  { dynamodb: { ...summary, NewImage: status('offline'), OldImage: status('online') } },
  { dynamodb: { ...summary, NewImage: status('offline'), OldImage: status(undefined) } },
];
