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
/** The pending flush of written text, if one is scheduled. */
let flushScheduled;
/** Past this many characters, written text is sent at once rather than held. */
const HELD_CHARS = 1 << 20;

function takeWritten() {
  // What a scheduled flush would send is taken now: the flush has nothing left to do.
  if (flushScheduled) {
    clearImmediate(flushScheduled);
    flushScheduled = undefined;
  }
  if (written.length === 0) return undefined;
  const logs = written;
  written = [];
  writtenChars = 0;
  return logs;
}

function flushWritten() {
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
    else flushScheduled ??= setImmediate(flushWritten);
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
    if (logs) {
      written = [...logs, ...written];
      flushScheduled ??= setImmediate(flushWritten);
    }
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

// What every invocation's context shares, worked out once.
const { functionName, functionArn, timeoutMs } = workerData;
const memoryLimitInMB = String(workerData.memoryMb);
const logGroupName = `/aws/lambda/${functionName}`;
const requestIdPrefix = `${functionName.slice(-8)}-`;
const noop = () => {};
/** The hexadecimal clock of request ids, written once per millisecond (Number#toString(16) is slow on such numbers). */
let hexMs = -1;
let hexText = "";
const hexClock = (ms) => (ms === hexMs ? hexText : ((hexMs = ms), (hexText = ms.toString(16))));

parentPort.on("message", async ({ id, event, qualifier, version }) => {
  const started = Date.now();
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: version ?? "$LATEST",
    invokedFunctionArn: qualifier ? `${functionArn}:${qualifier}` : functionArn,
    memoryLimitInMB,
    awsRequestId: `${requestIdPrefix}${hexClock(started)}-${++requestCount}`,
    logGroupName,
    logStreamName: "local-twin",
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: noop,
    fail: noop,
    succeed: noop,
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
