import { api, createRoom, signedInUser, type ErrorBody } from '@chat/testing';

// Path ids go through @chat/http's idParam: one that cannot be an id (here 5,000 characters, over DynamoDB's
// 2,048-byte key limit) is the contract's 400 naming the parameter, before any table is read.

const huge = 'x'.repeat(5000);

describe('rooms routes with path ids that cannot be ids', () => {
  it('answers a 5,000-character roomId or userId with 400 naming it', async () => {
    const owner = await signedInUser();
    const { roomId } = await createRoom(owner, { visibility: 'public' });

    const room = await api<ErrorBody>('GET', `/rooms/${huge}`, { user: owner });
    const member = await api<ErrorBody>('DELETE', `/rooms/${roomId}/members/${huge}`, { user: owner });

    for (const [response, field] of [
      [room, 'roomId'],
      [member, 'userId'],
    ] as const) {
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.any(String),
          details: [{ field, message: 'Must be an id: 1 to 128 characters of A-Z a-z 0-9 _ -' }],
        },
      });
    }
  });
});
