import { contractReader, eventConsumer, userDeletedContract } from '@chat/events';
import { positiveIntegerEnv } from '@chat/runtime';
import { idempotencyGuard, storageDependencies, userContent } from '../adapters/environment';
import { ENV } from '../adapters/names';
import { eraseUserContent } from '../use-cases/erase-user-content';

/**
 * UserDeleted → the user's messages become tombstones (attachments deleted), their reactions and read markers go.
 * A run that reaches its budget throws and is delivered again; it resumes where it stopped.
 */
export const handler = eventConsumer(
  { name: 'eraseUserContent', guard: idempotencyGuard('messaging.erase-user-content') },
  contractReader(userDeletedContract, ({ data }) => ({ userId: data.userId })),
  async ({ data, metadata }) => {
    const deps = storageDependencies;
    return eraseUserContent(
      {
        clock: deps.clock,
        messages: deps.messages,
        attachments: deps.attachments,
        objects: deps.objects,
        content: userContent(),
      },
      {
        userId: data.userId,
        correlationId: metadata.correlationId,
        deadline: deps.clock.now().getTime() + positiveIntegerEnv(ENV.erasureBudgetSeconds) * 1000,
      },
    );
  },
);
