import path from 'node:path';
import {
  dynamoDbLocalJavaArgs,
  JVM_FOOTPRINT_ARGS,
  isPortInUseLine,
  parseJavaMajorVersion,
  parseListeningLine,
} from '../../../src/dynamodb/emulator';
import { dynamoDbLocalDir, DYNAMODB_LOCAL_NPM_VERSION } from '../../../src/dynamodb/emulator-package';

describe('parseJavaMajorVersion', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['java version "21" 2023-09-19', 21],
    ['openjdk version "11.0.2" 2019-01-15', 11],
    ['java version "1.8.0_392"', 8],
    ['no version here', undefined],
  ])('reads %p as %p', (output, major) => {
    expect(parseJavaMajorVersion(output)).toBe(major);
  });
});

describe('dynamoDbLocalJavaArgs', () => {
  const dirs = { emulatorDir: '/cache/ddb', launcherDir: '/cache/ddb/launcher-1' };

  it('runs the loopback launcher on 127.0.0.1 with a shared, persistent database and no telemetry', () => {
    const args = dynamoDbLocalJavaArgs({ ...dirs, port: 8123, dataDir: '/data', inMemory: false });

    expect(args).toEqual([
      '-XX:+UseSerialGC',
      '-Xms16m',
      '-Xmx768m',
      '-XX:MinHeapFreeRatio=10',
      '-XX:MaxHeapFreeRatio=30',
      `-Djava.library.path=${path.join('/cache/ddb', 'DynamoDBLocal_lib')}`,
      '-cp',
      ['/cache/ddb/DynamoDBLocal.jar', '/cache/ddb/DynamoDBLocal_lib/*', '/cache/ddb/launcher-1'].join(
        path.delimiter,
      ),
      'LoopbackLauncher',
      '127.0.0.1',
      '8123',
      '-sharedDb',
      '-disableTelemetry',
      '-dbPath',
      '/data',
      '-port',
      '8123',
    ]);
  });

  it('keeps data in memory when asked, and lets the system choose port 0', () => {
    const args = dynamoDbLocalJavaArgs({ ...dirs, port: 0, dataDir: '/data', inMemory: true });

    expect(args.slice(JVM_FOOTPRINT_ARGS.length + 4)).toEqual([
      '127.0.0.1',
      '0',
      '-sharedDb',
      '-disableTelemetry',
      '-inMemory',
    ]);
  });
});

describe('launcher output', () => {
  it('reads the port from the listening line only', () => {
    expect(parseListeningLine('LOOPBACK_LAUNCHER_LISTENING 127.0.0.1:45253')).toBe(45253);
    expect(parseListeningLine('Port:\t8000')).toBeUndefined();
  });

  it('recognises a port that cannot be bound', () => {
    expect(isPortInUseLine('LOOPBACK_LAUNCHER_PORT_IN_USE 127.0.0.1:8000 Failed to bind')).toBe(true);
    expect(isPortInUseLine('java.net.BindException: Address already in use')).toBe(true);
    expect(isPortInUseLine('Initializing DynamoDB Local')).toBe(false);
  });
});

describe('dynamoDbLocalDir', () => {
  it('keeps the pinned version in its own cache folder', () => {
    expect(dynamoDbLocalDir('/repo/node_modules/.cache/chat-local')).toBe(
      `/repo/node_modules/.cache/chat-local/dynamodb-local-${DYNAMODB_LOCAL_NPM_VERSION}`,
    );
  });
});
