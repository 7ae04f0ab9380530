import type { z } from 'zod';
import type { FieldIssue } from '@chat/runtime';

/** The name used for an issue about the whole body rather than one of its fields. */
export const ROOT_FIELD = 'body';

function fieldOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? ROOT_FIELD : path.map(String).join('.');
}

/** One `{field, message}` per zod issue; an unknown key is reported under its own name. */
export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldOf([...issue.path, key]), message: 'Unknown field' }))
      : [{ field: fieldOf(issue.path), message: issue.message }],
  );
}
