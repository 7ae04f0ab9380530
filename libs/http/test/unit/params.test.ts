import { ValidationError } from '@chat/runtime';
import { idParam, integerQueryParam, limitParam, pathParam, queryParam } from '../../src';
import { anHttpEvent } from '../../src/testing';

function issuesOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('pathParam', () => {
  it('reads a path parameter', () => {
    expect(pathParam(anHttpEvent({ pathParameters: { roomId: 'r-1' } }), 'roomId')).toBe('r-1');
  });

  it('refuses a missing path parameter naming it', () => {
    expect(issuesOf(() => pathParam(anHttpEvent(), 'roomId'))).toEqual([
      { field: 'roomId', message: 'Required' },
    ]);
  });
});

describe('idParam', () => {
  const idOf = (value: string | undefined) =>
    idParam(anHttpEvent({ pathParameters: value === undefined ? {} : { roomId: value } }), 'roomId');

  it('reads ids as the services make them: ULIDs, dm_ ids, user pool subs, 128 characters', () => {
    for (const id of [
      '01HZY3Q8J9K2M4N6P8R0S2T4V6',
      'dm_01HZ_01HY',
      'a1b2c3d4-e5f6-7890-abcd-ef0123456789',
      'x'.repeat(128),
    ]) {
      expect(idOf(id)).toBe(id);
    }
  });

  it('refuses a missing or empty id naming the parameter', () => {
    expect(issuesOf(() => idOf(undefined))).toEqual([{ field: 'roomId', message: 'Required' }]);
    expect(issuesOf(() => idOf(''))).toEqual([{ field: 'roomId', message: 'Required' }]);
  });

  it.each([
    ['over 128 characters', 'x'.repeat(129)],
    ['5,000 characters (over a key limit)', 'x'.repeat(5000)],
    ['blank', ' '],
    ['control characters', '\r\n\t'],
    ['a key separator', 'ROOM#1'],
    ['a path separator', 'a/b'],
    ['non-ASCII', 'rööm'],
  ])('refuses an id with %s naming the parameter', (_, value) => {
    expect(issuesOf(() => idOf(value))).toEqual([
      { field: 'roomId', message: 'Must be an id: 1 to 128 characters of A-Z a-z 0-9 _ -' },
    ]);
  });
});

describe('queryParam', () => {
  it('reads a query parameter and treats an empty one as absent', () => {
    const event = anHttpEvent({ query: { prefix: 'ab', cursor: '' } });

    expect(queryParam(event, 'prefix')).toBe('ab');
    expect(queryParam(event, 'cursor')).toBeUndefined();
    expect(queryParam(event, 'other')).toBeUndefined();
  });
});

describe('integerQueryParam', () => {
  const range = { min: 1, max: 100 };

  it('reads an integer within the range', () => {
    expect(integerQueryParam(anHttpEvent({ query: { n: '100' } }), 'n', range)).toBe(100);
  });

  it('refuses a missing parameter without a default', () => {
    expect(issuesOf(() => integerQueryParam(anHttpEvent(), 'n', range))).toEqual([
      { field: 'n', message: 'Required' },
    ]);
  });

  it.each(['0', '101', '1.5', 'abc', '1e2', '-3', '99999999999999999999'])('refuses %p', (raw) => {
    expect(issuesOf(() => integerQueryParam(anHttpEvent({ query: { n: raw } }), 'n', range))).toEqual([
      { field: 'n', message: 'Must be an integer from 1 to 100' },
    ]);
  });
});

describe('limitParam', () => {
  it('defaults to the fallback when absent', () => {
    expect(limitParam(anHttpEvent(), 50)).toBe(50);
  });

  it('accepts 1 to 100 and refuses above', () => {
    expect(limitParam(anHttpEvent({ query: { limit: '1' } }))).toBe(1);
    expect(issuesOf(() => limitParam(anHttpEvent({ query: { limit: '101' } })))).toEqual([
      { field: 'limit', message: 'Must be an integer from 1 to 100' },
    ]);
  });
});
