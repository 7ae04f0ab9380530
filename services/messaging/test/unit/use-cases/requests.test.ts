import { createAttachmentBody, sendMessageBody } from '../../../src/domain/requests';

describe('request shapes', () => {
  it('drop a senderId from a send body: the sender is never taken from the request', () => {
    const body = sendMessageBody.parse({ text: 'hi', senderId: 'forged' });

    expect(body).toEqual({ text: 'hi', attachmentIds: [] });
  });

  it('refuse an attachment over 25 MiB with a clear message', () => {
    const result = createAttachmentBody.safeParse({
      fileName: 'a.png',
      contentType: 'image/png',
      size: 26214401,
    });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/25 MiB/);
  });
});
