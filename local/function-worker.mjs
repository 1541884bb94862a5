// One Lambda execution environment of the local twin: loads a function's bundle once and runs its
// handler for each event it is sent, one at a time, as Lambda does. Its environment is the function's own.
import { parentPort, workerData } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import { StringDecoder } from "node:string_decoder";

// What the function writes to stdout and stderr reaches the twin with the answer to its event, or on
// the next turn of the event loop when it writes outside one (at import, from a timer, before a long
// await): one message per invocation. Node's own worker stdio sends a message per write and waits
// for the parent to ask for more (a second message): four thread wake-ups per log line.
/** `[stream, text]` pairs in the order written (consecutive writes to one stream joined). */
let written = [];
let writtenChars = 0;
let flushScheduled = false;
/** Past this many characters, written text is sent at once rather than held. */
const HELD_CHARS = 1 << 20;

function takeWritten() {
  if (written.length === 0) return undefined;
  const logs = written;
  written = [];
  writtenChars = 0;
  return logs;
}

function flushWritten() {
  flushScheduled = false;
  const logs = takeWritten();
  if (logs) parentPort.postMessage({ logs });
}

for (const name of ["stdout", "stderr"]) {
  const decoder = new StringDecoder("utf8");
  process[name].write = (chunk, encoding, callback) => {
    if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
    const text =
      typeof chunk !== "string" ? decoder.write(chunk) : encoding && !/^utf-?8$/i.test(encoding) ? Buffer.from(chunk, encoding).toString("utf8") : chunk;
    const last = written[written.length - 1];
    if (last?.[0] === name) last[1] += text;
    else written.push([name, text]);
    writtenChars += text.length;
    if (writtenChars > HELD_CHARS) flushWritten();
    else if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushWritten);
    }
    if (typeof callback === "function") process.nextTick(callback);
    return true;
  };
}
/** Posts an answer with what was written since the last message (kept for the next one if the answer cannot be sent). */
function answer(message) {
  const logs = takeWritten();
  try {
    if (logs) message.logs = logs;
    parentPort.postMessage(message);
  } catch (error) {
    if (logs) written = [...logs, ...written];
    throw error;
  }
}

// A runtime that exits (process.exit, an uncaught error) still delivers what it wrote.
process.on("exit", flushWritten);

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
      answer({
        id,
        ok: false,
        error: {
          name: "Function.ResponseSizeTooLarge",
          message: `Response payload size exceeded maximum allowed payload size (${workerData.maxPayloadBytes} bytes).`,
        },
      });
      return;
    }
    answer({ id, ok: true, result });
  } catch (error) {
    answer({ id, ok: false, error: { name: error?.name ?? "Error", message: error?.message ?? String(error) } });
  }
});
