import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/** The WebSocket URL of a user's connection to the local stack's API. */
export const socketUrl = (webSocketEndpoint: string, accessToken: string) =>
  `${webSocketEndpoint}/?token=${encodeURIComponent(accessToken)}`;

/**
 * Opens a WebSocket and resolves once the handshake completed, with how long that took (ms, from the request);
 * rejects on a refused handshake or after `timeoutMs`. Frames go to `onFrame` as parsed JSON.
 */
export function openSocket<F = unknown>(
  url: string,
  onFrame?: (frame: F) => void,
  timeoutMs = 60_000,
): Promise<{ socket: WebSocket; handshakeMs: number }> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
    if (onFrame) socket.on('message', (data) => onFrame(JSON.parse(data.toString()) as F));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => {
      socket.terminate();
      reject(new Error(`handshake refused: ${res.statusCode}`));
    });
    socket.once('open', () => resolve({ socket, handshakeMs: performance.now() - began }));
  });
}

/** Closes the sockets (the close handshake, else terminated after 5 s) and resolves once all are closed. */
export function closeSockets(sockets: readonly WebSocket[]): Promise<void> {
  return Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          socket.once('close', () => resolve());
          socket.close();
          setTimeout(() => {
            socket.terminate();
            resolve();
          }, 5000).unref();
        }),
    ),
  ).then(() => undefined);
}
