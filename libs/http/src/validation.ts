import type * as z from 'zod';
import type { FieldIssue } from '@chat/runtime';

/** The name used for an issue about the whole body rather than one of its fields. */
export const ROOT_FIELD = 'body';

function fieldOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? ROOT_FIELD : path.map(String).join('.');
}

/** A missing field: zod words it as a type mismatch with `undefined` ("expected string, received undefined"). */
function isMissing(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
}

/**
 * One `{field, message}` per zod issue; an unknown key is reported under its own name, a missing field as
 * `Required` (not in zod's words, which name JavaScript's `undefined`).
 */
export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldOf([...issue.path, key]), message: 'Unknown field' }))
      : [{ field: fieldOf(issue.path), message: isMissing(issue) ? 'Required' : issue.message }],
  );
}
