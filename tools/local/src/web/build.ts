import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, stop as stopEsbuild } from 'esbuild';
import { REPO_ROOT } from '../config';

/** The web app's sources and what it bundles from the repository: a change to any of them means a new build. */
const WEB_ROOT = path.join(REPO_ROOT, 'clients', 'web');
const SOURCE_FOLDERS = [path.join(WEB_ROOT, 'src'), path.join(REPO_ROOT, 'clients', 'sdk', 'src')];
/** The bundled libraries and the bundler: their versions are part of the hash. */
const VERSIONED_PACKAGES = ['preact', 'esbuild'];
const OLD_BUILD_MS = 24 * 60 * 60 * 1000;

export interface WebBuild {
  /** The folder with `index.html`, `app.js`, `app.css`. */
  dir: string;
  /** The content hash of the sources (the build's name). */
  hash: string;
  /** Whether this call built it (false: the cached build of the same sources). */
  built: boolean;
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return filesUnder(full);
      return Promise.resolve(entry.isFile() ? [full] : []);
    }),
  );
  return nested.flat().sort();
}

/** The SHA-256 of every source file (path and content) and the bundled packages' versions, 16 hex digits. */
export async function webSourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of SOURCE_FOLDERS) {
    for (const file of await filesUnder(folder)) {
      hash
        .update(path.relative(REPO_ROOT, file))
        .update('\0')
        .update(await readFile(file))
        .update('\0');
    }
  }
  for (const name of VERSIONED_PACKAGES) {
    const manifest = JSON.parse(
      await readFile(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8'),
    ) as { version: string };
    hash.update(`${name}@${manifest.version}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Bundles the app into `outDir`: minified ESM and CSS, and `index.html` naming them with the hash. */
export async function bundle(outDir: string, hash: string): Promise<void> {
  await build({
    entryPoints: { app: path.join(WEB_ROOT, 'src', 'main.tsx') },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // @chat/client resolves to its sources in the repository, as in tests.
    conditions: ['chat-source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    // esbuild's service process is not kept idle beside the stack
  }).finally(() => stopEsbuild());
  const html = await readFile(path.join(WEB_ROOT, 'src', 'index.html'), 'utf8');
  await writeFile(path.join(outDir, 'index.html'), html.replaceAll('%BUILD%', hash));
}

/**
 * The web app built from the current sources: the cached build when one of the same content hash exists under
 * `cacheDir`, else a new one (built in a temporary folder, then renamed, so a concurrent start never sees half
 * a build). Builds of other sources older than a day are removed.
 */
export async function buildWebApp(cacheDir: string): Promise<WebBuild> {
  const hash = await webSourceHash();
  const root = path.join(cacheDir, 'web');
  const dir = path.join(root, hash);
  if (await exists(path.join(dir, 'index.html'))) return { dir, hash, built: false };
  await mkdir(root, { recursive: true });
  const staging = path.join(root, `.${hash}-${process.pid}-${Date.now()}`);
  try {
    await bundle(staging, hash);
    await rename(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
      // another start renamed the same build first
      if (!(await exists(path.join(dir, 'index.html')))) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  // builds of other sources a day old (a stack started from them may still serve them)
  for (const old of await readdir(root)) {
    const folder = path.join(root, old);
    const { mtimeMs } = await stat(folder);
    if (old !== hash && Date.now() - mtimeMs > OLD_BUILD_MS)
      await rm(folder, { recursive: true, force: true });
  }
  return { dir, hash, built: true };
}

/** The bundle's sizes in bytes, raw and gzipped (what a browser downloads with compression). */
export async function bundleSizes(dir: string): Promise<Record<string, { raw: number; gzip: number }>> {
  const sizes: Record<string, { raw: number; gzip: number }> = {};
  for (const name of ['app.js', 'app.css', 'index.html']) {
    const content = await readFile(path.join(dir, name));
    sizes[name] = { raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
  }
  return sizes;
}
