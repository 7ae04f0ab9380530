import { authenticator } from '@chat/auth-verifier';
import { accepted, httpHandler, idParam } from '@chat/http';
import { reportDependencies } from '../adapters/environment';
import { reportMessageBody } from '../domain/requests';
import { reportMessage } from '../use-cases/reports';

/** POST /rooms/{roomId}/messages/{messageId}/reports `{reason, note?}` → 202 (members; once per reporter). */
export const handler = httpHandler(
  { name: 'reportMessage', auth: authenticator, body: reportMessageBody },
  async ({ event, body, principal, correlationId, logger }) => {
    const roomId = idParam(event, 'roomId');
    const messageId = idParam(event, 'messageId');
    await reportMessage(reportDependencies, {
      roomId,
      messageId,
      reporterId: principal.userId,
      reason: body.reason,
      note: body.note ? body.note : null,
      correlationId,
    });
    logger.info('message reported', { roomId, messageId, reason: body.reason });
    return accepted();
  },
);
