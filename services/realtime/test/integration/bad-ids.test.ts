import { api, closeAllSockets, connect, signedInUser, type ErrorBody } from '@chat/testing';

// Ids from clients (query strings, frames) are held to @chat/runtime's ID_PATTERN before they become keys: one
// that cannot be an id (5,000 characters, over DynamoDB's 2,048-byte key limit) is refused naming it.

const huge = 'x'.repeat(5000);

afterAll(() => closeAllSockets());

describe('realtime with ids that cannot be ids', () => {
  it('answers GET /presence with a 5,000-character user id with 400 naming userIds', async () => {
    const user = await signedInUser();

    const response = await api<ErrorBody>('GET', `/presence?userIds=${user.userId},${huge}`, { user });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        details: [
          { field: 'userIds', message: 'Each user id must be 1 to 128 characters of A-Z a-z 0-9 _ -' },
        ],
      },
    });
  });

  it('answers a typing frame whose roomId cannot be an id with a VALIDATION_FAILED frame, keeping the socket', async () => {
    const user = await signedInUser();
    const socket = await connect(user.accessToken);

    socket.send({ action: 'typing', roomId: huge });
    const refused = await socket.next('error');
    socket.send({ action: 'ping' });
    await socket.next('pong');

    expect(refused).toMatchObject({
      type: 'error',
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'roomId' }] },
    });
  });
});
