import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConnectionInfo } from '../../../src/cloud/websocket-api/events';
import { connectionJournal } from '../../../src/cloud/websocket-api/journal';

const aConnection = (connectionId: string): ConnectionInfo => ({
  connectionId,
  connectedAt: 1_736_935_200_000,
  sourceIp: '127.0.0.1',
  userAgent: 'test',
  domainName: '127.0.0.1:3001',
  stage: 'local',
  apiId: 'local',
});

describe('connectionJournal', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'connections-'));
    file = path.join(dir, 'connections.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('tells the next run which connections were open when this one ended', () => {
    const first = connectionJournal(file);
    first.opened(aConnection('a'));
    first.opened(aConnection('b'));
    first.closed('a');

    expect(connectionJournal(file).leftOpen()).toEqual([aConnection('b')]);
  });

  it('forgets a left-open connection once the next run has closed it', () => {
    connectionJournal(file).opened(aConnection('a'));
    const second = connectionJournal(file);
    second.closed('a');
    second.opened(aConnection('c'));

    expect(connectionJournal(file).leftOpen()).toEqual([aConnection('c')]);
  });

  it('starts empty from a missing or unreadable file', () => {
    expect(connectionJournal(file).leftOpen()).toEqual([]);
    writeFileSync(file, '[{"connectionId":');
    expect(connectionJournal(file).leftOpen()).toEqual([]);
  });

  it('appends a line per open and close instead of rewriting what is open', () => {
    const journal = connectionJournal(file);
    for (let i = 0; i < 100; i += 1) journal.opened(aConnection(`c${i}`));
    const before = statSync(file).size;
    journal.opened(aConnection('one-more'));
    journal.closed('c0');

    expect(statSync(file).size - before).toBeLessThan(400);
    expect(connectionJournal(file).leftOpen()).toHaveLength(100);
  });

  it('reads a file whose last line was cut off by a kill', () => {
    const journal = connectionJournal(file);
    journal.opened(aConnection('a'));
    appendFileSync(file, '{"open":{"connectionId":"b"');

    expect(connectionJournal(file).leftOpen()).toEqual([aConnection('a')]);
  });
});
