import type { Logger } from '@chat/runtime';
import { frameRouteHandler, type WebSocketLambdaHandler } from '@chat/aws';
import { messenger } from '../adapters/environment';
import type { ConnectionMessenger } from '../use-cases/ports';
import { rejectFrame } from '../use-cases/reject-frame';

export function defaultRouteHandler(deps: {
  messenger: () => ConnectionMessenger;
  logger?: Logger;
}): WebSocketLambdaHandler {
  return frameRouteHandler('defaultRoute', deps, async ({ event, connectionId, logger }) => {
    const outcome = await rejectFrame({ messenger: deps.messenger() }, connectionId, event.body);
    logger.info('bad frame rejected', { outcome });
  });
}

/** `$default`: every frame no route matched (malformed JSON, missing or unknown action) → BAD_FRAME. */
export const handler = defaultRouteHandler({ messenger });
