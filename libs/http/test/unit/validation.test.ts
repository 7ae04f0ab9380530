import * as z from 'zod';
import { fieldIssuesOf } from '../../src';

const schema = z.strictObject({ name: z.string(), size: z.number(), tags: z.array(z.string()).optional() });

function issuesOf(value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return fieldIssuesOf(result.error);
}

describe('fieldIssuesOf', () => {
  it('names each bad field, a missing one as Required, an unknown one as Unknown field', () => {
    expect(issuesOf({ size: 'big', extra: 1 })).toEqual([
      { field: 'name', message: 'Required' },
      { field: 'size', message: 'Invalid input: expected number, received string' },
      { field: 'extra', message: 'Unknown field' },
    ]);
  });

  it('names nested fields by their path and the whole body as body', () => {
    expect(issuesOf({ name: 'a', size: 1, tags: [1] })).toEqual([
      { field: 'tags.0', message: 'Invalid input: expected string, received number' },
    ]);
    expect(issuesOf(null)).toEqual([
      { field: 'body', message: 'Invalid input: expected object, received null' },
    ]);
  });
});
