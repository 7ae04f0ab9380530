import path from 'node:path';
import { loadComposition } from '../../../src/services/load-compose';
import type { LoadedService } from '../../../src/services/model';

/** The fixture composition (services alpha and beta) as the local stack loads it. */
export const FIXTURE_ROOT = path.join(__dirname, '../../fixtures/compose');

export function loadFixtureServices(): LoadedService[] {
  return loadComposition(FIXTURE_ROOT, {
    stage: 'local',
    region: 'us-east-1',
    accountId: '000000000000',
    env: {},
    generatedOutputs: { HttpApiId: 'localhttp' },
  });
}
