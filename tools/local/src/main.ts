import { readLocalConfig } from './config';
import { formatRouteTable } from './route-table';
import { startLocalStack, type LocalStack } from './stack';

// Lambda's nodejs20.x runtime is what the functions target; the SDK's notice about Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const log = (line: string) => process.stdout.write(`[local] ${line}\n`);

/**
 * `npm start`: the whole backend on this machine. Prints `ready` once every server answers; with `--routes` (or
 * `LOG_LEVEL=debug`) it prints the route table first.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const state: { stack?: LocalStack; stopping: boolean } = { stopping: false };
  const shutdown = async (signal: string) => {
    if (state.stopping) return;
    state.stopping = true;
    log(`${signal}: stopping …`);
    await state.stack?.stop();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const config = readLocalConfig(process.env, process.argv.slice(2));
  log(`data folder ${config.dataDir}`);
  const stack = await startLocalStack(config, log);
  state.stack = stack;
  if (state.stopping) {
    await stack.stop();
    return;
  }
  const { endpoints } = stack;
  if (config.printRoutes) process.stdout.write(`\n${formatRouteTable(stack.services)}\n`);
  process.stdout.write(
    [
      '',
      `Web app:        ${endpoints.web}   (open it in a browser)`,
      `HTTP API:       ${endpoints.http}`,
      `WebSocket API:  ${endpoints.webSocket}`,
      `SNS deliveries: ${endpoints.http}/_local/sns/deliveries`,
      `Metrics:        ${endpoints.http}/_local/metrics`,
      `Events:         ${endpoints.eventBridge}/_local/events`,
      `DynamoDB:       ${endpoints.dynamodb}   Cognito: ${endpoints.cognito} (pool ${endpoints.userPoolId})   S3: ${endpoints.s3}`,
      `Started in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops everything.`,
      'ready',
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  process.stderr.write(`\nThe local stack could not start: ${error.message}\n`);
  process.exit(1);
});
