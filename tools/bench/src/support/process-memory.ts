import { readdirSync, readFileSync } from 'node:fs';

/**
 * Resident memory of a process group (the local stack runs in its own: its node process and the emulators it
 * started), from /proc: bytes per command name and in all. Linux only; elsewhere an empty reading.
 */
export interface GroupMemory {
  totalBytes: number;
  byCommand: Record<string, number>;
}

export function groupMemory(processGroupId: number): GroupMemory {
  const reading: GroupMemory = { totalBytes: 0, byCommand: {} };
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return reading;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command (which is in parentheses and may hold spaces): state ppid pgrp …
      const close = stat.lastIndexOf(')');
      const command = stat.slice(stat.indexOf('(') + 1, close);
      const pgrp = Number(stat.slice(close + 2).split(' ')[2]);
      if (pgrp !== processGroupId) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (!rss?.[1]) continue;
      const bytes = Number(rss[1]) * 1024;
      reading.totalBytes += bytes;
      reading.byCommand[command] = (reading.byCommand[command] ?? 0) + bytes;
    } catch {
      // The process ended while being read.
    }
  }
  return reading;
}
