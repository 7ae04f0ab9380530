import { buildEvent, messageSentContract, type MessageSent } from '@chat/events';
import { matchesPattern } from '@chat/local';
import config from '../../../serverless';
import { aMessage, DM_ROOM, alice, bob } from '../../support/builders';

/** The rule of notifyMentions, as serverless.ts declares it, evaluated with Event Ruler semantics. */
function ruleMatches(message: MessageSent): boolean {
  const events = config.functions?.notifyMentions?.events ?? [];
  const rule = events[0] as { eventBridge: { pattern: Record<string, unknown> } } | undefined;
  if (!rule) throw new Error('notifyMentions has no rule');
  return matchesPattern(rule.eventBridge.pattern, {
    source: messageSentContract.source,
    'detail-type': messageSentContract.detailType,
    detail: buildEvent(messageSentContract, message, { producer: 'test' }),
  });
}

describe('the notifyMentions rule', () => {
  it('matches a message with a mention', () => {
    expect(ruleMatches(aMessage({ mentions: [bob] }))).toBe(true);
  });

  it('matches a message in a DM room, even without mentions', () => {
    expect(ruleMatches(aMessage({ roomId: DM_ROOM, mentions: [] }))).toBe(true);
  });

  it("matches a reply without mentions (it names its parent's author)", () => {
    expect(
      ruleMatches(aMessage({ senderId: bob, mentions: [], threadId: 'parent-1', threadAuthorId: alice })),
    ).toBe(true);
  });

  it('does not match a plain room message without mentions', () => {
    expect(ruleMatches(aMessage({ mentions: [] }))).toBe(false);
  });
});
