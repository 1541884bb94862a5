// One Lambda execution environment of the local twin: loads a function's bundle once and runs its
// handler for each event it is sent, one at a time, as Lambda does. Its environment is the function's own.
import { parentPort, workerData } from "node:worker_threads";
import { pathToFileURL } from "node:url";

const module = await import(pathToFileURL(workerData.modulePath).href);
const handler = module[workerData.exportName];
if (typeof handler !== "function") throw new Error(`${workerData.modulePath} exports no function ${workerData.exportName}`);
let requestCount = 0;

/** Lambda measures a response as its JSON; only large bodies can approach the limit. */
function responseTooLarge(result) {
  const body = result?.body;
  if (typeof body === "string" && body.length < workerData.maxPayloadBytes / 4) return false;
  let json;
  try {
    json = JSON.stringify(result);
  } catch {
    return false;
  }
  return json !== undefined && Buffer.byteLength(json) > workerData.maxPayloadBytes;
}

parentPort.on("message", async ({ id, event, qualifier, version }) => {
  const started = Date.now();
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: workerData.functionName,
    functionVersion: version ?? "$LATEST",
    invokedFunctionArn: qualifier ? `${workerData.functionArn}:${qualifier}` : workerData.functionArn,
    memoryLimitInMB: String(workerData.memoryMb),
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
    if (responseTooLarge(result)) {
      // Lambda's error for a response over its synchronous payload limit (the function did run).
      parentPort.postMessage({
        id,
        ok: false,
        error: {
          name: "Function.ResponseSizeTooLarge",
          message: `Response payload size exceeded maximum allowed payload size (${workerData.maxPayloadBytes} bytes).`,
        },
      });
      return;
    }
    parentPort.postMessage({ id, ok: true, result });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: { name: error?.name ?? "Error", message: error?.message ?? String(error) } });
  }
});
