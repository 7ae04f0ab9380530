import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The repo's own eslint config, applied to code placed (virtually) in a service's folders. ESLint runs as its
 * command (its flat config is an ES module, which jest's module sandbox cannot load).
 */
const repoRoot = path.resolve(__dirname, '../../../..');
const eslintBin = path.join(repoRoot, 'node_modules/eslint/bin/eslint.js');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const run = spawnSync(
    process.execPath,
    [eslintBin, '--format', 'json', '--stdin', '--stdin-filename', filePath],
    { cwd: repoRoot, input: code, encoding: 'utf8' },
  );
  const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('the layout rule of docs/service-structure.md', () => {
  it.each([
    ["import { GetCommand } from '@aws-sdk/lib-dynamodb';"],
    ["import type { DynamoDBRecord } from 'aws-lambda';"],
    ["import { documentClient } from '@chat/aws';"],
    ["import { membershipReader } from '@chat/memberships';"],
    ["import { messagingDependencies } from '../adapters/environment';"],
    ["import { handler } from '../handlers/send-message';"],
  ])('refuses %s in use-cases/ and domain/', async (line) => {
    const code = `${line}\nexport const used = [${line.match(/\{ (?:type )?(\w+) \}/)?.[1] ?? 'undefined'}];\n`;

    const inUseCase = await restrictedImports('services/messaging/src/use-cases/example.ts', code);
    const inDomain = await restrictedImports('services/rooms/src/domain/example.ts', code);

    expect(inUseCase).toHaveLength(1);
    expect(inDomain).toHaveLength(1);
  });

  it('allows the same imports in adapters/ and handlers/', async () => {
    const code = "import { documentClient } from '@chat/aws';\nexport const used = documentClient;\n";

    const inAdapter = await restrictedImports('services/messaging/src/adapters/example.ts', code);
    const inHandler = await restrictedImports('services/messaging/src/handlers/example.ts', code);

    expect(inAdapter).toEqual([]);
    expect(inHandler).toEqual([]);
  });

  it('allows pure shared code in use-cases/', async () => {
    const code =
      "import { lazy } from '@chat/runtime';\nimport type { Message } from '@chat/events';\n" +
      'export const used: [typeof lazy, Message | undefined] = [lazy, undefined];\n';

    expect(await restrictedImports('services/messaging/src/use-cases/example.ts', code)).toEqual([]);
  });
});
