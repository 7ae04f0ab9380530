import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface CfnTemplate {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: unknown }>;
  Outputs: Record<string, { Value: unknown }>;
  Conditions?: Record<string, unknown>;
}

export interface PackagedService {
  template: CfnTemplate;
  /** Absolute paths of the function artifacts, by file name (`<function>.zip`). */
  zips: Map<string, string>;
  durationMs: number;
}

/** The environment of the package command: nothing from AWS_*, no shared config or credentials files. */
function credentialFreeEnvironment(scratch: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_')) env[key] = value;
  }
  return {
    ...env,
    HOME: scratch,
    AWS_SDK_LOAD_CONFIG: '0',
    AWS_SHARED_CREDENTIALS_FILE: path.join(scratch, 'no-credentials'),
    AWS_CONFIG_FILE: path.join(scratch, 'no-config'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/**
 * Runs `osls package --stage <stage>` in a service folder with the given params and no AWS credentials,
 * writing the artifacts to `<outDir>/package`; rejects with the command's output when it fails.
 */
export function packageService(
  serviceDir: string,
  options: {
    repoRoot: string;
    stage: string;
    params: Record<string, string>;
    outDir: string;
    timeoutMs: number;
  },
): Promise<PackagedService> {
  const packageDir = path.join(options.outDir, 'package');
  const home = path.join(options.outDir, 'home');
  mkdirSync(home, { recursive: true });
  const cli = path.join(options.repoRoot, 'node_modules/osls/bin/serverless.js');
  const args = [cli, 'package', '--stage', options.stage, '--package', packageDir];
  for (const [name, value] of Object.entries(options.params)) args.push('--param', `${name}=${value}`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: serviceDir,
      env: credentialFreeEnvironment(home),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`osls package in ${serviceDir} failed (${signal ?? `exit ${code}`}):\n${output}`));
        return;
      }
      const template = JSON.parse(
        readFileSync(path.join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'),
      ) as CfnTemplate;
      const zips = new Map(
        readdirSync(packageDir)
          .filter((file) => file.endsWith('.zip'))
          .map((file) => [file, path.join(packageDir, file)]),
      );
      resolve({ template, zips, durationMs: Date.now() - started });
    });
  });
}
