/** The stack started by the integration tests' global setup. */
export interface RunningStack {
  pid: number;
  dataDir: string;
  logFile: string;
}

/** Environment variable through which global setup hands the endpoints (endpoints.json) to the tests. */
export const STACK_ENV = 'CHAT_LOCAL_STACK';
