// Runs one Lambda function inside a worker thread (one sandbox): loads its deploy bundle (or, without one, its
// TypeScript handler through tsx), then serves the invocations the parent
// (tools/local/src/functions/function-runtime.ts) posts, one message each, one at a time.
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.typescript) require('tsx/cjs/api').register();

let handler;

// This thread's CPU time so far, ms, from the kernel's scheduler statistics (Linux: the first field of
// /proc/thread-self/schedstat is the time on CPU in nanoseconds); undefined where there is none.
function threadCpuMs() {
  try {
    return Number(require('node:fs').readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

function loadHandler() {
  if (handler) return handler;
  const mod = require(workerData.moduleFile);
  const fn = mod[workerData.exportName];
  if (typeof fn !== 'function') {
    throw new Error(`${workerData.moduleFile} does not export a function named ${workerData.exportName}`);
  }
  handler =
    fn.length >= 3
      ? (event, context) =>
          new Promise((resolve, reject) => {
            const maybe = fn(event, context, (error, result) => (error ? reject(error) : resolve(result)));
            if (maybe && typeof maybe.then === 'function') maybe.then(resolve, reject);
          })
      : fn;
  return handler;
}

function contextFor(message) {
  return {
    functionName: workerData.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: workerData.functionArn,
    memoryLimitInMB: String(workerData.memorySize),
    awsRequestId: message.requestId,
    logGroupName: `/aws/lambda/${workerData.functionName}`,
    logStreamName: `local/${workerData.functionName}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
}

function serializeError(error) {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

// Lambda runs a function's init (loading its module) before the first invocation, outside its timeout: load
// now and tell the parent, which starts the invocation's clock then. A failing load fails each invocation.
let loadError;
try {
  loadHandler();
} catch (error) {
  loadError = error;
}
// The sandbox's CPU so far (the worker's start and the module's load) is its init's.
parentPort.postMessage({ ready: true, cpuMs: threadCpuMs() });

parentPort.on('message', async (message) => {
  const began = threadCpuMs();
  const cpuMs = () => (began === undefined ? undefined : threadCpuMs() - began);
  try {
    if (loadError) throw loadError;
    const result = await loadHandler()(message.event, contextFor(message));
    // Lambda returns JSON: undefined becomes null, class instances become plain data.
    const json = result === undefined ? null : JSON.parse(JSON.stringify(result));
    parentPort.postMessage({ id: message.id, ok: true, result: json, cpuMs: cpuMs() });
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, error: serializeError(error), cpuMs: cpuMs() });
  }
});
