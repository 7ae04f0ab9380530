import { directMessageRoomId, DM_ROOM_ID_PREFIX } from '../../../src/domain/direct-message';

describe('directMessageRoomId', () => {
  it('gives the same id for a pair whichever user asks', () => {
    expect(directMessageRoomId('user-a', 'user-b')).toBe(directMessageRoomId('user-b', 'user-a'));
  });

  it('gives different pairs different ids', () => {
    const ids = new Set([
      directMessageRoomId('user-a', 'user-b'),
      directMessageRoomId('user-a', 'user-c'),
      directMessageRoomId('user-b', 'user-c'),
      directMessageRoomId('user-a', 'user-bc'),
      directMessageRoomId('user-ab', 'user-c'),
    ]);

    expect(ids.size).toBe(5);
  });

  it('is a fixed-length id with the DM prefix, safe in a URL path', () => {
    const id = directMessageRoomId(
      '3f1c2a7e-8b4d-4e2a-9c1f-5d6e7a8b9c0d',
      '7a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
    );

    expect(id.startsWith(DM_ROOM_ID_PREFIX)).toBe(true);
    expect(id).toMatch(/^dm_[0-9a-f]{32}$/);
  });
});
