import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as babelPlugin from 'prettier/plugins/babel';
import * as estreePlugin from 'prettier/plugins/estree';
import * as typescriptPlugin from 'prettier/plugins/typescript';
import type { Options } from 'prettier';
import { format } from 'prettier/standalone';
import packageJson from '../package.json';
import { openApiDocument } from './openapi-document';
import type { RouteDoc } from './routes';
import { typescriptTypes } from './typescript-types';

/** The generated files, relative to the repository root. */
export const OPENAPI_PATH = 'docs/openapi.json';
export const CLIENT_TYPES_PATH = 'clients/sdk/src/generated/api-types.ts';

export interface GeneratedFile {
  relativePath: string;
  content: string;
}

/** Formatted as the repository's .prettierrc.json wants (prettier's standalone build: jest cannot run its Node entry). */
async function formatted(repoRoot: string, text: string, parser: 'json' | 'typescript'): Promise<string> {
  const options = JSON.parse(await fs.readFile(path.join(repoRoot, '.prettierrc.json'), 'utf8')) as Options;
  return format(text, { ...options, parser, plugins: [babelPlugin, estreePlugin, typescriptPlugin] });
}

/** docs/openapi.json and the client's types, from the route table. */
export async function renderFiles(repoRoot: string, routes: readonly RouteDoc[]): Promise<GeneratedFile[]> {
  const document = openApiDocument(routes, { version: packageJson.version });
  return [
    { relativePath: OPENAPI_PATH, content: await formatted(repoRoot, JSON.stringify(document), 'json') },
    {
      relativePath: CLIENT_TYPES_PATH,
      content: await formatted(repoRoot, typescriptTypes(document), 'typescript'),
    },
  ];
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The generated files that are missing or out of date; written unless `check`. */
export async function syncFiles(
  repoRoot: string,
  routes: readonly RouteDoc[],
  options: { check: boolean },
): Promise<string[]> {
  const stale: string[] = [];
  for (const file of await renderFiles(repoRoot, routes)) {
    const absolute = path.join(repoRoot, file.relativePath);
    if ((await readIfExists(absolute)) === file.content) continue;
    stale.push(file.relativePath);
    if (!options.check) {
      await fs.mkdir(path.dirname(absolute), { recursive: true });
      await fs.writeFile(absolute, file.content);
    }
  }
  return stale;
}
