import {
  aRoomWithMembers,
  api,
  closeAllSockets,
  connect,
  type ErrorBody,
  type SignedInUser,
} from '@chat/testing';
import { sent } from '../support/stack-api';

// Ids that cannot be keys (5,000 characters: over DynamoDB's 2,048-byte key limit) must be refused with the
// contract's 400 naming the id, before any table is read, on every route; formerly these answered 500.

const huge = 'x'.repeat(5000);

function expectIdRefused(response: { status: number; body: ErrorBody }, field: string): void {
  expect(response.status).toBe(400);
  expect(response.body).toEqual({
    error: {
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      details: [{ field, message: expect.any(String) }],
    },
  });
  expect(JSON.stringify(response.body)).not.toMatch(/dynamo|exception|stack|table/i);
}

interface Frame {
  type: string;
  clientMessageId?: string;
  error?: { code: string; message: string; details?: { field: string; message: string }[] };
}

afterAll(() => closeAllSockets());

describe('messaging routes with ids that cannot be ids', () => {
  let roomId: string;
  let owner: SignedInUser;
  let messageId: string;

  beforeAll(async () => {
    ({ roomId, owner } = await aRoomWithMembers(0));
    ({ messageId } = await sent(roomId, owner, 'a message to point at'));
  });

  const routes: [string, (ids: { roomId: string; messageId: string }) => [string, string, object?]][] = [
    ['send', ({ roomId: r }) => ['POST', `/rooms/${r}/messages`, { text: 'hi' }]],
    ['list history', ({ roomId: r }) => ['GET', `/rooms/${r}/messages`]],
    ['list changes', ({ roomId: r }) => ['GET', `/rooms/${r}/changes`]],
    ['edit', ({ roomId: r, messageId: m }) => ['PATCH', `/rooms/${r}/messages/${m}`, { text: 'edited' }]],
    ['delete', ({ roomId: r, messageId: m }) => ['DELETE', `/rooms/${r}/messages/${m}`]],
    [
      'create an attachment',
      ({ roomId: r }) => [
        'POST',
        `/rooms/${r}/attachments`,
        { fileName: 'a.txt', contentType: 'text/plain', size: 1 },
      ],
    ],
    ['get an attachment', ({ roomId: r }) => ['GET', `/rooms/${r}/attachments/01HZY3Q8J9K2M4N6P8R0S2T4V6`]],
    ['mark read', ({ roomId: r, messageId: m }) => ['PUT', `/rooms/${r}/read`, { messageId: m }]],
    ['count unread', ({ roomId: r }) => ['GET', `/rooms/${r}/unread`]],
    ['list receipts', ({ roomId: r }) => ['GET', `/rooms/${r}/receipts`]],
  ];

  it.each(routes)('%s: a 5,000-character roomId is a 400 naming roomId', async (_, route) => {
    const [method, path, body] = route({ roomId: huge, messageId });

    const response = await api<ErrorBody>(method, path, { user: owner, body });

    expectIdRefused(response, 'roomId');
  });

  it.each(routes.filter(([name]) => name === 'edit' || name === 'delete'))(
    '%s: a 5,000-character messageId is a 400 naming messageId',
    async (_, route) => {
      const [method, path, body] = route({ roomId, messageId: huge });

      const response = await api<ErrorBody>(method, path, { user: owner, body });

      expectIdRefused(response, 'messageId');
    },
  );

  it('get an attachment: a 5,000-character attachmentId is a 400 naming attachmentId', async () => {
    const response = await api<ErrorBody>('GET', `/rooms/${roomId}/attachments/${huge}`, { user: owner });

    expectIdRefused(response, 'attachmentId');
  });

  it('refuses ids in bodies and query strings that cannot be ids, naming them', async () => {
    const markRead = await api<ErrorBody>('PUT', `/rooms/${roomId}/read`, {
      user: owner,
      body: { messageId: huge },
    });
    const attachments = await api<ErrorBody>('POST', `/rooms/${roomId}/messages`, {
      user: owner,
      body: { text: 'with a bad attachment', attachmentIds: [huge] },
    });
    const unreads = await api<ErrorBody>('GET', `/unread?roomIds=${roomId},${huge}`, { user: owner });
    const before = await api<ErrorBody>('GET', `/rooms/${roomId}/messages?before=${huge}`, { user: owner });

    expectIdRefused(markRead, 'messageId');
    expectIdRefused(attachments, 'attachmentIds.0');
    expectIdRefused(unreads, 'roomIds');
    expectIdRefused(before, 'before');
  });

  it('still serves the room through the same routes with its real ids', async () => {
    const marked = await api('PUT', `/rooms/${roomId}/read`, { user: owner, body: { messageId } });
    const history = await api('GET', `/rooms/${roomId}/messages`, { user: owner });

    expect(marked.status).toBe(204);
    expect(history.status).toBe(200);
  });

  it('WebSocket sendMessage: a roomId that cannot be an id is a VALIDATION_FAILED error frame naming roomId', async () => {
    const client = await connect<Frame>(owner.accessToken);

    client.socket.send(
      JSON.stringify({ action: 'sendMessage', roomId: 'ROOM#1', text: 'hi', clientMessageId: 'bad-room' }),
    );
    const answer = await client.first((frame) => frame.clientMessageId === 'bad-room', 'the answer');

    expect(answer).toMatchObject({
      type: 'error',
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'roomId' }] },
    });
  });
});
