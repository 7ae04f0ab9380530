/**
 * Fault injection for tests of PutEvents callers (the libs/events publisher must retry the entries
 * PutEvents reports as failed):
 *
 *   POST   /_local/faults  { "failNextEntries": 3, "errorCode"?: "InternalFailure", "errorMessage"?: "..." }
 *          -> the next 3 entries that would have been accepted fail instead, each with that per-entry
 *             ErrorCode/ErrorMessage (counted in FailedEntryCount, not published, no EventId)
 *   DELETE /_local/faults  -> no more injected failures
 *   GET    /_local/faults  -> { failNextEntries, errorCode, errorMessage } still armed
 *
 * Entries that are invalid anyway keep their own error and do not use up an injected failure.
 */

export interface FaultState {
  failNextEntries: number;
  errorCode: string;
  errorMessage: string;
}

export const NO_FAULTS: FaultState = {
  failNextEntries: 0,
  errorCode: 'InternalFailure',
  errorMessage: 'Injected failure (local EventBridge, POST /_local/faults)',
};

/** Reads a POST /_local/faults body; returns the new state or a problem to answer with 400. */
export function parseFaultRequest(body: unknown): FaultState | string {
  if (typeof body !== 'object' || body === null) return 'body must be a JSON object';
  const { failNextEntries, errorCode, errorMessage } = body as Record<string, unknown>;
  if (typeof failNextEntries !== 'number' || !Number.isInteger(failNextEntries) || failNextEntries < 0) {
    return 'failNextEntries must be a non-negative integer';
  }
  if (errorCode !== undefined && (typeof errorCode !== 'string' || errorCode === '')) {
    return 'errorCode must be a non-empty string';
  }
  if (errorMessage !== undefined && typeof errorMessage !== 'string') return 'errorMessage must be a string';
  return {
    failNextEntries,
    errorCode: errorCode ?? NO_FAULTS.errorCode,
    errorMessage: errorMessage ?? NO_FAULTS.errorMessage,
  };
}
