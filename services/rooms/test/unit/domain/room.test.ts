import { isOpenRoom, isVisibleTo, toRoom } from '../../../src/domain/room';
import { aRoom } from '../../support/builders';

describe('room visibility', () => {
  it('shows an active public room to everyone', () => {
    expect(isVisibleTo(aRoom({ visibility: 'public' }), false)).toBe(true);
  });

  it('shows a private room or a DM to its members only', () => {
    expect(isVisibleTo(aRoom({ visibility: 'private' }), false)).toBe(false);
    expect(isVisibleTo(aRoom({ visibility: 'private' }), true)).toBe(true);
    expect(isVisibleTo(aRoom({ kind: 'dm', visibility: 'private' }), false)).toBe(false);
  });

  it('shows an archived room to nobody', () => {
    expect(isVisibleTo(aRoom({ status: 'archived' }), true)).toBe(false);
    expect(isOpenRoom(aRoom({ status: 'archived' }))).toBe(false);
  });

  it('opens only active public rooms (never a DM) to joining and the directory', () => {
    expect(isOpenRoom(aRoom())).toBe(true);
    expect(isOpenRoom(aRoom({ visibility: 'private' }))).toBe(false);
    expect(isOpenRoom(aRoom({ kind: 'dm', visibility: 'public' }))).toBe(false);
  });

  it('shows the contract Room without the lifecycle attributes', () => {
    expect(Object.keys(toRoom(aRoom())).sort()).toEqual(
      ['createdAt', 'kind', 'memberCount', 'name', 'ownerId', 'roomId', 'topic', 'visibility'].sort(),
    );
  });
});
