/** A time as DynamoDB's TTL attributes hold it: whole seconds since the epoch. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
