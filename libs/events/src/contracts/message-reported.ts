import * as z from 'zod';
import { defineContract, type EventData } from './contract';
import { exampleIds } from './example-ids';
import { idSchema, isoTimeSchema } from './shared';

/** Why a member reports a message. */
export const reportReasonSchema = z.enum(['spam', 'abuse', 'other']);
/** A report's note: optional, at most this many characters. */
export const REPORT_NOTE_MAX_LENGTH = 500;

export const messageReportedContract = defineContract({
  detailType: 'MessageReported',
  source: 'chat.messaging',
  version: 1,
  description:
    'A member reported a message of a room to its owner and admins (once per reporter and message).',
  schema: z.object({
    reportId: idSchema,
    roomId: idSchema,
    messageId: idSchema,
    /** The sender of the reported message. */
    senderId: idSchema,
    reporterId: idSchema,
    reason: reportReasonSchema,
    /** The reporter's note; null when none was given. */
    note: z.string().max(REPORT_NOTE_MAX_LENGTH).nullable(),
    createdAt: isoTimeSchema,
  }),
  examples: [
    {
      reportId: '01JHF3Q1A2B3C4D5E6F7G8H9JK',
      roomId: exampleIds.generalRoom,
      messageId: exampleIds.firstMessage,
      senderId: exampleIds.alice,
      reporterId: exampleIds.bob,
      reason: 'spam',
      note: 'posted the same link ten times',
      createdAt: '2025-01-15T18:31:00.000Z',
    },
    {
      reportId: '01JHF3Q9Z8Y7X6W5V4T3S2R1QP',
      roomId: exampleIds.generalRoom,
      messageId: exampleIds.secondMessage,
      senderId: exampleIds.bob,
      reporterId: exampleIds.carol,
      reason: 'abuse',
      note: null,
      createdAt: '2025-01-15T18:32:00.000Z',
    },
  ],
});
export const messageReportedSchema = messageReportedContract.schema;
export type MessageReported = EventData<typeof messageReportedContract>;
