import type { Message } from '../../src/domain/message';
import type { AttachmentRecord } from '../../src/use-cases/ports';
import type { SendMessageInput } from '../../src/use-cases/send-message';

export const ROOM = '01JHF3K8Z6W2Q9R4T7Y1A5V3XB';
export const OTHER_ROOM = '01JHF3KQ4N8M2P6R0S4T8V2W6Y';
export const ALICE = '3f1c2a7e-8b4d-4e2a-9c1f-5d6e7a8b9c0d';
export const BOB = '7a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d';
export const CAROL = 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f';

let sequence = 0;

/** A message id that sorts after every one made before it (ULID-shaped). */
export function aMessageId(): string {
  sequence += 1;
  return `01JHF3M2B4C6D8E0F2G4${String(sequence).padStart(6, '0')}`;
}

export function aMessage(overrides: Partial<Message> = {}): Message {
  return {
    roomId: ROOM,
    messageId: aMessageId(),
    senderId: ALICE,
    text: 'hello',
    mentions: [],
    attachments: [],
    createdAt: '2025-01-15T10:00:00.000Z',
    reactions: [],
    ...overrides,
  };
}

export function anAttachmentRecord(overrides: Partial<AttachmentRecord> = {}): AttachmentRecord {
  return {
    attachmentId: '01JHF3N0A2B4C6D8E0F2G4H6J8',
    roomId: ROOM,
    uploaderId: ALICE,
    fileName: 'diagram.png',
    contentType: 'image/png',
    size: 48213,
    createdAt: '2025-01-15T10:00:00.000Z',
    ...overrides,
  };
}

/** A send of `hello` by ALICE to ROOM, with overrides. */
export function aSend(overrides: Partial<SendMessageInput> = {}): SendMessageInput {
  return {
    roomId: ROOM,
    senderId: ALICE,
    text: 'hello',
    attachmentIds: [],
    correlationId: 'req-1',
    ...overrides,
  };
}
