import type { AWS } from '@serverless/typescript';
import { esbuildConfig } from './esbuild';

/**
 * The part of serverless.ts that is the same for every service: name, framework line, the esbuild plugin
 * and its settings, one package per function. Spread it first, then add provider, functions and resources.
 */
export function serviceBase(service: string): Pick<
  AWS,
  'service' | 'frameworkVersion' | 'plugins' | 'package'
> & {
  custom: { esbuild: typeof esbuildConfig };
} {
  return {
    service,
    frameworkVersion: '4', // osls 4.x is the Serverless Framework v3 line; '3' is refused by its version check
    plugins: ['serverless-esbuild'],
    package: { individually: true },
    custom: { esbuild: esbuildConfig },
  };
}
