import {
  badgeLabel,
  connectionLabel,
  dayKey,
  dayLabel,
  formatBytes,
  hueOf,
  initials,
  shortWhen,
  typingLabel,
  withDaySeparators,
} from '../../src/lib/format';

/** A local time on a given day (the app shows local days). */
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).toISOString();
const now = new Date(2026, 11, 2, 15, 0);

describe('day labels', () => {
  it('says Today, Yesterday, a weekday within the week, else the date with the year when not this one', () => {
    expect(dayLabel(at(2026, 12, 2, 0, 1), now, 'en-GB')).toBe('Today');
    expect(dayLabel(at(2026, 12, 1, 23, 59), now, 'en-GB')).toBe('Yesterday');
    expect(dayLabel(at(2026, 11, 28), now, 'en-GB')).toBe('Saturday');
    expect(dayLabel(at(2026, 11, 2), now, 'en-GB')).toBe('Mon 2 Nov');
    expect(dayLabel(at(2025, 11, 2), now, 'en-GB')).toBe('Sun, 2 Nov 2025');
  });

  it('keys a time by its local day', () => {
    expect(dayKey(at(2026, 3, 7, 23, 30))).toBe('2026-03-07');
  });

  it('shows the time today, Yesterday, a short weekday, else a short date in the room list', () => {
    expect(shortWhen(at(2026, 12, 2, 9, 5), now, 'en-GB')).toBe('09:05');
    expect(shortWhen(at(2026, 12, 1), now, 'en-GB')).toBe('Yesterday');
    expect(shortWhen(at(2026, 11, 29), now, 'en-GB')).toBe('Sun');
    expect(shortWhen(at(2026, 10, 1), now, 'en-GB')).toBe('1 Oct');
  });
});

describe('withDaySeparators', () => {
  const message = (sender: string, createdAt: string) => ({ sender, createdAt });

  it('puts a separator before each new local day and groups a sender’s run within five minutes', () => {
    const rows = withDaySeparators(
      [
        message('ada', at(2026, 12, 1, 10, 0)),
        message('ada', at(2026, 12, 1, 10, 4)),
        message('ada', at(2026, 12, 1, 10, 10)),
        message('bob', at(2026, 12, 1, 10, 11)),
        message('bob', at(2026, 12, 2, 8, 0)),
      ],
      (m) => m.sender,
      now,
    );
    expect(
      rows.map((row) => (row.kind === 'day' ? row.label : `${row.item.sender}${row.continued ? '+' : ''}`)),
    ).toEqual(['Yesterday', 'ada', 'ada+', 'ada', 'bob', 'Today', 'bob']);
  });

  it('gives nothing for no messages', () => {
    expect(withDaySeparators([], () => '', now)).toEqual([]);
  });
});

describe('small labels', () => {
  it('formats sizes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatBytes(-1)).toBe('');
  });

  it('takes initials from a username', () => {
    expect(initials('ada_lovelace')).toBe('AL');
    expect(initials('grace')).toBe('GR');
    expect(initials('')).toBe('?');
  });

  it('gives a user the same hue every time', () => {
    expect(hueOf('u-1')).toBe(hueOf('u-1'));
    expect(hueOf('u-1')).toBeGreaterThanOrEqual(0);
    expect(hueOf('u-1')).toBeLessThan(360);
  });

  it('caps badges at 99+', () => {
    expect(badgeLabel(0)).toBe('');
    expect(badgeLabel(7)).toBe('7');
    expect(badgeLabel(100)).toBe('99+');
    expect(badgeLabel(12, true)).toBe('99+');
  });

  it('says who is typing', () => {
    expect(typingLabel([])).toBe('');
    expect(typingLabel(['ada'])).toBe('ada is typing…');
    expect(typingLabel(['ada', 'bob'])).toBe('ada and bob are typing…');
    expect(typingLabel(['ada', 'bob', 'cy'])).toBe('ada, bob and 1 other are typing…');
    expect(typingLabel(['ada', 'bob', 'cy', 'di'])).toBe('ada, bob and 2 others are typing…');
  });

  it('names the connection states', () => {
    expect(['connecting', 'connected', 'reconnecting', 'closed', 'idle'].map(connectionLabel)).toEqual([
      'Connecting…',
      'Online',
      'Reconnecting…',
      'Offline',
      'Not connected',
    ]);
  });
});
