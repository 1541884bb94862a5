import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * `npm start` as a developer runs it: the route table, one short line per request (or --log json),
 * --env-file, --token-file, --data-dir (items outlive the twin) and --watch on the stack file (the
 * stack recaptured and served again on the same ports). Every wait is for a line the twin prints.
 */

const ROOT = path.resolve(__dirname, "..", "..");

interface Cli {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once `pattern` matches what the twin printed on the stream (from `from` on). */
  waitFor(stream: "stdout" | "stderr", pattern: RegExp, from?: number): Promise<RegExpExecArray>;
  readonly exited: Promise<number | null>;
}

function startCli(args: readonly string[]): Cli {
  const child = spawn(process.execPath, ["-r", "./scripts/register-typescript.cjs", "local/cli.ts", "--", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  const text = { stdout: "", stderr: "" };
  const waiters: (() => void)[] = [];
  for (const stream of ["stdout", "stderr"] as const) {
    child[stream]?.on("data", (chunk: Buffer) => {
      text[stream] += chunk.toString("utf8");
      for (const wake of waiters.splice(0)) wake();
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    exited,
    async waitFor(stream, pattern, from = 0) {
      for (;;) {
        const found = pattern.exec(text[stream].slice(from));
        if (found) return found;
        const ended = await Promise.race([new Promise<false>((resolve) => waiters.push(() => resolve(false))), exited.then(() => true)]);
        if (ended && !pattern.exec(text[stream].slice(from))) throw new Error(`the twin exited before printing ${pattern}:\n${text.stderr}`);
      }
    },
  };
}

const READY = /Ctrl-C stops it\.\n/;

describe("npm start as a dev server", () => {
  let dir: string;
  const running: Cli[] = [];
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twin-cli-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.dev.yaml"), path.join(dir, "Pulumi.dev.yaml"));
    fs.writeFileSync(path.join(dir, "dev.env"), '# the greeting every function gets\nGREETING="hi from dev.env"\n');
  });
  afterAll(async () => {
    for (const cli of running) {
      cli.child.kill("SIGINT");
      await cli.exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("route table, short request lines, env and token files, then a changed stack file served again on the same port", async () => {
    const config = path.join(dir, "Pulumi.dev.yaml");
    const tokens = path.join(dir, "tokens.json");
    const cli = startCli([
      "--port",
      "0",
      "--config-file",
      config,
      "--env-file",
      path.join(dir, "dev.env"),
      "--token-file",
      tokens,
      "--data-dir",
      path.join(dir, "data"),
      "--watch",
    ]);
    running.push(cli);
    await cli.waitFor("stderr", READY);
    const err = cli.stderr();
    // Not a terminal: no progress lines, the banner comes first.
    expect(err.split("\n")[0]).toMatch(/^local twin of stack dev, stage dev: ready in \d+\.\d s$/);
    const url = (/REST API {7}(http:\/\/127\.0\.0\.1:\d+\/dev)\n/.exec(err) as RegExpExecArray)[1] as string;
    const lines = err.split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        "REST API routes (stage dev, under /dev):",
        "WebSocket API routes ($request.body.action):",
        "HTTP API routes:",
        "(functions are named without their common prefix microservice-gateway-dev-)",
      ]),
    );
    // Rows of the REST API, then of the HTTP API (columns two spaces apart).
    expect(lines.filter((l) => /^ {2}(GET|POST) +\/(hello|items|me) /.test(l)).map((l) => l.split(/ {2,}/).slice(1))).toEqual([
      ["GET", "/hello", "lambda-proxy hello:DEV", "none"],
      ["GET", "/items", "lambda-proxy itemsList", "none"],
      ["POST", "/items", "lambda-proxy itemsCreate", "none"],
      ["GET", "/me", "lambda-proxy hello", "lambda token restAuthorizer"],
      ["GET", "/hello", "lambda hello:DEV (payload 2.0)", "none"],
      ["GET", "/items", "lambda itemsList (payload 2.0)", "jwt"],
    ]);
    expect(lines.slice(-2)).toEqual(["  watching functions/ and the stack file (--watch). Ctrl-C stops it.", ""]);

    // --env-file's GREETING reaches the function; one short line for the request.
    const hello = (await (await fetch(`${url}/hello`)).json()) as { alias: string; greeting: string };
    expect([hello.alias, hello.greeting]).toEqual(["DEV", "hi from dev.env"]);
    expect((await cli.waitFor("stdout", /^rest GET \/dev\/hello 200 (\d+) ms hello$/m))[0]).toMatch(/^rest GET \/dev\/hello 200 \d+ ms hello$/);

    // --token-file: the printed ID token, usable on the authorizer's route.
    const written = JSON.parse(fs.readFileSync(tokens, "utf8")) as Record<string, unknown>;
    const printed = (/ID token of local user "dev".*\n {4}(\S+)\n/.exec(err) as RegExpExecArray)[1];
    expect(written).toMatchObject({ user: "dev", idToken: printed, restUrl: url, scopes: [] });
    expect(Object.keys(written).sort()).toEqual([
      "accessToken",
      "apiKeys",
      "clientId",
      "expiresAt",
      "httpUrl",
      "idToken",
      "issuer",
      "restUrl",
      "scopes",
      "user",
      "websocketUrl",
    ]);
    expect((await fetch(`${url}/me`, { headers: { authorization: `Bearer ${written.idToken as string}` } })).status).toBe(200);
    expect((await cli.waitFor("stdout", /^rest GET \/dev\/me 200 \d+ ms hello$/m))[0]).toBeTruthy();

    const created = (await (
      await fetch(`${url}/items`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "kept", price: 1 }) })
    ).json()) as { id: string };
    fs.writeFileSync(path.join(dir, "item-id"), created.id);

    // The stack file changes: the dev stage now reaches the TEST alias.
    const before = cli.stderr().length;
    fs.writeFileSync(config, fs.readFileSync(config, "utf8").replace("variables: { lambdaAlias: DEV,", "variables: { lambdaAlias: TEST,"));
    const reloaded = await cli.waitFor("stderr", /^reloaded stack dev \((.+)\) in \d+\.\d s: (\d+) REST routes, (\d+) functions, same ports$/m, before);
    expect([
      reloaded[1],
      cli
        .stderr()
        .slice(before)
        .split("\n")
        .filter((l) => l !== "").length,
    ]).toEqual([`${config} changed`, 1]);
    const after = (await (await fetch(`${url}/hello`)).json()) as { alias: string; greeting: string };
    expect([after.alias, after.greeting]).toEqual(["TEST", "hi from dev.env"]);
    // The tables and their items stay (DynamoDB Local goes on); the printed token stays valid.
    expect((await fetch(`${url}/items/${created.id}`)).status).toBe(200);
    expect((await fetch(`${url}/me`, { headers: { authorization: `Bearer ${written.idToken as string}` } })).status).toBe(200);

    // An invalid stack file: the program refuses it (the twin reads none of it itself); the stack served stays.
    const valid = fs.readFileSync(config, "utf8");
    const beforeInvalid = cli.stderr().length;
    fs.writeFileSync(config, valid.replace("    environment: dev\n", "    environment: moon\n"));
    const refused = await cli.waitFor("stderr", /^could not reload stack dev \((.+)\), still serving the previous one: (.+)$/m, beforeInvalid);
    expect([refused[1], refused[2]]).toEqual([`${config} changed`, "invalid stack configuration (1 problem):"]);
    expect(cli.stderr().slice(beforeInvalid)).toContain('  - gateway.environment: "moon" is not one of dev, test, staging, prod\n');
    expect(((await (await fetch(`${url}/hello`)).json()) as { alias: string }).alias).toBe("TEST");
    // Fixed again (and changed: the program runs once more in this process), it is served.
    const beforeFixed = cli.stderr().length;
    fs.writeFileSync(config, valid.replace("variables: { lambdaAlias: TEST,", "variables: { lambdaAlias: PROD,"));
    await cli.waitFor("stderr", /^reloaded stack dev \(.+\) in \d+\.\d s: \d+ REST routes, \d+ functions, same ports$/m, beforeFixed);
    expect(((await (await fetch(`${url}/hello`)).json()) as { alias: string }).alias).toBe("PROD");

    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);
    running.splice(running.indexOf(cli), 1);
  }, 180_000);

  test("on a terminal, start-up says what its slow steps do before the banner (piped, it does not: above)", async () => {
    // `script` runs the twin on a pseudo-terminal: its stderr is a TTY; all its output comes through script's stdout.
    const command = [process.execPath, "-r", "./scripts/register-typescript.cjs", "local/cli.ts", "--", "--port", "0"].map((a) => `'${a}'`).join(" ");
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    let text = "";
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8").replace(/\r\n/g, "\n");
        if (READY.test(text)) resolve();
      });
      void exited.then(() => reject(new Error(`the twin exited before it was ready:\n${text}`)));
      child.once("error", (error) => reject(new Error(`this test runs the twin under script(1) (util-linux) for a terminal: ${error.message}`)));
    });
    const lines = text
      .slice(0, text.indexOf("local twin of stack dev"))
      .split("\n")
      .filter((l) => l !== "");
    expect(lines.slice(0, 2)).toEqual(["starting DynamoDB Local…", "running the program of stack dev under mocks (bundling its functions)…"]);
    expect(
      lines
        .slice(2)
        .map((l) => l.replace(/\d+\.\d s/, "<s>").replace(/pid \d+/, "pid <n>"))
        .sort(),
    ).toEqual(["DynamoDB Local ready (pid <n>) after <s>", "captured stack dev after <s>: 16 functions, 2 tables"]);
    process.kill(Number((/twin pid (\d+)/.exec(text) as RegExpExecArray)[1]), "SIGINT");
    expect(await exited).toBe(0);
  }, 180_000);

  test("--data-dir: the next twin finds the items and reuses the tables; --log json keeps the JSON access-log lines", async () => {
    const id = fs.readFileSync(path.join(dir, "item-id"), "utf8");
    const cli = startCli(["--port", "0", "--data-dir", path.join(dir, "data"), "--log", "json"]);
    running.push(cli);
    await cli.waitFor("stderr", READY);
    const url = (/REST API {7}(http:\/\/127\.0\.0\.1:\d+\/dev)\n/.exec(cli.stderr()) as RegExpExecArray)[1] as string;
    const item = await fetch(`${url}/items/${id}`);
    expect([item.status, ((await item.json()) as { name: string }).name]).toEqual([200, "kept"]);
    const line = (await cli.waitFor("stdout", /^\{"requestId".*\}$/m))[0];
    expect(JSON.parse(line)).toMatchObject({ httpMethod: "GET", resourcePath: "/items/{id}", path: `/dev/items/${id}`, status: "200", stage: "dev" });
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);
    running.splice(running.indexOf(cli), 1);
  }, 180_000);
});
