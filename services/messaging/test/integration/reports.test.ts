import { aRoomWithMembers, as, signedInUser, type ErrorBody } from '@chat/testing';
import { eventsAbout, sent } from '../support/stack-api';

interface ReportBody {
  reportId: string;
  messageId: string;
  senderId: string;
  reporterId: string;
  reason: string;
  note: string | null;
  createdAt: string;
}

interface ReportPage {
  items: ReportBody[];
  nextCursor: string | null;
}

const reportsOf = (roomId: string, messageId: string) => `/rooms/${roomId}/messages/${messageId}/reports`;
const fieldsOf = (body: unknown) => ((body as ErrorBody).error.details ?? []).map((d) => d.field);

describe('reports of messages', () => {
  it('lets a member report a message once (202, MessageReported) and the owner list it, newest first', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(2);
    const [reporter, sender] = members as [(typeof members)[0], (typeof members)[0]];
    const first = await sent(roomId, sender, 'buy cheap watches');
    const second = await sent(roomId, sender, 'really cheap');

    const reported = await as(reporter).post(reportsOf(roomId, first.messageId), {
      reason: 'spam',
      note: '  ten times today ',
    });
    const again = await as(reporter).post(reportsOf(roomId, first.messageId), { reason: 'abuse' });
    await as(reporter).post(reportsOf(roomId, second.messageId), { reason: 'other' });
    const [event] = await eventsAbout('MessageReported', first.messageId);
    const page = await as(owner).get<ReportPage>(`/rooms/${roomId}/reports`);

    expect([reported.status, again.status]).toEqual([202, 202]);
    expect(event?.event.detail.data).toMatchObject({
      roomId,
      messageId: first.messageId,
      senderId: sender.userId,
      reporterId: reporter.userId,
      reason: 'spam',
      note: 'ten times today',
    });
    expect(page.status).toBe(200);
    expect(page.body.items.map((r) => [r.messageId, r.reason, r.note])).toEqual([
      [second.messageId, 'other', null],
      [first.messageId, 'spam', 'ten times today'],
    ]);
    expect(page.body.items[1]).toEqual({
      reportId: expect.any(String),
      messageId: first.messageId,
      senderId: sender.userId,
      reporterId: reporter.userId,
      reason: 'spam',
      note: 'ten times today',
      createdAt: expect.stringMatching(/Z$/),
    });
    expect(page.body.nextCursor).toBeNull();
    expect(await eventsAbout('MessageReported', first.messageId)).toHaveLength(1);
  });

  it('pages the list with an opaque cursor', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const reporter = members[0]!;
    const messages = [await sent(roomId, owner, 'a'), await sent(roomId, owner, 'b')];
    for (const m of messages) await as(reporter).post(reportsOf(roomId, m.messageId), { reason: 'other' });

    const first = await as(owner).get<ReportPage>(`/rooms/${roomId}/reports?limit=1`);
    const second = await as(owner).get<ReportPage>(
      `/rooms/${roomId}/reports?limit=1&cursor=${first.body.nextCursor}`,
    );
    const forged = await as(owner).get(`/rooms/${roomId}/reports?cursor=not-a-cursor`);

    expect([...first.body.items, ...second.body.items].map((r) => r.messageId)).toEqual([
      messages[1]!.messageId,
      messages[0]!.messageId,
    ]);
    expect(forged.status).toBe(400);
  });

  it('refuses: a member listing (403), a non-member reporting (404), an unknown message (404), a bad reason or a long note (400)', async () => {
    const { roomId, owner, members } = await aRoomWithMembers(1);
    const member = members[0]!;
    const stranger = await signedInUser();
    const message = await sent(roomId, owner, 'hello');

    const list = await as(member).get(`/rooms/${roomId}/reports`);
    const outsider = await as(stranger).post(reportsOf(roomId, message.messageId), { reason: 'spam' });
    const unknown = await as(member).post(reportsOf(roomId, '01JHF3N5P7Q9R1S3T5V7W9X1YZ'), {
      reason: 'spam',
    });
    const badReason = await as(member).post(reportsOf(roomId, message.messageId), { reason: 'boring' });
    const longNote = await as(member).post(reportsOf(roomId, message.messageId), {
      reason: 'other',
      note: 'n'.repeat(501),
    });
    const noReason = await as(member).post(reportsOf(roomId, message.messageId), {});

    expect([list.status, (list.body as ErrorBody).error.code]).toEqual([403, 'FORBIDDEN']);
    expect([outsider.status, unknown.status]).toEqual([404, 404]);
    expect([badReason.status, fieldsOf(badReason.body)]).toEqual([400, ['reason']]);
    expect([longNote.status, fieldsOf(longNote.body)]).toEqual([400, ['note']]);
    expect([noReason.status, fieldsOf(noReason.body)]).toEqual([400, ['reason']]);
  });
});
