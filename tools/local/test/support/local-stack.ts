import type { LocalEndpoints } from '../../src/stack';
import { STACK_ENV } from './stack-handle';

/** Endpoints of the local stack the integration tests run against (started once by global setup). */
export function localStack(): LocalEndpoints {
  const raw = process.env[STACK_ENV];
  if (!raw)
    throw new Error(`${STACK_ENV} is not set: run integration tests through jest's integration project`);
  return JSON.parse(raw) as LocalEndpoints;
}
