import { fieldIssuesOf } from '@chat/http';
import { channelsOf, DEFAULT_PREFERENCES, isMuted } from '../../../src/domain/preferences';
import { preferencesBody } from '../../../src/domain/requests';

const issuesOf = (body: unknown) => {
  const result = preferencesBody.safeParse(body);
  return result.success ? [] : fieldIssuesOf(result.error);
};

describe('preferencesBody', () => {
  it('accepts the whole document', () => {
    const body = { email: false, push: true, mutedRoomIds: ['room-1', 'dm_abc'] };

    expect(preferencesBody.parse(body)).toEqual(body);
  });

  it('names an unknown field', () => {
    expect(issuesOf({ email: true, push: true, mutedRoomIds: [], sms: true })).toEqual([
      { field: 'sms', message: 'Unknown field' },
    ]);
  });

  it('names each field of the wrong type or missing', () => {
    const fields = issuesOf({ email: 'yes', mutedRoomIds: 'room-1' }).map((issue) => issue.field);

    expect(fields.sort()).toEqual(['email', 'mutedRoomIds', 'push']);
  });

  it('refuses repeated room ids', () => {
    expect(issuesOf({ email: true, push: true, mutedRoomIds: ['room-1', 'room-1'] })).toEqual([
      { field: 'mutedRoomIds', message: 'Room ids must be unique' },
    ]);
  });

  it('refuses more than 500 muted rooms and accepts exactly 500', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `room-${i}`);

    expect(issuesOf({ email: true, push: true, mutedRoomIds: ids(500) })).toEqual([]);
    expect(issuesOf({ email: true, push: true, mutedRoomIds: ids(501) })).toEqual([
      { field: 'mutedRoomIds', message: 'At most 500 rooms' },
    ]);
  });

  it('refuses a room id that cannot be one, naming its position', () => {
    expect(issuesOf({ email: true, push: true, mutedRoomIds: ['ok', 'not a room!'] })).toEqual([
      { field: 'mutedRoomIds.1', message: 'Must be a room id' },
    ]);
  });
});

describe('the preference rules', () => {
  it('defaults to e-mail on, push on and nothing muted', () => {
    expect(DEFAULT_PREFERENCES).toEqual({ email: true, push: true, mutedRoomIds: [] });
  });

  it('knows a muted room', () => {
    expect(isMuted({ ...DEFAULT_PREFERENCES, mutedRoomIds: ['r1'] }, 'r1')).toBe(true);
    expect(isMuted(DEFAULT_PREFERENCES, 'r1')).toBe(false);
  });

  it('sends e-mail only when it is on and an address is known, push when it is on', () => {
    expect(channelsOf(DEFAULT_PREFERENCES, true)).toEqual(['email', 'push']);
    expect(channelsOf(DEFAULT_PREFERENCES, false)).toEqual(['push']);
    expect(channelsOf({ email: false, push: false }, true)).toEqual([]);
  });
});
