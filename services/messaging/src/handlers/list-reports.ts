import { authenticator } from '@chat/auth-verifier';
import { httpHandler, idParam, limitParam, ok, queryParam } from '@chat/http';
import { reportDependencies } from '../adapters/environment';
import { REPORTS_DEFAULT_LIMIT, REPORTS_MAX_LIMIT } from '../domain/reports';
import { listReports } from '../use-cases/reports';

/** GET /rooms/{roomId}/reports?limit=&cursor= (owner or admin) → 200 `{items, nextCursor}`, newest first. */
export const handler = httpHandler(
  { name: 'listReports', auth: authenticator },
  async ({ event, principal }) => {
    const cursor = queryParam(event, 'cursor');
    return ok(
      await listReports(reportDependencies, {
        roomId: idParam(event, 'roomId'),
        userId: principal.userId,
        limit: limitParam(event, REPORTS_DEFAULT_LIMIT, REPORTS_MAX_LIMIT),
        ...(cursor === undefined ? {} : { cursor }),
      }),
    );
  },
);
