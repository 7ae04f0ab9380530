import type { Notification } from './notification';

/** Who and where, as far as the service knows them (from its projections of UserRegistered / RoomCreated). */
export interface DeliveryContext {
  /** The sender's username, when known. */
  senderUsername?: string;
  /** The room's name and kind, when known. */
  room?: { name: string; kind: 'room' | 'dm' };
}

/** What one SNS publish carries: a subject, the e-mail text, and the push title/body. */
export interface DeliveryContent {
  /** E-mail subject: printable ASCII, under 100 characters (SNS's rules for Subject). */
  subject: string;
  /** Plain-text e-mail body. */
  emailText: string;
  /** Push notification title and body. */
  pushTitle: string;
  pushBody: string;
}

const MAX_SUBJECT_LENGTH = 99;
const MAX_PUSH_TITLE_LENGTH = 100;
const MAX_ROOM_NAME_LENGTH = 60;

function clip(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}

/**
 * SNS takes only printable ASCII in a Subject, starting with a letter, digit or punctuation, under 100
 * characters: accents are dropped (é → e), anything else non-ASCII becomes `?`.
 */
export function asciiSubject(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
  const subject = ascii === '' ? 'Notification' : ascii;
  return subject.length <= MAX_SUBJECT_LENGTH ? subject : `${subject.slice(0, MAX_SUBJECT_LENGTH - 3)}...`;
}

function whereOf(context: DeliveryContext): string {
  if (context.room?.kind === 'dm') return 'a direct message';
  const name = context.room?.name.trim();
  return name ? `#${clip(name, MAX_ROOM_NAME_LENGTH)}` : 'a room';
}

function headlineOf(kind: Notification['kind'], who: string, context: DeliveryContext): string {
  switch (kind) {
    case 'dm':
      return `${who} sent you a direct message`;
    case 'reply':
      return `${who} replied to your message in ${whereOf(context)}`;
    case 'mention':
      return `${who} mentioned you in ${whereOf(context)}`;
  }
}

/**
 * The e-mail and push text of a notification: who (the sender's @username, or "Someone"), where (the room's
 * name, "a direct message", or "a room" when the name is unknown) and the preview (at most 140 characters).
 * Never the message's full text: the preview is all a notification carries.
 */
export function deliveryContentOf(notification: Notification, context: DeliveryContext): DeliveryContent {
  const who = context.senderUsername ? `@${context.senderUsername}` : 'Someone';
  const headline = headlineOf(notification.kind, who, context);
  const quoted = notification.preview === '' ? '' : `\n\n"${notification.preview}"`;
  return {
    subject: asciiSubject(headline),
    emailText: `${headline}:${quoted}\n\nOpen the chat to reply.\n`,
    pushTitle: clip(headline, MAX_PUSH_TITLE_LENGTH),
    pushBody: notification.preview,
  };
}
