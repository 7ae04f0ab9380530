import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, stop as stopEsbuild, version as esbuildVersion, type Metafile } from 'esbuild';
import { esbuildConfig } from '@chat/serverless-config';

/**
 * The functions' deploy bundles, built once for the local runtime with the settings a deploy uses
 * (`esbuildConfig` of `@chat/serverless-config`: what serverless-esbuild is given), so the local stack runs the
 * code that ships. One esbuild call builds every handler. The result is cached by the content of every file that
 * went into it: a start with nothing changed reuses it (a few hundred file reads), any change rebuilds.
 *
 * Bundles live under the repository's `node_modules/.cache`, so a package left external resolves from the
 * repository's `node_modules`.
 */
export interface BundleRequest {
  /** A name per bundle (the function's qualified name), and the handler file it starts from. */
  entries: Record<string, string>;
  cacheDir: string;
  /** The repository root: input paths in the cache's manifest are relative to it. */
  root: string;
}

export interface BuiltBundles {
  /** The bundle file of each entry name. */
  files: Record<string, string>;
  /** False when the cache was used. */
  built: boolean;
}

interface Manifest {
  key: string;
  inputs: string[];
  files: Record<string, string>;
}

const MANIFEST = 'manifest.json';

function settingsKey(entries: Record<string, string>): string {
  return JSON.stringify({ esbuildVersion, esbuildConfig, entries: Object.entries(entries).sort() });
}

async function contentKey(settings: string, root: string, inputs: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(settings);
  for (const input of [...inputs].sort()) {
    hash.update(`\0${input}\0`);
    hash.update(await readFile(path.join(root, input)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function cached(request: BundleRequest, settings: string): Promise<BuiltBundles | undefined> {
  const manifestFile = path.join(request.cacheDir, MANIFEST);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  const key = await contentKey(settings, request.root, manifest.inputs).catch(() => undefined);
  if (key !== manifest.key) return undefined;
  const files = Object.fromEntries(
    Object.keys(request.entries).map((name) => [
      name,
      path.join(request.cacheDir, manifest.files[name] ?? ''),
    ]),
  );
  if (!Object.values(files).every((file) => file.endsWith('.js') && existsSync(file))) return undefined;
  return { files, built: false };
}

/** Builds (or reuses) one bundle per entry. */
export async function buildBundles(request: BundleRequest): Promise<BuiltBundles> {
  const settings = settingsKey(request.entries);
  const reused = await cached(request, settings);
  if (reused) return reused;

  await mkdir(request.cacheDir, { recursive: true });
  // Built beside the others under a name of its own, so two stacks starting at once do not write the same files.
  const buildDir = `build-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const outdir = path.join(request.cacheDir, buildDir);
  // esbuild's service process would otherwise stay for the life of the stack.
  const result = await build({
    entryPoints: request.entries,
    outdir,
    bundle: esbuildConfig.bundle,
    minify: esbuildConfig.minify,
    sourcemap: esbuildConfig.sourcemap,
    target: esbuildConfig.target,
    platform: esbuildConfig.platform,
    format: esbuildConfig.format,
    mainFields: [...esbuildConfig.mainFields],
    external: [...esbuildConfig.external],
    absWorkingDir: request.root,
    metafile: true,
    logLevel: 'silent',
  }).finally(() => stopEsbuild());
  const inputs = inputFiles(result.metafile);
  const manifest: Manifest = {
    key: await contentKey(settings, request.root, inputs),
    inputs,
    files: Object.fromEntries(Object.keys(request.entries).map((name) => [name, `${buildDir}/${name}.js`])),
  };
  const temporary = path.join(request.cacheDir, `${MANIFEST}.${randomBytes(3).toString('hex')}`);
  await writeFile(temporary, JSON.stringify(manifest));
  await rename(temporary, path.join(request.cacheDir, MANIFEST));
  await removeOldBuilds(request.cacheDir, buildDir);
  const files = Object.fromEntries(
    Object.entries(manifest.files).map(([name, file]) => [name, path.join(request.cacheDir, file)]),
  );
  return { files, built: true };
}

/** The files a build read, relative to the root (its working directory); virtual inputs (`ns:…`) left out. */
function inputFiles(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs).filter((input) => !/^[a-z-]+:/.test(input));
}

/** Builds older than the newest few go (a stack started a minute ago may still run one of them). */
async function removeOldBuilds(cacheDir: string, current: string): Promise<void> {
  const builds = (await readdir(cacheDir)).filter((name) => name.startsWith('build-') && name !== current);
  const aged = await Promise.all(
    builds.map(async (name) => ({ name, mtime: (await stat(path.join(cacheDir, name))).mtimeMs })),
  );
  const stale = aged.sort((a, b) => b.mtime - a.mtime).slice(2);
  await Promise.all(stale.map(({ name }) => rm(path.join(cacheDir, name), { recursive: true, force: true })));
}
