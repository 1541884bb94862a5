import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FunctionError, startLocalFunctions, type LocalFunctions } from "../../local/functions";
import type { TwinFunction } from "../../local/model";

/**
 * What a function writes reaches the twin's function log line by line, as Lambda sends a function's
 * output to CloudWatch Logs: stdout and stderr, console and direct writes, lines written at import,
 * before an await, and just before the function times out or its runtime exits.
 */

const HANDLERS: Record<string, string> = {
  talker: [
    'console.log("imported");',
    "export const handler = async (e) => {",
    '  console.log("one", e.n);',
    '  console.error("two");',
    '  process.stdout.write("three, in ");',
    '  process.stdout.write(Buffer.from("two writes\\r\\nfour\\n"));',
    "  await new Promise((r) => setTimeout(r, 10));",
    '  process.stderr.write("after an await\\n");',
    "  return { n: e.n };",
    "};",
  ].join("\n"),
  hanger: 'export const handler = async () => { console.log("waiting"); await new Promise((r) => setTimeout(r, 5000)); };',
  quitter: 'export const handler = async () => { console.log("leaving"); process.stdout.write("no newline"); process.exit(2); };',
};

describe("function logs", () => {
  let dir: string;
  let functions: LocalFunctions;
  const lines: string[] = [];
  const fn = (name: string, timeoutSeconds = 60): TwinFunction => ({
    name,
    code: { kind: "module", path: path.join(dir, `${name}.mjs`) },
    environment: {},
    timeoutSeconds,
    aliases: {},
  });

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twin-logs-"));
    for (const [name, code] of Object.entries(HANDLERS)) fs.writeFileSync(path.join(dir, `${name}.mjs`), code);
    functions = startLocalFunctions({
      functions: Object.fromEntries([fn("talker"), fn("hanger", 1), fn("quitter")].map((f) => [f.name, f])),
      baseEnv: {},
      region: "us-east-1",
      account: "123456789012",
      log: (line) => lines.push(line),
    });
  });
  afterAll(async () => {
    await functions.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    lines.length = 0;
  });

  test("every line, in order: at import, from console and direct writes (split or joined), before and after an await", async () => {
    expect(await functions.invoke("talker", { n: 1 })).toEqual({ n: 1 });
    expect(lines).toEqual(["imported", "one 1", "two", "three, in two writes", "four", "after an await"]);
    lines.length = 0;
    expect(await functions.invoke("talker", { n: 2 })).toEqual({ n: 2 });
    expect(lines).toEqual(["one 2", "two", "three, in two writes", "four", "after an await"]);
  });

  test("what a function wrote before it timed out or exited is in the log", async () => {
    await expect(functions.invoke("hanger", {})).rejects.toEqual(new FunctionError("Sandbox.Timedout", "Task timed out after 1.00 seconds"));
    expect(lines).toEqual(["waiting"]);
    lines.length = 0;
    await expect(functions.invoke("quitter", {})).rejects.toBeInstanceOf(FunctionError);
    expect(lines).toEqual(["leaving", "no newline"]);
  });
});
