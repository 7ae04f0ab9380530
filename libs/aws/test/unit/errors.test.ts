import { cancellationReasons, isConditionalCheckFailed } from '../../src';

const named = (name: string, extra: object = {}) => Object.assign(new Error(name), { name }, extra);

describe('isConditionalCheckFailed', () => {
  it('recognises the error DynamoDB answers a failed condition with', () => {
    expect(isConditionalCheckFailed(named('ConditionalCheckFailedException'))).toBe(true);
  });

  it.each([
    named('ValidationException'),
    named('TransactionCanceledException'),
    'ConditionalCheckFailedException',
  ])('is false for %p', (error) => {
    expect(isConditionalCheckFailed(error)).toBe(false);
  });
});

describe('cancellationReasons', () => {
  it("gives each item's reason code of a cancelled transaction, in order", () => {
    const error = named('TransactionCanceledException', {
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'no' }, {}],
    });

    expect(cancellationReasons(error)).toEqual(['None', 'ConditionalCheckFailed', undefined]);
  });

  it('is empty for a cancelled transaction DynamoDB gave no reasons for', () => {
    expect(cancellationReasons(named('TransactionCanceledException'))).toEqual([]);
  });

  it('is undefined for any other error', () => {
    expect(cancellationReasons(named('ConditionalCheckFailedException'))).toBeUndefined();
    expect(cancellationReasons(undefined)).toBeUndefined();
  });
});
