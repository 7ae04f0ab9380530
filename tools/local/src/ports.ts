import { createServer } from 'node:net';

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * Fails at once, naming the variable to change, when one of the local stack's ports is taken (another
 * `npm start` still running, or some other program), instead of failing half-way through the start.
 */
export async function assertPortsFree(ports: Record<string, number>, host = '127.0.0.1'): Promise<void> {
  const taken: string[] = [];
  for (const [variable, port] of Object.entries(ports)) {
    if (!(await isFree(port, host))) taken.push(`${port} (${variable})`);
  }
  if (taken.length > 0) {
    throw new Error(
      `port ${taken.join(', ')} on ${host} is already in use. Stop the program using it (another ` +
        '`npm start`?) or choose other ports with the variables named.',
    );
  }
}
