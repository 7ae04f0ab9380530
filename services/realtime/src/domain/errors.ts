import { NotFoundError, RateLimitedError, UnauthenticatedError } from '@chat/runtime';

/** Not a member: reported as "not found" so that a private room's existence does not leak. */
export class RoomNotFoundError extends NotFoundError {
  constructor() {
    super('The room was not found');
  }
}

/** A frame on a connection this service has no record of (it was closed or swept). */
export class UnknownConnectionError extends UnauthenticatedError {
  constructor() {
    super('The connection is not authenticated');
  }
}

/**
 * Some frames of a fan-out could not be posted after the retries: the invocation fails, so that EventBridge
 * (Lambda's asynchronous retries) delivers the event again. Connections that did get the frame get it again;
 * clients drop the copy by its eventId.
 */
export class DeliveryIncompleteError extends Error {
  constructor(readonly report: DeliveryReport) {
    super(`${report.failed} of ${report.sent + report.gone + report.failed} frames not delivered`);
    this.name = 'DeliveryIncompleteError';
  }
}

/** What a fan-out did: frames posted, connections found gone (410, their records deleted), failures. */
export interface DeliveryReport {
  recipients: number;
  sent: number;
  gone: number;
  failed: number;
}

/** The user already has the most open connections allowed: the handshake is refused with 429. */
export class TooManyConnectionsError extends RateLimitedError {
  constructor(max: number) {
    super(1, `At most ${max} open WebSocket connections per user; close one first`);
  }
}
