import { CreatePlatformApplicationCommand, SNSClient } from '@aws-sdk/client-sns';
import type { FunctionDefinition } from './services/model';

const PLATFORM_APPLICATION_ARN = /^arn:aws:sns:[^:]+:\d+:app\/([A-Z_]+)\/([\w.-]+)$/;

/** The SNS platform applications (`arn:aws:sns:…:app/<PLATFORM>/<name>`) named in functions' environments. */
export function referencedPlatformApplications(
  functions: FunctionDefinition[],
): Array<{ platform: string; name: string }> {
  const found = new Map<string, { platform: string; name: string }>();
  for (const value of functions.flatMap((fn) => Object.values(fn.environment))) {
    const match = PLATFORM_APPLICATION_ARN.exec(value);
    if (match) found.set(value, { platform: match[1] as string, name: match[2] as string });
  }
  return [...found.values()];
}

/**
 * Push platform applications hold provider credentials, so no CloudFormation resource creates them: an operator
 * creates them once per stage. The local stack plays that operator for the ones the functions reference.
 */
export async function createPlatformApplications(
  client: SNSClient,
  applications: Array<{ platform: string; name: string }>,
): Promise<void> {
  for (const { platform, name } of applications) {
    await client.send(
      new CreatePlatformApplicationCommand({ Name: name, Platform: platform, Attributes: {} }),
    );
  }
}
