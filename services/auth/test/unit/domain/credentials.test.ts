import { fieldIssuesOf } from '@chat/http';
import { registerBody, updateProfileBody } from '../../../src/domain/requests';
import { passwordProblems } from '../../../src/domain/password-policy';
import { usernamePrefixSchema } from '../../../src/domain/credentials';

function issuesOf(body: unknown) {
  const result = registerBody.safeParse(body);
  return result.success ? [] : fieldIssuesOf(result.error);
}

const valid = { username: 'alice', email: 'alice@example.com', password: 'Passw0rdX' };

describe('the registration body', () => {
  it('normalizes the username and the e-mail address to lower case, trimmed', () => {
    expect(registerBody.parse({ ...valid, username: ' Alice.B_2-x ', email: ' Alice@Example.COM ' })).toEqual(
      {
        ...valid,
        username: 'alice.b_2-x',
        email: 'alice@example.com',
      },
    );
  });

  it.each([
    ['ab', 'too short'],
    ['a'.repeat(33), 'too long'],
    ['al ice', 'a space'],
    ['alice!', 'a symbol'],
    ['élodie', 'a non-ASCII letter'],
  ])('refuses the username %p (%s)', (username) => {
    expect(issuesOf({ ...valid, username })).toEqual([
      { field: 'username', message: 'must be 3 to 32 characters of a-z 0-9 _ . -' },
    ]);
  });

  it('accepts usernames of 3 and 32 characters', () => {
    expect(issuesOf({ ...valid, username: 'abc' })).toEqual([]);
    expect(issuesOf({ ...valid, username: 'a'.repeat(32) })).toEqual([]);
  });

  it.each(['not-an-email', 'a@', '@b.c', 'a b@c.d'])('refuses the e-mail address %p', (email) => {
    expect(issuesOf({ ...valid, email })).toEqual([
      { field: 'email', message: 'must be a valid e-mail address' },
    ]);
  });

  it('names every missing field and every unknown one', () => {
    expect(
      issuesOf({ extra: 1 })
        .map((issue) => issue.field)
        .sort(),
    ).toEqual(['email', 'extra', 'password', 'username']);
  });
});

describe('passwordProblems', () => {
  it('accepts a password that meets the pool policy', () => {
    expect(passwordProblems('Passw0rdX')).toEqual([]);
  });

  it('names each broken rule', () => {
    expect(passwordProblems('abc')).toEqual([
      'must be at least 8 characters long',
      'must contain an upper-case letter',
      'must contain a digit',
    ]);
    expect(passwordProblems('PASSWORD1')).toEqual(['must contain a lower-case letter']);
    expect(passwordProblems(' Passw0rdX')).toEqual(['must not begin or end with a space']);
    expect(passwordProblems(`Aa1${'x'.repeat(254)}`)).toEqual(['must be at most 256 characters long']);
  });
});

describe('the profile update body', () => {
  it('trims the display name', () => {
    expect(updateProfileBody.parse({ displayName: '  Alice  ' })).toEqual({ displayName: 'Alice' });
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['too long', 'x'.repeat(65)],
    ['with a newline', 'a\nb'],
  ])('refuses a display name that is %s', (_, displayName) => {
    expect(updateProfileBody.safeParse({ displayName }).success).toBe(false);
  });
});

describe('the username prefix', () => {
  it('is lower-cased', () => {
    expect(usernamePrefixSchema.parse('Al')).toBe('al');
  });

  it.each(['', 'a b', 'x'.repeat(33)])('refuses %p', (prefix) => {
    expect(usernamePrefixSchema.safeParse(prefix).success).toBe(false);
  });
});
