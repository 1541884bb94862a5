import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CLIENT_USAGE, parseClientArgs, regenerateCommand } from "../../sdk/client-cli";
import { generateClient } from "../../sdk/client/generate";

const ROOT = path.resolve(__dirname, "..", "..");
const client = (...args: string[]) =>
  spawnSync(process.execPath, ["-r", "./scripts/register-typescript.cjs", "sdk/client-cli.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });

describe("npm run client: arguments", () => {
  test("a stack (with a stack file, an API) or a document; --out and --check", () => {
    expect(parseClientArgs(["--stack", "dev", "--out", "sdk/clients/dev.ts", "--check"])).toEqual({
      source: { stack: "dev", configFile: undefined, api: "public" },
      out: "sdk/clients/dev.ts",
      check: true,
    });
    expect(parseClientArgs(["--stack", "edge", "--config-file", "examples/Pulumi.edge.yaml", "--api", "public"])).toEqual({
      source: { stack: "edge", configFile: "examples/Pulumi.edge.yaml", api: "public" },
      out: undefined,
      check: false,
    });
    expect(parseClientArgs(["--document", "prod.json"])).toEqual({ source: { document: "prod.json" }, out: undefined, check: false });
    expect(parseClientArgs(["-h"])).toBe("help");
  });

  test.each([
    [[], `give one of --stack and --document; ${CLIENT_USAGE}`],
    [["--stack", "dev", "--document", "x.json"], `give one of --stack and --document; ${CLIENT_USAGE}`],
    [["--document", "x.json", "--api", "internal"], `--config-file and --api go with --stack; ${CLIENT_USAGE}`],
    [["--stack", "dev", "--check"], `--check compares with --out <file>; ${CLIENT_USAGE}`],
    [["--stack", "dev", "--api", "private"], '--api: "private" is not one of public, internal'],
    [["--stack"], `--stack needs a value; ${CLIENT_USAGE}`],
    [["--stack", "dev", "--lang", "go"], `unknown argument "--lang"; ${CLIENT_USAGE}`],
  ])("%j is refused: %s", (argv, message) => expect(() => parseClientArgs(argv)).toThrow(message));

  test("the command a generated file names is the one that regenerates it (never --check)", () => {
    const args = (argv: string[]) => parseClientArgs(argv) as Exclude<ReturnType<typeof parseClientArgs>, "help">;
    expect(regenerateCommand(args(["--stack", "dev", "--out", "sdk/clients/dev.ts", "--check"]))).toBe(
      "npm run client -- --stack dev --out sdk/clients/dev.ts",
    );
    expect(regenerateCommand(args(["--stack", "prod", "--api", "internal"]))).toBe("npm run client -- --stack prod --api internal");
    expect(regenerateCommand(args(["--stack", "edge", "--config-file", "examples/Pulumi.edge.yaml", "--out", "c.ts"]))).toBe(
      "npm run client -- --stack edge --config-file examples/Pulumi.edge.yaml --out c.ts",
    );
  });
});

describe("npm run client: the checked-in client never drifts from the dev stack's document", () => {
  test("sdk/clients/dev.ts is what the dev stack's document generates now", () => {
    const run = client("--stack", "dev", "--out", "sdk/clients/dev.ts", "--check");
    expect([run.status, run.stderr, run.stdout]).toEqual([0, "", ""]);
  });

  describe("a stale or missing copy", () => {
    let dir: string;
    beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "client-cli-"))));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("--check fails naming the file and the command that regenerates it; --document prints a document's client", () => {
      const document = path.join(dir, "health.json");
      fs.writeFileSync(
        document,
        JSON.stringify({ openapi: "3.0.1", info: { title: "health", version: "1" }, paths: { "/health": { get: { operationId: "health", responses: {} } } } }),
      );
      const out = path.join(dir, "health.ts");
      const printed = client("--document", document);
      expect([printed.status, printed.stderr]).toEqual([0, ""]);
      expect(printed.stdout).toBe(generateClient(JSON.parse(fs.readFileSync(document, "utf8")), { command: `npm run client -- --document ${document}` }));
      expect(client("--document", document, "--out", out, "--check")).toMatchObject({
        status: 1,
        stderr: `${out} does not exist: regenerate it with npm run client -- --document ${document} --out ${out}\n`,
      });
      expect(client("--document", document, "--out", out)).toMatchObject({ status: 0, stdout: `wrote ${out}\n` });
      expect(client("--document", document, "--out", out, "--check").status).toBe(0);
      fs.appendFileSync(out, "// edited by hand\n");
      expect(client("--document", document, "--out", out, "--check")).toMatchObject({
        status: 1,
        stderr: `${out} no longer matches the document: regenerate it with npm run client -- --document ${document} --out ${out}\n`,
      });
    });
  });

  test("--help exits 0; bad usage exits 2; a stack that fails validation exits 1", () => {
    expect(client("--help")).toMatchObject({ status: 0, stdout: expect.stringContaining(CLIENT_USAGE) });
    expect(client("--out", "x.ts")).toMatchObject({ status: 2, stderr: `give one of --stack and --document; ${CLIENT_USAGE}\n` });
    expect(client("--stack", "nope")).toMatchObject({ status: 1, stderr: "invalid stack configuration (1 problem):\n  - Pulumi.nope.yaml: no such file\n" });
  });
});
