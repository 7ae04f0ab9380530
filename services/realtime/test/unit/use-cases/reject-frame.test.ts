import { badFrameReason } from '../../../src/use-cases/reject-frame';

describe('badFrameReason', () => {
  it.each([
    [undefined, 'Frame is empty'],
    ['  ', 'Frame is empty'],
    ['{"action":', 'Frame is not valid JSON'],
    ['[1,2]', 'Frame must be a JSON object'],
    ['"ping"', 'Frame must be a JSON object'],
    ['null', 'Frame must be a JSON object'],
    ['{"roomId":"r-1"}', 'Frame has no "action"'],
    ['{"action":42}', 'Frame has no "action"'],
    ['{"action":"dance"}', 'Unknown action "dance"'],
  ])('explains why %p cannot be handled: %s', (body, reason) => {
    expect(badFrameReason(body)).toBe(reason);
  });

  it('truncates a long unknown action in the reason', () => {
    const reason = badFrameReason(JSON.stringify({ action: 'x'.repeat(500) }));

    expect(reason.length).toBeLessThan(100);
  });
});
