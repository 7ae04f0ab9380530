import {
  FilterPolicyError,
  matchesFilterPolicy,
  parseFilterPolicy,
} from '../../../src/cloud/sns/filter-policy';
import type { SnsMessageAttributes } from '../../../src/cloud/sns/types';

const text = (value: string) => ({ DataType: 'String', StringValue: value });
const number = (value: number) => ({ DataType: 'Number', StringValue: String(value) });
const array = (values: unknown[]) => ({ DataType: 'String.Array', StringValue: JSON.stringify(values) });

function matches(policy: object, attributes: SnsMessageAttributes): boolean {
  return matchesFilterPolicy(parseFilterPolicy(JSON.stringify(policy)), attributes);
}

describe('filter policy matching (MessageAttributes scope)', () => {
  it('matches an exact string against one of the listed values', () => {
    // Arrange
    const policy = { kind: ['mention', 'dm'] };

    // Act / Assert
    expect(matches(policy, { kind: text('dm') })).toBe(true);
    expect(matches(policy, { kind: text('reply') })).toBe(false);
    expect(matches(policy, { kind: text('DM') })).toBe(false);
  });

  it('requires every key of the policy to match', () => {
    // Arrange
    const policy = { kind: ['mention'], channel: ['email'] };

    // Act / Assert
    expect(matches(policy, { kind: text('mention'), channel: text('email') })).toBe(true);
    expect(matches(policy, { kind: text('mention'), channel: text('push') })).toBe(false);
    expect(matches(policy, { kind: text('mention') })).toBe(false);
  });

  it('does not match a message without the attribute, except for exists false', () => {
    // Arrange / Act / Assert
    expect(matches({ kind: [{ 'anything-but': 'dm' }] }, {})).toBe(false);
    expect(matches({ kind: [{ exists: false }] }, {})).toBe(true);
    expect(matches({ kind: [{ exists: false }] }, { kind: text('dm') })).toBe(false);
    expect(matches({ kind: [{ exists: true }] }, { kind: text('dm') })).toBe(true);
    expect(matches({ kind: [{ exists: true }] }, {})).toBe(false);
  });

  it('matches anything but the listed values, or anything but a prefix', () => {
    // Arrange
    const values = { kind: [{ 'anything-but': ['dm', 'system'] }] };
    const prefix = { room: [{ 'anything-but': { prefix: 'muted-' } }] };

    // Act / Assert
    expect(matches(values, { kind: text('mention') })).toBe(true);
    expect(matches(values, { kind: text('system') })).toBe(false);
    expect(matches(prefix, { room: text('general') })).toBe(true);
    expect(matches(prefix, { room: text('muted-general') })).toBe(false);
  });

  it('matches prefix, suffix and equals-ignore-case on strings only', () => {
    // Arrange / Act / Assert
    expect(matches({ email: [{ prefix: 'ada' }] }, { email: text('ada@example.com') })).toBe(true);
    expect(matches({ email: [{ prefix: 'bob' }] }, { email: text('ada@example.com') })).toBe(false);
    expect(matches({ email: [{ suffix: '@example.com' }] }, { email: text('ada@example.com') })).toBe(true);
    expect(matches({ kind: [{ 'equals-ignore-case': 'DM' }] }, { kind: text('dm') })).toBe(true);
    expect(matches({ code: [{ prefix: '4' }] }, { code: number(404) })).toBe(false);
  });

  it('compares Number attributes with numeric conditions and ranges', () => {
    // Arrange
    const range = { count: [{ numeric: ['>', 0, '<=', 5] }] };

    // Act / Assert
    expect(matches(range, { count: number(5) })).toBe(true);
    expect(matches(range, { count: number(0) })).toBe(false);
    expect(matches(range, { count: number(5.5) })).toBe(false);
    expect(matches({ count: [{ numeric: ['=', 3] }] }, { count: number(3) })).toBe(true);
    expect(matches({ count: [3] }, { count: number(3) })).toBe(true);
    expect(matches({ count: [{ numeric: ['>=', 1] }] }, { count: text('3') })).toBe(false);
  });

  it('matches a String.Array attribute when one of its elements matches', () => {
    // Arrange
    const policy = { channels: ['push'] };

    // Act / Assert
    expect(matches(policy, { channels: array(['email', 'push']) })).toBe(true);
    expect(matches(policy, { channels: array(['email']) })).toBe(false);
    expect(matches({ ids: [{ numeric: ['>', 10] }] }, { ids: array([1, 20]) })).toBe(true);
  });

  it('lets a Binary attribute count only for exists', () => {
    // Arrange
    const attributes = { blob: { DataType: 'Binary', BinaryValue: 'AQID' } };

    // Act / Assert
    expect(matches({ blob: ['AQID'] }, attributes)).toBe(false);
    expect(matches({ blob: [{ exists: true }] }, attributes)).toBe(true);
  });

  it('requires one of the $or alternatives as well as the other keys', () => {
    // Arrange
    const policy = { kind: ['mention'], $or: [{ channel: ['email'] }, { urgent: [{ exists: true }] }] };

    // Act / Assert
    expect(matches(policy, { kind: text('mention'), channel: text('email') })).toBe(true);
    expect(matches(policy, { kind: text('mention'), urgent: text('yes') })).toBe(true);
    expect(matches(policy, { kind: text('mention'), channel: text('push') })).toBe(false);
    expect(matches(policy, { kind: text('dm'), channel: text('email') })).toBe(false);
  });

  it.each([
    ['not JSON', '{kind:'],
    ['not an object', '["a"]'],
    ['a key without a list', '{"kind":"dm"}'],
    ['an empty list', '{"kind":[]}'],
    ['a nested key', '{"detail":{"kind":["dm"]}}'],
    ['an unknown operator', '{"kind":[{"regex":"d.*"}]}'],
    ['two operators in one condition', '{"kind":[{"prefix":"a","suffix":"b"}]}'],
    ['a bad numeric condition', '{"n":[{"numeric":["~",1]}]}'],
    ['a numeric range upside down', '{"n":[{"numeric":["<",5,">",1]}]}'],
    ['exists with a string', '{"n":[{"exists":"yes"}]}'],
    ['an empty policy', '{}'],
  ])('refuses %s', (_case, policy) => {
    // Act / Assert
    expect(() => parseFilterPolicy(policy)).toThrow(FilterPolicyError);
  });
});
