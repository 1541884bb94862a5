// One Lambda "container" of the local twin: loads a function's bundle once and runs its handler for
// each invocation it is sent, one at a time, as Lambda does. Its environment is the function's own.
import { parentPort, workerData } from "node:worker_threads";
import { pathToFileURL } from "node:url";

const module = await import(pathToFileURL(workerData.bundlePath).href);
const handler = module.handler;
let requestCount = 0;

parentPort.on("message", async ({ id, event, qualifier, version }) => {
  const started = Date.now();
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: workerData.functionName,
    functionVersion: version ?? "$LATEST",
    invokedFunctionArn: qualifier ? `${workerData.functionArn}:${qualifier}` : workerData.functionArn,
    memoryLimitInMB: "256",
    awsRequestId: `${workerData.functionName.slice(-8)}-${Date.now().toString(16)}-${++requestCount}`,
    logGroupName: `/aws/lambda/${workerData.functionName}`,
    logStreamName: "local-twin",
    getRemainingTimeInMillis: () => Math.max(0, workerData.timeoutMs - (Date.now() - started)),
    done() {},
    fail() {},
    succeed() {},
  };
  try {
    const result = await handler(event, context);
    parentPort.postMessage({ id, ok: true, result });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: { name: error?.name ?? "Error", message: error?.message ?? String(error) } });
  }
});
