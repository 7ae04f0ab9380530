import { fieldIssuesOf } from '@chat/http';
import type * as z from 'zod';
import {
  addMemberBody,
  changeRoleBody,
  createRoomBody,
  openDirectMessageBody,
  updateRoomBody,
} from '../../../src/domain/requests';

function issues(schema: z.ZodType, body: unknown) {
  const result = schema.safeParse(body);
  return result.success ? [] : fieldIssuesOf(result.error).map((issue) => issue.field);
}

describe('createRoomBody', () => {
  it('trims the name and topic', () => {
    expect(createRoomBody.parse({ name: '  general  ', visibility: 'public', topic: ' hi ' })).toEqual({
      name: 'general',
      visibility: 'public',
      topic: 'hi',
    });
  });

  it('accepts names of 1 and 100 characters, counting an emoji as one', () => {
    expect(issues(createRoomBody, { name: 'x', visibility: 'private' })).toEqual([]);
    expect(issues(createRoomBody, { name: '😀'.repeat(100), visibility: 'private' })).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '    '],
    ['101 characters', 'x'.repeat(101)],
    ['a control character', 'bad\nname'],
    ['not a string', 42],
  ])('refuses a name that is %s', (_what, name) => {
    expect(issues(createRoomBody, { name, visibility: 'public' })).toEqual(['name']);
  });

  it('refuses a topic over 500 characters and accepts one of 500', () => {
    expect(issues(createRoomBody, { name: 'n', visibility: 'public', topic: 't'.repeat(501) })).toEqual([
      'topic',
    ]);
    expect(issues(createRoomBody, { name: 'n', visibility: 'public', topic: 't'.repeat(500) })).toEqual([]);
  });

  it('refuses a visibility outside the enum, a missing one, and unknown fields, naming each', () => {
    expect(issues(createRoomBody, { name: 'n', visibility: 'secret' })).toEqual(['visibility']);
    expect(issues(createRoomBody, { name: 'n' })).toEqual(['visibility']);
    expect(issues(createRoomBody, { name: 'n', visibility: 'public', ownerId: 'me' })).toEqual(['ownerId']);
  });
});

describe('updateRoomBody', () => {
  it('needs a name or a topic', () => {
    expect(issues(updateRoomBody, {})).toEqual(['body']);
    expect(issues(updateRoomBody, { topic: '' })).toEqual([]);
  });

  it('refuses a visibility change (not part of the update) as an unknown field', () => {
    expect(issues(updateRoomBody, { name: 'n', visibility: 'private' })).toEqual(['visibility']);
  });
});

describe('member bodies', () => {
  it('accepts {} and {userId} to join or add, and nothing else', () => {
    expect(issues(addMemberBody, {})).toEqual([]);
    expect(issues(addMemberBody, { userId: '3f1c2a7e-8b4d-4e2a-9c1f-5d6e7a8b9c0d' })).toEqual([]);
    expect(issues(addMemberBody, { userId: '' })).toEqual(['userId']);
    expect(issues(addMemberBody, { userId: 'a/b' })).toEqual(['userId']);
    expect(issues(addMemberBody, { role: 'admin' })).toEqual(['role']);
  });

  it('accepts only admin or member as a new role', () => {
    expect(issues(changeRoleBody, { role: 'admin' })).toEqual([]);
    expect(issues(changeRoleBody, { role: 'owner' })).toEqual(['role']);
  });

  it('needs the userId of a DM peer', () => {
    expect(issues(openDirectMessageBody, {})).toEqual(['userId']);
    expect(issues(openDirectMessageBody, { userId: 'x'.repeat(129) })).toEqual(['userId']);
  });
});
