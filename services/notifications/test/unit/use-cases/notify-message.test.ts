import type { MessageSent } from '@chat/events';
import { notificationOf } from '../../../src/domain/notification';
import { notifyMessage, type NotifyMessageDependencies } from '../../../src/use-cases/notify-message';
import { aMessage, alice, bob, carol, cause, dave, DM_ROOM, ROOM } from '../../support/builders';
import {
  FakeBlocks,
  FakeInbox,
  FakeMemberships,
  FakePreferences,
  FakePresence,
  silentLogger,
} from '../../support/fakes';

function setup() {
  const deps = {
    memberships: new FakeMemberships().add(ROOM, alice, bob, carol).add(DM_ROOM, alice, bob),
    blocks: new FakeBlocks(),
    preferences: new FakePreferences(),
    presence: new FakePresence(),
    inbox: new FakeInbox(),
    logger: silentLogger,
  } satisfies NotifyMessageDependencies;
  const inboxOf = (userId: string) => deps.inbox.entries.filter((e) => e.userId === userId);
  return { deps, inboxOf };
}

describe('notifyMessage', () => {
  it('keeps the channel choices it read (to check the mute) on the inbox item, for its delivery', async () => {
    const { deps, inboxOf } = setup();
    deps.preferences.set(bob, { email: false });

    await notifyMessage(deps, aMessage({ mentions: [bob] }), cause);

    expect(inboxOf(bob)[0]?.channels).toEqual({ email: false, push: true });
    expect(deps.preferences.reads).toBe(1);
  });

  it('adds one mention to the inbox of each mentioned member', async () => {
    const { deps, inboxOf } = setup();

    const outcome = await notifyMessage(deps, aMessage({ mentions: [bob, carol] }), cause);

    expect(outcome.notified).toEqual(
      expect.arrayContaining([
        { userId: bob, kind: 'mention' },
        { userId: carol, kind: 'mention' },
      ]),
    );
    expect(deps.inbox.entries).toHaveLength(2);
    expect(inboxOf(bob)[0]).toMatchObject({ notification: { kind: 'mention', fromUserId: alice }, cause });
  });

  it('never notifies the sender, even when they mention themselves', async () => {
    const { deps } = setup();

    const outcome = await notifyMessage(deps, aMessage({ mentions: [alice] }), cause);

    expect(deps.inbox.entries).toEqual([]);
    expect(outcome.skipped).toEqual([{ userId: alice, reason: 'sender' }]);
  });

  it('never notifies someone who is not a member of the room', async () => {
    const { deps } = setup();

    const outcome = await notifyMessage(deps, aMessage({ mentions: [dave] }), cause);

    expect(deps.inbox.entries).toEqual([]);
    expect(outcome.skipped).toEqual([{ userId: dave, reason: 'not-a-member' }]);
  });

  it('skips a member who muted the room and notifies the others', async () => {
    const { deps, inboxOf } = setup();
    deps.preferences.set(bob, { mutedRoomIds: [ROOM] });

    const outcome = await notifyMessage(deps, aMessage({ mentions: [bob, carol] }), cause);

    expect(inboxOf(bob)).toEqual([]);
    expect(inboxOf(carol)).toHaveLength(1);
    expect(outcome.skipped).toEqual([{ userId: bob, reason: 'muted' }]);
  });

  it('adds nothing the second time the same message arrives', async () => {
    const { deps } = setup();
    const message = aMessage({ mentions: [bob] });
    await notifyMessage(deps, message, cause);

    const again = await notifyMessage(deps, message, { ...cause, eventId: 'evt-2' });

    expect(deps.inbox.entries).toHaveLength(1);
    expect(again.skipped).toEqual([{ userId: bob, reason: 'already-notified' }]);
  });

  it('mentions each user once however often they are listed', async () => {
    const { deps } = setup();

    await notifyMessage(deps, aMessage({ mentions: [bob, bob] }), cause);

    expect(deps.inbox.entries).toHaveLength(1);
  });

  it('notifies the other member of a DM room while they are offline', async () => {
    const { deps, inboxOf } = setup();
    await deps.presence.record({ userId: bob, status: 'offline', lastSeenAt: '2025-01-15T09:00:00.000Z' });

    await notifyMessage(deps, aMessage({ roomId: DM_ROOM, mentions: [], text: 'ping' }), cause);

    expect(inboxOf(bob)).toHaveLength(1);
    expect(inboxOf(bob)[0]?.notification).toMatchObject({ kind: 'dm', roomId: DM_ROOM, preview: 'ping' });
    expect(inboxOf(alice)).toEqual([]);
  });

  it('counts a DM recipient whose presence is unknown as offline', async () => {
    const { deps, inboxOf } = setup();

    await notifyMessage(deps, aMessage({ roomId: DM_ROOM, mentions: [] }), cause);

    expect(inboxOf(bob)).toHaveLength(1);
  });

  it('does not notify an online DM recipient', async () => {
    const { deps } = setup();
    await deps.presence.record({ userId: bob, status: 'online', lastSeenAt: '2025-01-15T10:00:00.000Z' });

    const outcome = await notifyMessage(deps, aMessage({ roomId: DM_ROOM, mentions: [] }), cause);

    expect(deps.inbox.entries).toEqual([]);
    expect(outcome.skipped).toEqual([{ userId: bob, reason: 'online' }]);
  });

  it('notifies an online DM recipient who is mentioned, once, as a mention', async () => {
    const { deps, inboxOf } = setup();
    await deps.presence.record({ userId: bob, status: 'online', lastSeenAt: '2025-01-15T10:00:00.000Z' });

    await notifyMessage(deps, aMessage({ roomId: DM_ROOM, mentions: [bob] }), cause);

    expect(inboxOf(bob).map((e) => e.notification.kind)).toEqual(['mention']);
  });

  it('respects a muted DM room', async () => {
    const { deps } = setup();
    deps.preferences.set(bob, { mutedRoomIds: [DM_ROOM] });

    await notifyMessage(deps, aMessage({ roomId: DM_ROOM, mentions: [] }), cause);

    expect(deps.inbox.entries).toEqual([]);
  });

  it('does nothing for a plain room message without mentions', async () => {
    const { deps } = setup();

    const outcome = await notifyMessage(deps, aMessage({ mentions: [] }), cause);

    expect(outcome).toEqual({ notified: [], skipped: [] });
  });

  describe('a reply', () => {
    /** bob replies to a message of alice's: MessageSent names the parent's author as threadAuthorId. */
    const aReply = (overrides: Partial<MessageSent> = {}) =>
      aMessage({
        messageId: '01JHF3M2B4C6D8E0F2G4H6J8ZZ',
        senderId: bob,
        text: 'agreed',
        mentions: [],
        threadId: '01JHF3M2B4C6D8E0F2G4H6J8KM',
        threadAuthorId: alice,
        ...overrides,
      });

    it("notifies the parent's author once, as a reply from the replier", async () => {
      const { deps, inboxOf } = setup();

      const outcome = await notifyMessage(deps, aReply(), cause);

      expect(outcome).toEqual({ notified: [{ userId: alice, kind: 'reply' }], skipped: [] });
      expect(inboxOf(alice)).toEqual([
        {
          userId: alice,
          notification: notificationOf(alice, 'reply', aReply()),
          cause,
          channels: { email: true, push: true },
        },
      ]);
      expect(inboxOf(alice)[0]?.notification).toMatchObject({
        kind: 'reply',
        fromUserId: bob,
        preview: 'agreed',
      });
    });

    it('notifies no one when the author replies to their own message', async () => {
      const { deps } = setup();

      const outcome = await notifyMessage(deps, aReply({ senderId: alice }), cause);

      expect(deps.inbox.entries).toEqual([]);
      expect(outcome.skipped).toEqual([{ userId: alice, reason: 'sender' }]);
    });

    it("skips the parent's author when they muted the room", async () => {
      const { deps } = setup();
      deps.preferences.set(alice, { mutedRoomIds: [ROOM] });

      const outcome = await notifyMessage(deps, aReply(), cause);

      expect(deps.inbox.entries).toEqual([]);
      expect(outcome.skipped).toEqual([{ userId: alice, reason: 'muted' }]);
    });

    it("skips the parent's author when they are no longer a member", async () => {
      const { deps } = setup();

      const outcome = await notifyMessage(deps, aReply({ threadAuthorId: dave }), cause);

      expect(deps.inbox.entries).toEqual([]);
      expect(outcome.skipped).toEqual([{ userId: dave, reason: 'not-a-member' }]);
    });

    it('adds nothing when the same reply arrives again', async () => {
      const { deps } = setup();
      await notifyMessage(deps, aReply(), cause);

      const again = await notifyMessage(deps, aReply(), { ...cause, eventId: 'evt-2' });

      expect(deps.inbox.entries).toHaveLength(1);
      expect(again.skipped).toEqual([{ userId: alice, reason: 'already-notified' }]);
    });

    it("that also mentions the parent's author gives them one notification, a mention", async () => {
      const { deps, inboxOf } = setup();

      await notifyMessage(deps, aReply({ mentions: [alice, carol] }), cause);

      expect(inboxOf(alice).map((e) => e.notification.kind)).toEqual(['mention']);
      expect(inboxOf(carol).map((e) => e.notification.kind)).toEqual(['mention']);
    });

    it('ignores a threadAuthorId on a message that is not a reply', async () => {
      const { deps } = setup();

      const outcome = await notifyMessage(deps, aReply({ threadId: undefined }), cause);

      expect(outcome).toEqual({ notified: [], skipped: [] });
    });

    it('in a DM room notifies the other member as a reply, online or not', async () => {
      const { deps, inboxOf } = setup();
      await deps.presence.record({ userId: alice, status: 'online', lastSeenAt: '2025-01-15T10:00:00.000Z' });

      await notifyMessage(deps, aReply({ roomId: DM_ROOM }), cause);

      expect(inboxOf(alice).map((e) => e.notification.kind)).toEqual(['reply']);
    });
  });

  it('fails when the inbox fails, and a retry adds only what is missing', async () => {
    const { deps } = setup();
    deps.inbox.failOnAdd = 2;
    const message = aMessage({ mentions: [bob, carol] });

    await expect(notifyMessage(deps, message, cause)).rejects.toThrow('inbox unavailable');
    await notifyMessage(deps, message, cause);

    expect(deps.inbox.entries.map((e) => e.userId).sort()).toEqual([bob, carol].sort());
  });

  describe('blocks', () => {
    it('notifies no mentioned user who blocked the sender, and still the others', async () => {
      const { deps, inboxOf } = setup();
      deps.blocks.block(bob, alice);

      const outcome = await notifyMessage(deps, aMessage({ senderId: alice, mentions: [bob, carol] }), cause);

      expect(inboxOf(bob)).toEqual([]);
      expect(inboxOf(carol)).toHaveLength(1);
      expect(outcome.skipped).toContainEqual({ userId: bob, reason: 'blocked' });
    });

    it('sends no DM notification to the member who blocked the sender', async () => {
      const { deps, inboxOf } = setup();
      deps.blocks.block(bob, alice);

      await notifyMessage(deps, aMessage({ roomId: DM_ROOM, senderId: alice, mentions: [] }), cause);

      expect(inboxOf(bob)).toEqual([]);
    });

    it('notifies the blocker of a user they did not block', async () => {
      const { deps, inboxOf } = setup();
      deps.blocks.block(bob, carol);

      await notifyMessage(deps, aMessage({ senderId: alice, mentions: [bob] }), cause);

      expect(inboxOf(bob)).toHaveLength(1);
    });
  });
});
