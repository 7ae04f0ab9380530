import { UnauthenticatedError } from '@chat/runtime';
import { bearerToken } from '../../src';
import { anHttpEvent } from '../../src/testing';

describe('bearerToken', () => {
  it('reads the token of an Authorization: Bearer header, whatever the case of the scheme', () => {
    expect(bearerToken(anHttpEvent({ headers: { authorization: 'Bearer abc.def.ghi' } }))).toBe(
      'abc.def.ghi',
    );
    expect(bearerToken(anHttpEvent({ headers: { Authorization: 'bearer xyz' } }))).toBe('xyz');
  });

  it.each([undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b'])(
    'refuses %p as unauthenticated',
    (header) => {
      const event = anHttpEvent({ headers: header === undefined ? {} : { authorization: header } });

      expect(() => bearerToken(event)).toThrow(UnauthenticatedError);
    },
  );
});
