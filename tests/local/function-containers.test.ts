import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  DEFAULT_CONTAINERS_PER_FUNCTION,
  FunctionError,
  MAX_PAYLOAD_BYTES,
  RequestTooLarge,
  startLocalFunctions,
  type LocalFunctions,
} from "../../local/functions";
import type { TwinFunction } from "../../local/model";
import { proxyOperation, rawRequest, restApiFrom, serveRest, type RestHarness } from "./rest-harness";

/**
 * The twin's Lambda containers run real handler modules in worker threads. What Lambda does, and so
 * what they do: a function stops at its own timeout ("Task timed out after 1.00 seconds"); a runtime
 * that exits fails the invocation at once; request and response payloads over 6 MB fail ("For
 * synchronous invocations, the maximum payload size is 6 MB": the Invoke API reference); many events
 * run at once in as many execution environments (up to the function's reserved concurrency). Through a
 * REST API's Lambda proxy integration (AWS, "Handle Lambda errors in API Gateway"): a function error or
 * timeout is 502 "Internal server error"; an event over 6 MB is 413 `{"message": "Request Too Long"}`
 * with BadRequestException (recorded from AWS in koki-develop/lgtm-generator issue #10).
 */

const HANDLERS: Record<string, string> = {
  sleeper: "export const handler = async (e) => { await new Promise((r) => setTimeout(r, e.ms ?? 2500)); return { statusCode: 200, body: 'late' }; };",
  exiter: "export const handler = async () => { process.exit(3); };",
  big: "export const handler = async () => ({ statusCode: 200, body: 'x'.repeat(7 * 1024 * 1024) });",
  echo: "export const handler = async (e) => ({ statusCode: 200, body: String(e.body?.length ?? 0) });",
  // Each container has its own id; an event holding a shared counter waits until `n` events have arrived,
  // which can only happen when they run at the same time.
  barrier: [
    "const id = Math.random().toString(36).slice(2);",
    "export const handler = async (e) => {",
    "  const view = new Int32Array(e.counter);",
    "  Atomics.add(view, 0, 1);",
    "  Atomics.notify(view, 0);",
    "  for (let seen = Atomics.load(view, 0); seen < e.n; seen = Atomics.load(view, 0)) Atomics.wait(view, 0, seen, 100);",
    "  return { container: id };",
    "};",
  ].join("\n"),
};

describe("Lambda containers without reserved concurrency or an option", () => {
  test("as many run at once as twice the cores, at least 4, and no more (local/functions.ts)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twin-default-containers-"));
    fs.writeFileSync(path.join(dir, "barrier.mjs"), HANDLERS.barrier!);
    const functions = startLocalFunctions({
      functions: {
        barrier: { name: "barrier", code: { kind: "module", path: path.join(dir, "barrier.mjs") }, environment: {}, timeoutSeconds: 60, aliases: {} },
      },
      baseEnv: {},
      region: "us-east-1",
      account: "123456789012",
    });
    try {
      expect(DEFAULT_CONTAINERS_PER_FUNCTION).toBe(Math.max(4, 2 * os.availableParallelism()));
      // Each event waits until all have arrived: they pass only if all ran at once.
      const counter = new SharedArrayBuffer(4);
      const all = Array.from({ length: DEFAULT_CONTAINERS_PER_FUNCTION }, () => functions.invoke("barrier", { counter, n: DEFAULT_CONTAINERS_PER_FUNCTION }));
      expect(new Set(((await Promise.all(all)) as { container: string }[]).map((r) => r.container)).size).toBe(DEFAULT_CONTAINERS_PER_FUNCTION);
      // Twice as many events at once: they wait for those containers, none is started beyond them.
      const more = Array.from({ length: 2 * DEFAULT_CONTAINERS_PER_FUNCTION }, () => functions.invoke("barrier", { counter: new SharedArrayBuffer(4), n: 1 }));
      await Promise.all(more);
      expect(functions.coldStarts().barrier).toBe(DEFAULT_CONTAINERS_PER_FUNCTION);
    } finally {
      await functions.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Lambda containers: timeouts, exits, payload limits, concurrency", () => {
  let dir: string;
  let functions: LocalFunctions;
  const fn = (name: string, settings: Partial<TwinFunction> = {}): TwinFunction => ({
    name,
    code: { kind: "module", path: path.join(dir, `${name.split("-")[0]}.mjs`) },
    environment: {},
    timeoutSeconds: 600,
    aliases: {},
    ...settings,
  });

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twin-handlers-"));
    for (const [name, code] of Object.entries(HANDLERS)) fs.writeFileSync(path.join(dir, `${name}.mjs`), code);
    functions = startLocalFunctions({
      functions: Object.fromEntries(
        [
          fn("sleeper", { timeoutSeconds: 1 }),
          fn("exiter"),
          fn("big"),
          fn("echo"),
          fn("barrier", { timeoutSeconds: 60 }),
          fn("barrier-reserved", { timeoutSeconds: 60, reservedConcurrency: 2 }),
        ].map((f) => [f.name, f]),
      ),
      baseEnv: {},
      region: "us-east-1",
      account: "123456789012",
      containersPerFunction: 4,
    });
  });
  afterAll(async () => {
    await functions.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const failureOf = (call: Promise<unknown>) =>
    call.then(
      () => "resolved",
      (e: unknown) =>
        e instanceof FunctionError
          ? { errorType: e.errorType, message: e.message }
          : e instanceof RequestTooLarge
            ? { errorType: e.errorType, message: e.message }
            : String(e),
    );

  test("a function stops at its own timeout: a 1 s function sleeping 2.5 s fails with Lambda's timeout error", async () => {
    expect(await failureOf(functions.invoke("sleeper", {}))).toEqual({ errorType: "Sandbox.Timedout", message: "Task timed out after 1.00 seconds" });
  });

  test("a handler that exits its process fails at once (its timeout is 10 minutes), and the next event gets a new container", async () => {
    expect(await failureOf(functions.invoke("exiter", {}))).toEqual({
      errorType: "Runtime.ExitError",
      message: "RequestId: exiter Error: Runtime exited with error: exit status 3",
    });
    expect(await failureOf(functions.invoke("exiter", {}))).toEqual({
      errorType: "Runtime.ExitError",
      message: "RequestId: exiter Error: Runtime exited with error: exit status 3",
    });
    expect(functions.coldStarts().exiter).toBe(2);
  });

  test("an event or a response over 6 MB fails as Lambda fails it", async () => {
    expect(await failureOf(functions.invoke("echo", { body: "x".repeat(MAX_PAYLOAD_BYTES) }))).toEqual({
      errorType: "RequestEntityTooLargeException",
      message: "Request must be smaller than 6291456 bytes for the InvokeFunction operation",
    });
    expect(await failureOf(functions.invoke("big", {}))).toEqual({
      errorType: "Function.ResponseSizeTooLarge",
      message: "Response payload size exceeded maximum allowed payload size (6291456 bytes).",
    });
  });

  test("events run at the same time in as many containers (each with its own cold start)", async () => {
    const counter = new SharedArrayBuffer(4);
    const results = (await Promise.all(Array.from({ length: 4 }, () => functions.invoke("barrier", { counter, n: 4 })))) as { container: string }[];
    expect(new Set(results.map((r) => r.container)).size).toBe(4);
    expect(functions.coldStarts().barrier).toBe(4);
  });

  test("a function's reserved concurrency caps its containers; more events wait for one to be free", async () => {
    const pairs = [new SharedArrayBuffer(4), new SharedArrayBuffer(4)];
    // Two pairs that each need both containers at once: the second pair waits for the first.
    const results = (await Promise.all([0, 0, 1, 1].map((i) => functions.invoke("barrier-reserved", { counter: pairs[i], n: 2 })))) as { container: string }[];
    expect(new Set(results.map((r) => r.container)).size).toBe(2);
    expect(functions.coldStarts()["barrier-reserved"]).toBe(2);
  });

  describe("through a REST API's Lambda proxy integration", () => {
    let rest: RestHarness;
    beforeAll(async () => {
      rest = await serveRest(
        restApiFrom({
          paths: {
            "/sleep": { get: proxyOperation("sleeper") },
            "/exit": { get: proxyOperation("exiter") },
            "/big": { get: proxyOperation("big") },
            "/echo": { post: proxyOperation("echo") },
          },
        }),
        functions,
      );
    });
    afterAll(() => rest.close());

    // `{"message": ...}` with a space, as AWS answers the execution's errors (local/gateway-errors.ts, defaultResponseTemplate).
    const INTERNAL = { status: 502, errorType: "InternalServerErrorException", text: '{"message": "Internal server error"}' };
    const answer = async (p: string, init: { method?: string; body?: string } = {}) => {
      const res = await rawRequest(`${rest.url}${p}`, init);
      return { status: res.status, errorType: res.headers["x-amzn-errortype"], text: res.text };
    };

    test("the function's timeout, its runtime's exit, a response over 6 MB: 502 Internal server error", async () => {
      expect(await answer("/sleep")).toEqual(INTERNAL);
      expect(await answer("/exit")).toEqual(INTERNAL);
      expect(await answer("/big")).toEqual(INTERNAL);
    });

    test("an event over 6 MB (a 7 MB body, under API Gateway's 10 MB): 413 Request Too Long, BadRequestException", async () => {
      expect(await answer("/echo", { method: "POST", body: "y".repeat(7 * 1024 * 1024) })).toEqual({
        status: 413,
        errorType: "BadRequestException",
        text: '{"message": "Request Too Long"}',
      });
    });
  });
});
