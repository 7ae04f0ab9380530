import { isActiveMembership, MEMBERSHIP_ATTRIBUTES } from '@chat/memberships';
import { memberItem, storedMembershipOf } from '../../../src/adapters/items';
import { aMember } from '../../support/builders';

// Rooms writes the memberships table; @chat/memberships reads it for the other services. They must agree on
// what an item means.
describe('membership items and the readers’ rule', () => {
  it('a membership rooms writes counts as a member, whatever its role', () => {
    for (const role of ['owner', 'admin', 'member'] as const) {
      expect(isActiveMembership(memberItem(aMember({ role }), 'corr-1'))).toBe(true);
    }
  });

  it('a membership rooms has marked for removal no longer counts, and rooms reads the marker back', () => {
    const marked = {
      ...memberItem(aMember(), 'corr-1'),
      removalId: 'removal-1',
      removedBy: 'user-bob',
      [MEMBERSHIP_ATTRIBUTES.removalReason]: 'kicked',
    };

    expect(isActiveMembership(marked)).toBe(false);
    expect(storedMembershipOf(marked).removalReason).toBe('kicked');
  });
});
