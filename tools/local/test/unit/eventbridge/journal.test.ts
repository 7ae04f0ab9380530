import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deliveryJournal, type JournalEntry } from '../../../src/cloud/eventbridge/journal';

function anEntry(id: string, target = 'realtime.fanOut'): JournalEntry {
  return {
    rule: 'fan-out',
    target,
    event: {
      version: '0',
      id,
      'detail-type': 'MessageSent',
      source: 'chat.messaging',
      account: '000000000000',
      time: '2025-01-15T10:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: { data: { roomId: 'r1' } },
    },
  };
}

describe('deliveryJournal', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'journal-'));
    file = path.join(dir, 'deliveries.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the next run what was accepted and not settled, each delivery once', () => {
    const first = deliveryJournal(file);
    first.accepted([anEntry('e1'), anEntry('e2'), anEntry('e2', 'notifications.notify')]);
    first.settled(anEntry('e1'));

    expect(first.unfinished()).toEqual([]);
    expect(deliveryJournal(file).unfinished()).toEqual([
      anEntry('e2'),
      anEntry('e2', 'notifications.notify'),
    ]);
  });

  it('keeps what is still unfinished across several starts, and forgets it once settled', () => {
    deliveryJournal(file).accepted([anEntry('e1')]);
    const second = deliveryJournal(file);
    expect(second.unfinished()).toEqual([anEntry('e1')]);
    second.settled(anEntry('e1'));

    expect(deliveryJournal(file).unfinished()).toEqual([]);
  });

  it('ignores a line cut short by a kill', () => {
    deliveryJournal(file).accepted([anEntry('e1')]);
    appendFileSync(file, '{"add":{"rule":"fan-out","tar');

    expect(deliveryJournal(file).unfinished()).toEqual([anEntry('e1')]);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
