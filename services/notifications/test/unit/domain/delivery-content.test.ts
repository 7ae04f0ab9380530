import { asciiSubject, deliveryContentOf } from '../../../src/domain/delivery-content';
import { aNotification } from '../../support/builders';

describe('deliveryContentOf', () => {
  it('says who, where and the preview for a mention', () => {
    const content = deliveryContentOf(aNotification({ preview: 'ship it @bob' }), {
      senderUsername: 'alice',
      room: { name: 'general', kind: 'room' },
    });

    expect(content.subject).toBe('@alice mentioned you in #general');
    expect(content.emailText).toBe(
      '@alice mentioned you in #general:\n\n"ship it @bob"\n\nOpen the chat to reply.\n',
    );
    expect(content.pushTitle).toBe('@alice mentioned you in #general');
    expect(content.pushBody).toBe('ship it @bob');
  });

  it('says "a room" and "Someone" when the room and the sender are unknown', () => {
    const content = deliveryContentOf(aNotification(), {});

    expect(content.subject).toBe('Someone mentioned you in a room');
  });

  it('words a DM notification as a direct message', () => {
    const content = deliveryContentOf(aNotification({ kind: 'dm' }), {
      senderUsername: 'alice',
      room: { name: '', kind: 'dm' },
    });

    expect(content.subject).toBe('@alice sent you a direct message');
  });

  it("words a reply as a reply to the recipient's message, with where it was written", () => {
    const content = deliveryContentOf(aNotification({ kind: 'reply', preview: 'agreed' }), {
      senderUsername: 'bob',
      room: { name: 'general', kind: 'room' },
    });

    expect(content.subject).toBe('@bob replied to your message in #general');
    expect(content.pushTitle).toBe('@bob replied to your message in #general');
    expect(content.pushBody).toBe('agreed');
  });

  it('words a mention inside a DM as one', () => {
    const content = deliveryContentOf(aNotification(), {
      senderUsername: 'alice',
      room: { name: '', kind: 'dm' },
    });

    expect(content.subject).toBe('@alice mentioned you in a direct message');
  });

  it('carries only the preview, never more of the message', () => {
    const preview = 'p'.repeat(140);
    const content = deliveryContentOf(aNotification({ preview }), { senderUsername: 'alice' });

    expect(content.emailText).toContain(preview);
    expect(content.emailText.length).toBeLessThan(140 + 100);
  });
});

describe('asciiSubject', () => {
  it('drops accents and replaces other non-ASCII characters', () => {
    expect(asciiSubject('@zoé mentioned you in #café ☕')).toBe('@zoe mentioned you in #cafe ?');
  });

  it('keeps the subject under 100 characters', () => {
    const subject = asciiSubject(`@alice mentioned you in #${'r'.repeat(200)}`);

    expect(subject.length).toBe(99);
    expect(subject.endsWith('...')).toBe(true);
  });
});
