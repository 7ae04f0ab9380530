import { createServer } from 'node:net';

/** Every server of the local stack binds here, never to all interfaces. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Resolves true when nothing listens on host:port (a port of 0 is always free). */
export function isPortFree(port: number, host = LOOPBACK_HOST): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * Fails at once, naming the variable to change, when one of the local stack's ports is taken (another
 * `npm start` still running, or some other program), instead of failing half-way through the start.
 */
export async function assertPortsFree(ports: Record<string, number>, host = LOOPBACK_HOST): Promise<void> {
  const taken: string[] = [];
  for (const [variable, port] of Object.entries(ports)) {
    if (!(await isPortFree(port, host))) taken.push(`${port} (${variable})`);
  }
  if (taken.length > 0) {
    throw new Error(
      `port ${taken.join(', ')} on ${host} is already in use. Stop the program using it (another ` +
        '`npm start`?) or choose other ports with the variables named.',
    );
  }
}
