import { HEALTH_ENV, lazy, requireEnv } from '@chat/runtime';
import { documentClient } from './client';
import { getItem } from './items';

const probe = /* @__PURE__ */ lazy(() => ({
  tableName: requireEnv(HEALTH_ENV.probeTable),
  key: JSON.parse(requireEnv(HEALTH_ENV.probeKey)) as Record<string, string>,
}));

/**
 * The check of a service's `GET /health/<service>`: one GetItem on the table `healthRoute` names (of a key that
 * need not exist). It rejects when DynamoDB does not answer, so the route tells the truth.
 */
export async function tableAnswers(): Promise<void> {
  const { tableName, key } = probe();
  await getItem(documentClient(), tableName, key);
}
