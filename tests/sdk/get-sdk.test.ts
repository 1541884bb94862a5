import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GetSdkCommand } from "@aws-sdk/client-api-gateway";
import { main } from "../../sdk/get-sdk-cli";
import { DEFAULT_OUT, describeAwsFailure, getSdkInput, parseSdkArgs, SDK_USAGE, type SdkDeps } from "../../sdk/get-sdk";

const ROOT = path.resolve(__dirname, "..", "..");
const ZIP = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

/** Fakes of everything the command talks to, recording what it was asked. */
function fakes(options: { body?: Uint8Array; sendError?: Error; output?: string | Error; region?: string } = {}) {
  const calls = { commands: [] as GetSdkCommand[], regions: [] as (string | undefined)[], outputs: [] as string[], written: [] as [string, Uint8Array][] };
  const deps: SdkDeps = {
    client: (region) => {
      calls.regions.push(region);
      return {
        send: async (command) => {
          calls.commands.push(command);
          if (options.sendError) throw options.sendError;
          return { body: options.body ?? ZIP };
        },
      };
    },
    stackOutput: async (stack, name) => {
      calls.outputs.push(`${stack} ${name}`);
      if (options.output instanceof Error) throw options.output;
      return options.output ?? "a1b2c3d4e5\n";
    },
    stackRegion: () => options.region,
    writeFile: (file, bytes) => calls.written.push([file, bytes]),
  };
  const out: string[] = [];
  const err: string[] = [];
  return {
    deps,
    calls,
    out,
    err,
    run: (...argv: string[]) =>
      main(
        argv,
        deps,
        (l) => out.push(l),
        (l) => err.push(l),
      ),
  };
}

describe("npm run sdk: arguments", () => {
  test("stack and stage, with the default folder; every flag", () => {
    expect(parseSdkArgs(["--stack", "prod", "--stage", "prod"])).toEqual({
      stack: "prod",
      stage: "prod",
      out: DEFAULT_OUT,
      restApiId: undefined,
      region: undefined,
    });
    expect(parseSdkArgs(["--stack", "dev", "--stage", "test", "--out", "sdk/", "--rest-api-id", "a1b2c3d4e5", "--region", "eu-west-1"])).toEqual({
      stack: "dev",
      stage: "test",
      out: "sdk/",
      restApiId: "a1b2c3d4e5",
      region: "eu-west-1",
    });
    expect(parseSdkArgs(["--stage", "x", "--help"])).toBe("help");
  });

  test.each([
    [["--stage", "prod"], `--stack is required; ${SDK_USAGE}`],
    [["--stack", "prod"], `--stage is required; ${SDK_USAGE}`],
    [["--stack", "prod", "--stage"], `--stage needs a value; ${SDK_USAGE}`],
    [["--stack", "--stage", "prod"], `--stack needs a value; ${SDK_USAGE}`],
    [["--stack", "prod", "--stage", "prod", "--sdk-type", "java"], `unknown argument "--sdk-type"; ${SDK_USAGE}`],
  ])("%j: exit 2, %s", async (argv, message) => {
    const f = fakes();
    expect(await f.run(...argv)).toBe(2);
    expect([f.err, f.out, f.calls.commands]).toEqual([[message], [], []]);
  });

  test("--help prints the usage and exits 0", async () => {
    const f = fakes();
    expect(await f.run("--help")).toBe(0);
    expect(f.out[0]).toBe(SDK_USAGE);
    expect(f.err).toEqual([]);
  });
});

describe("npm run sdk: GetSdk", () => {
  test("the REST API id from the stack output, the region from the stack file; exactly GetSdk(restApiId, stageName, javascript); the zip written", async () => {
    const f = fakes({ region: "us-east-1" });
    expect(await f.run("--stack", "prod", "--stage", "prod", "--out", "out/sdk")).toBe(0);
    expect(f.calls.outputs).toEqual(["prod restApiId"]);
    expect(f.calls.regions).toEqual(["us-east-1"]);
    expect(f.calls.commands).toHaveLength(1);
    expect(f.calls.commands[0]).toBeInstanceOf(GetSdkCommand);
    expect(f.calls.commands[0]?.input).toEqual({ restApiId: "a1b2c3d4e5", stageName: "prod", sdkType: "javascript" });
    expect(getSdkInput("a1b2c3d4e5", "prod")).toEqual({ restApiId: "a1b2c3d4e5", stageName: "prod", sdkType: "javascript" });
    expect(f.calls.written).toEqual([[path.join("out", "sdk", "prod-prod-javascript-sdk.zip"), ZIP]]);
    expect(f.out).toEqual([
      `wrote ${path.join("out", "sdk", "prod-prod-javascript-sdk.zip")} (7 bytes): the JavaScript SDK of REST API a1b2c3d4e5, stage prod`,
    ]);
  });

  test("--rest-api-id and --region skip the Pulumi CLI and the stack file", async () => {
    const f = fakes({ region: "us-east-1" });
    expect(await f.run("--stack", "dev", "--stage", "test", "--rest-api-id", "zz99yy88xx", "--region", "eu-west-1")).toBe(0);
    expect([f.calls.outputs, f.calls.regions, f.calls.commands[0]?.input]).toEqual([
      [],
      ["eu-west-1"],
      { restApiId: "zz99yy88xx", stageName: "test", sdkType: "javascript" },
    ]);
  });

  test.each([
    [
      "no Pulumi CLI",
      Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" }),
      "sdk: the Pulumi CLI is not on PATH (it reads the stack output restApiId); install it, or pass --rest-api-id <id>",
    ],
    [
      "a stack the CLI does not know",
      new Error("error: no stack named 'prod' found\n"),
      "sdk: pulumi stack output restApiId --stack prod failed: error: no stack named 'prod' found; deploy the stack first, or pass --rest-api-id <id>",
    ],
    ["a stack without the output", "\n", 'sdk: stack prod has no REST API id in its output restApiId (got ""); deploy it first, or pass --rest-api-id <id>'],
  ])("%s: exit 1, one sentence, and no GetSdk call", async (_case, output, message) => {
    const f = fakes({ output });
    expect(await f.run("--stack", "prod", "--stage", "prod")).toBe(1);
    expect([f.err, f.calls.commands, f.calls.written]).toEqual([[message], [], []]);
  });

  test.each([
    [
      "CredentialsProviderError",
      awsError("CredentialsProviderError", "Could not load credentials from any providers"),
      "no AWS credentials were found (Could not load credentials from any providers): set AWS_PROFILE, run aws sso login or aws configure, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
    ],
    [
      "NotFoundException",
      awsError("NotFoundException", "Invalid stage identifier specified"),
      'API Gateway has no stage "prod" of REST API a1b2c3d4e5 in us-east-1 (Invalid stage identifier specified); check --stage, --region and the stack\'s restApiId',
    ],
    [
      "AccessDeniedException",
      awsError("AccessDeniedException", "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: apigateway:GET"),
      "these credentials may not download the SDK (User: arn:aws:iam::123456789012:user/ci is not authorized to perform: apigateway:GET): they need apigateway:GET on arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod/sdks/javascript",
    ],
    [
      "TooManyRequestsException",
      awsError("TooManyRequestsException", "Too Many Requests"),
      "API Gateway is throttling GetSdk (Too Many Requests); try again in a minute",
    ],
    ["no region", new Error("Region is missing"), "no AWS region: pass --region, or set aws:region in the stack file or AWS_REGION"],
    [
      "BadRequestException",
      awsError("BadRequestException", "Invalid SDK type"),
      "GetSdk failed for REST API a1b2c3d4e5, stage prod: BadRequestException: Invalid SDK type",
    ],
  ])("AWS refuses (%s): exit 1, one sentence, nothing written", async (_name, error, message) => {
    const f = fakes({ sendError: error, region: "us-east-1" });
    expect(await f.run("--stack", "prod", "--stage", "prod")).toBe(1);
    expect([f.err, f.calls.written]).toEqual([[`sdk: ${message}`], []]);
    expect(describeAwsFailure(error, "a1b2c3d4e5", "prod", "us-east-1")).toBe(message);
  });

  test("an empty answer is a failure, not an empty zip", async () => {
    const f = fakes({ body: new Uint8Array(0) });
    expect(await f.run("--stack", "prod", "--stage", "prod", "--rest-api-id", "a1b2c3d4e5")).toBe(1);
    expect([f.err, f.calls.written]).toEqual([["sdk: API Gateway answered GetSdk for REST API a1b2c3d4e5, stage prod with an empty body"], []]);
  });
});

describe("npm run sdk, the real command on this machine (no AWS account, no Pulumi CLI)", () => {
  let home: string;
  beforeAll(() => (home = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-home-"))));
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
  // No credentials anywhere: no AWS_* variables, an empty home (no ~/.aws), and no instance metadata to ask.
  const run = (...argv: string[]) =>
    spawnSync(process.execPath, ["-r", "./scripts/register-typescript.cjs", "sdk/get-sdk-cli.ts", ...argv], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
      // PATH: an empty folder, so no Pulumi CLI either (node itself runs by its absolute path).
      env: { PATH: home, HOME: home, AWS_EC2_METADATA_DISABLED: "true" },
    });

  test("without credentials: exit 1 and what to do, nothing written", () => {
    const result = run("--stack", "prod", "--stage", "prod", "--rest-api-id", "a1b2c3d4e5", "--out", path.join(home, "out"));
    expect([result.status, result.stdout]).toEqual([1, ""]);
    expect(result.stderr).toBe(
      "sdk: no AWS credentials were found (Could not load credentials from any providers): set AWS_PROFILE, run aws sso login or aws configure, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\n",
    );
    expect(fs.existsSync(path.join(home, "out"))).toBe(false);
  });

  test("without the Pulumi CLI (and no --rest-api-id): exit 1, naming the way around it", () => {
    const result = run("--stack", "prod", "--stage", "prod");
    expect([result.status, result.stderr]).toEqual([
      1,
      "sdk: the Pulumi CLI is not on PATH (it reads the stack output restApiId); install it, or pass --rest-api-id <id>\n",
    ]);
  });

  test("--help exits 0; a bad flag exits 2", () => {
    expect(run("--help").status).toBe(0);
    const bad = run("--stack", "prod");
    expect([bad.status, bad.stderr]).toEqual([2, `--stage is required; ${SDK_USAGE}\n`]);
  });
});
