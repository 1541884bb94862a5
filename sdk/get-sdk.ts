/**
 * `npm run sdk`: downloads the JavaScript SDK API Gateway generates for a deployed stage (GetSdk), as a
 * zip. The REST API's id is the stack output `restApiId` (`pulumi stack output`), or `--rest-api-id`.
 * Everything it talks to (API Gateway, the Pulumi CLI, the stack file, the disk) is passed in, so the
 * tests run it without AWS.
 */
import * as path from "path";
import type { GetSdkCommand, GetSdkCommandInput } from "@aws-sdk/client-api-gateway";

export const SDK_USAGE = "usage: npm run sdk -- --stack <name> --stage <stage> [--out <folder>] [--rest-api-id <id>] [--region <region>]";
export const DEFAULT_OUT = ".build/sdk";
/** The SDK type this command asks for: API Gateway's generated JavaScript client (apigClient.js). */
export const SDK_TYPE = "javascript";

export interface SdkArgs {
  readonly stack: string;
  readonly stage: string;
  /** The folder the zip is written to. */
  readonly out: string;
  /** Skips `pulumi stack output restApiId`. */
  readonly restApiId: string | undefined;
  /** @default the stack file's aws:region, else the AWS SDK's own (AWS_REGION, the profile) */
  readonly region: string | undefined;
}

/** A mistake in the command line: exit code 2. */
export class UsageError extends Error {}
/** Anything else that stops the download: exit code 1, one clear sentence. */
export class SdkError extends Error {}

const FLAGS = ["--stack", "--stage", "--out", "--rest-api-id", "--region"] as const;

/** The command line, or "help" for `--help`/`-h`; throws a UsageError naming the mistake. */
export function parseSdkArgs(argv: readonly string[]): SdkArgs | "help" {
  if (argv.includes("--help") || argv.includes("-h")) return "help";
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!(FLAGS as readonly string[]).includes(arg)) throw new UsageError(`unknown argument ${JSON.stringify(arg)}; ${SDK_USAGE}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith("--") || value === "") throw new UsageError(`${arg} needs a value; ${SDK_USAGE}`);
    values[arg.slice(2)] = value;
  }
  for (const required of ["stack", "stage"]) if (!values[required]) throw new UsageError(`--${required} is required; ${SDK_USAGE}`);
  return {
    stack: values.stack as string,
    stage: values.stage as string,
    out: values.out ?? DEFAULT_OUT,
    restApiId: values["rest-api-id"],
    region: values.region,
  };
}

/** Exactly what GetSdk is asked for. */
export function getSdkInput(restApiId: string, stage: string): GetSdkCommandInput {
  return { restApiId, stageName: stage, sdkType: SDK_TYPE };
}

/** Where the zip goes: `<out>/<stack>-<stage>-javascript-sdk.zip`. */
export const sdkFile = (args: Pick<SdkArgs, "out" | "stack" | "stage">) => path.join(args.out, `${args.stack}-${args.stage}-${SDK_TYPE}-sdk.zip`);

export interface SdkDeps {
  /** An API Gateway client in the region (the real one: `new APIGatewayClient({ region })`). */
  client(region: string | undefined): { send(command: GetSdkCommand): Promise<{ readonly body?: Uint8Array | undefined }> };
  /** `pulumi stack output <name> --stack <stack>`: the value, or a rejection carrying the CLI's message. */
  stackOutput(stack: string, name: string): Promise<string>;
  /** The stack file's `aws:region`, when there is one. */
  stackRegion(stack: string): string | undefined;
  writeFile(file: string, bytes: Uint8Array): void;
}

/** Downloads the stage's SDK and writes it; returns the file and its size. Throws an SdkError on failure. */
export async function downloadSdk(args: SdkArgs, deps: SdkDeps): Promise<{ file: string; bytes: number; restApiId: string }> {
  const restApiId = args.restApiId ?? (await restApiIdOf(args.stack, deps));
  const region = args.region ?? deps.stackRegion(args.stack);
  // The SDK loads here, not for --help or a usage error.
  const { GetSdkCommand } = await import("@aws-sdk/client-api-gateway");
  let body: Uint8Array | undefined;
  try {
    body = (await deps.client(region).send(new GetSdkCommand(getSdkInput(restApiId, args.stage)))).body;
  } catch (error) {
    throw new SdkError(describeAwsFailure(error, restApiId, args.stage, region));
  }
  if (!body || body.length === 0) throw new SdkError(`API Gateway answered GetSdk for REST API ${restApiId}, stage ${args.stage} with an empty body`);
  const file = sdkFile(args);
  deps.writeFile(file, body);
  return { file, bytes: body.length, restApiId };
}

async function restApiIdOf(stack: string, deps: SdkDeps): Promise<string> {
  let id: string;
  try {
    id = (await deps.stackOutput(stack, "restApiId")).trim();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT") throw new SdkError("the Pulumi CLI is not on PATH (it reads the stack output restApiId); install it, or pass --rest-api-id <id>");
    throw new SdkError(
      `pulumi stack output restApiId --stack ${stack} failed: ${firstLine((error as Error).message)}; deploy the stack first, or pass --rest-api-id <id>`,
    );
  }
  if (!/^[a-z0-9]{10}$/.test(id))
    throw new SdkError(`stack ${stack} has no REST API id in its output restApiId (got ${JSON.stringify(id)}); deploy it first, or pass --rest-api-id <id>`);
  return id;
}

const firstLine = (text: string) =>
  text
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.trim() ?? text;

/** One sentence for what AWS (or the SDK before it) refused. */
export function describeAwsFailure(error: unknown, restApiId: string, stage: string, region: string | undefined): string {
  const name = (error as { name?: unknown }).name;
  const message = firstLine(error instanceof Error ? error.message : String(error));
  const resource = `arn:aws:apigateway:${region ?? "<region>"}::/restapis/${restApiId}/stages/${stage}/sdks/${SDK_TYPE}`;
  switch (name) {
    case "CredentialsProviderError":
      return `no AWS credentials were found (${message}): set AWS_PROFILE, run aws sso login or aws configure, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`;
    case "NotFoundException":
      return `API Gateway has no stage ${JSON.stringify(stage)} of REST API ${restApiId} in ${region ?? "the default region"} (${message}); check --stage, --region and the stack's restApiId`;
    case "UnauthorizedException":
    case "AccessDeniedException":
      return `these credentials may not download the SDK (${message}): they need apigateway:GET on ${resource}`;
    case "TooManyRequestsException":
      return `API Gateway is throttling GetSdk (${message}); try again in a minute`;
    default:
      if (/region is missing/i.test(message)) return "no AWS region: pass --region, or set aws:region in the stack file or AWS_REGION";
      return `GetSdk failed for REST API ${restApiId}, stage ${stage}: ${typeof name === "string" ? `${name}: ` : ""}${message}`;
  }
}
