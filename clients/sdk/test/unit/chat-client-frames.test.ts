import { ChatClient, type ServerFrame, type WebSocketLike } from '@chat/client';

/** A socket that opens at once and lets the test push frames. */
class FakeSocket implements WebSocketLike {
  static last: FakeSocket | undefined;
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason?: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  sent: string[] = [];

  constructor(readonly url: string) {
    FakeSocket.last = this;
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(code = 1000): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }

  push(frame: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const session = {
  userId: 'u1',
  accessToken: `${base64url({ alg: 'none' })}.${base64url({ sub: 'u1', exp: 4102444800 })}.x`,
  idToken: 'id',
  refreshToken: 'refresh',
  expiresAt: 4102444800000,
};

describe('ChatClient frame events', () => {
  it('tells every pushed frame once, the ones it also handles itself included', async () => {
    const chat = new ChatClient({
      httpUrl: 'http://127.0.0.1:1',
      wsUrl: 'ws://127.0.0.1:1',
      WebSocket: FakeSocket,
      fetch: () => Promise.reject(new Error('no network in unit tests')),
      session,
    });
    const frames: ServerFrame[] = [];
    const presence: string[] = [];
    chat.on('frame', (frame) => frames.push(frame));
    chat.on('presence', (change) => presence.push(`${change.userId}:${change.status}`));
    await chat.connect();
    const socket = FakeSocket.last as FakeSocket;

    const read = { type: 'read.updated', eventId: 'e1', roomId: 'r9', userId: 'u2', messageId: 'm1', seq: 1 };
    socket.push(read);
    socket.push(read); // a repeat of the same event
    socket.push({
      type: 'presence.changed',
      eventId: 'e2',
      userId: 'u2',
      status: 'online',
      lastSeenAt: null,
    });
    socket.push({
      type: 'message.sent',
      eventId: 'e3',
      roomId: 'r9',
      version: 4,
      message: { messageId: 'm2' },
    });

    expect(frames.map((frame) => frame.eventId)).toEqual(['e1', 'e2', 'e3']);
    expect(frames[0]).toEqual(read);
    expect(presence).toEqual(['u2:online']);
    await chat.close();
  });
});
