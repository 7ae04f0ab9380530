export { BLOCK_ATTRIBUTES, MEMBERSHIP_ATTRIBUTES, MEMBERSHIPS_INDEXES } from './names';
export { activeMembership, isActiveMembership, type Membership } from './membership';
export { membershipReader, type MembershipPage, type MembershipReader, type PageOptions } from './reader';
export { blockReader, type BlockReader } from './blocks';
