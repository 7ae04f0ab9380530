import { nextRoomVersion, nextSinceOf, sinceProblem } from '../../../src/domain/room-versions';
import { aMessage } from '../../support/builders';

describe('room versions', () => {
  it('gives a room that never changed version 1 for its first change, then counts up by one', () => {
    expect(nextRoomVersion(0)).toBe(1);
    expect(nextRoomVersion(41)).toBe(42);
  });

  it.each([
    [-1, 5, 'must be an integer of at least 0'],
    [1.5, 5, 'must be an integer of at least 0'],
    [Number.NaN, 5, 'must be an integer of at least 0'],
    [6, 5, "must not be above the room's version (5)"],
    [1, 0, "must not be above the room's version (0)"],
  ])('refuses since %p of a room at version %p: %s', (since, roomVersion, problem) => {
    expect(sinceProblem(since, roomVersion)).toBe(problem);
  });

  it.each([
    [0, 0],
    [0, 5],
    [5, 5],
  ])('accepts since %p of a room at version %p', (since, roomVersion) => {
    expect(sinceProblem(since, roomVersion)).toBeUndefined();
  });

  it('sets nextSince to the last item’s version only when more changes remain', () => {
    const items = [aMessage({ version: 3 }), aMessage({ version: 7 })];

    expect(nextSinceOf({ items, hasMore: true })).toBe(7);
    expect(nextSinceOf({ items, hasMore: false })).toBeNull();
    expect(nextSinceOf({ items: [], hasMore: false })).toBeNull();
  });
});
