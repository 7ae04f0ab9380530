import { mayDelete, mayEdit } from '../../../src/domain/permissions';

describe('message permissions', () => {
  it('let only the sender edit', () => {
    expect(mayEdit('alice', 'alice')).toBe(true);
    expect(mayEdit('bob', 'alice')).toBe(false);
  });

  it('let the sender delete whatever their role', () => {
    expect(mayDelete('alice', 'member', 'alice')).toBe(true);
  });

  it('let a room owner or admin delete anyone’s message, and a plain member nobody else’s', () => {
    expect(mayDelete('bob', 'owner', 'alice')).toBe(true);
    expect(mayDelete('bob', 'admin', 'alice')).toBe(true);
    expect(mayDelete('bob', 'member', 'alice')).toBe(false);
  });
});
