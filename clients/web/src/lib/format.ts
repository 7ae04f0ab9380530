/** Pure formatting for the message list and the room list (no DOM): times, days, sizes, names. */

export interface Dated {
  createdAt: string;
}

/** One row of a message list: a day separator or an item, the item flagged when it continues the sender's run. */
export type Row<T> =
  { kind: 'day'; key: string; label: string } | { kind: 'item'; item: T; continued: boolean };

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of an ISO time, `YYYY-MM-DD`. */
export function dayKey(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `Today`, `Yesterday`, a weekday within the week, else the date (with the year when it is not this one). */
export function dayLabel(iso: string, now: Date = new Date(), locale?: string): string {
  const date = new Date(iso);
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(now) - startOf(date)) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days > 1 && days < 7) return date.toLocaleDateString(locale, { weekday: 'long' });
  return date.toLocaleDateString(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
}

/** `14:05` (the locale's clock). */
export function timeLabel(iso: string, locale?: string): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

/** For the room list: the time today, `Yesterday`, a short weekday within the week, else a short date. */
export function shortWhen(iso: string, now: Date = new Date(), locale?: string): string {
  const label = dayLabel(iso, now, locale);
  if (label === 'Today') return timeLabel(iso, locale);
  if (label === 'Yesterday') return label;
  const date = new Date(iso);
  const days = (now.getTime() - date.getTime()) / 86_400_000;
  if (days < 7) return date.toLocaleDateString(locale, { weekday: 'short' });
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
}

/**
 * Day separators between items of different local days, and `continued` for an item from the same sender as
 * the one before within `groupMs` on the same day (shown without a repeated name).
 */
export function withDaySeparators<T extends Dated>(
  items: readonly T[],
  senderOf: (item: T) => string,
  now: Date = new Date(),
  groupMs = 5 * 60_000,
): Row<T>[] {
  const rows: Row<T>[] = [];
  let lastDay: string | undefined;
  let previous: T | undefined;
  for (const item of items) {
    const day = dayKey(item.createdAt);
    if (day !== lastDay) {
      rows.push({ kind: 'day', key: day, label: dayLabel(item.createdAt, now) });
      lastDay = day;
      previous = undefined;
    }
    const continued =
      previous !== undefined &&
      senderOf(previous) === senderOf(item) &&
      Date.parse(item.createdAt) - Date.parse(previous.createdAt) <= groupMs;
    rows.push({ kind: 'item', item, continued });
    previous = item;
  }
  return rows;
}

/** `512 B`, `1.5 KB`, `3.2 MB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Up to two letters for an avatar: `ada_l` → `AL`, `grace` → `GR`. */
export function initials(name: string): string {
  const parts = name
    .replace(/^@/, '')
    .split(/[\s._-]+/)
    .filter(Boolean);
  if (parts.length === 0) return '?';
  if (parts.length === 1) return (parts[0] as string).slice(0, 2).toUpperCase();
  return `${(parts[0] as string)[0]}${(parts[1] as string)[0]}`.toUpperCase();
}

/** A stable hue (0–359) for a user's avatar, from their id. */
export function hueOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i += 1) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % 360;
}

/** A badge: the count, `99+` above 99 (or when the server capped it). */
export function badgeLabel(count: number, capped = false): string {
  if (count <= 0) return '';
  return count > 99 || capped ? '99+' : String(count);
}

/** `Ada is typing…`, `Ada and Grace are typing…`, `Ada, Grace and 2 others are typing…`. */
export function typingLabel(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  const others = names.length - 2;
  return `${names[0]}, ${names[1]} and ${others} other${others === 1 ? '' : 's'} are typing…`;
}

/** What the connection state is shown as. */
export function connectionLabel(state: string): string {
  switch (state) {
    case 'connected':
      return 'Online';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'closed':
      return 'Offline';
    default:
      return 'Not connected';
  }
}
