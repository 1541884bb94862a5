/**
 * `npm run sdk -- --stack <name> --stage <stage> [--out <folder>] [--rest-api-id <id>] [--region <region>]`:
 * after `pulumi up`, downloads the stage's JavaScript SDK that API Gateway generates (GetSdk) as
 * `<out>/<stack>-<stage>-javascript-sdk.zip`. Exit status: 0 written (and for --help), 1 failed, 2 bad usage.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { exitAfterFlush } from "../preview/exit";
import type * as StackFiles from "../preview/stack-files";
import { downloadSdk, parseSdkArgs, SDK_USAGE, SdkError, UsageError, type SdkDeps } from "./get-sdk";

export const realDeps: SdkDeps = {
  client: (region) => {
    // Node 20 is this project's runtime (the lock file keeps SDK versions that run on it): no nag before the answer.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    // Required here (as the stack files below): --help and usage errors answer without the SDK or the YAML parser.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { APIGatewayClient: Client } = require("@aws-sdk/client-api-gateway") as { APIGatewayClient: typeof APIGatewayClient };
    return new Client(region ? { region } : {});
  },
  stackOutput: (stack, name) =>
    new Promise((resolve, reject) =>
      execFile("pulumi", ["stack", "output", name, "--stack", stack], { encoding: "utf8" }, (error, stdout, stderr) =>
        error ? reject(Object.assign(new Error(stderr.trim() || error.message), { code: (error as NodeJS.ErrnoException).code })) : resolve(stdout),
      ),
    ),
  stackRegion: (stack) => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { readProjectFile, stackConfig, stackFilePath } = require("../preview/stack-files") as typeof StackFiles;
      const region = stackConfig(readProjectFile(), stackFilePath(stack))["aws:region"];
      return typeof region === "string" ? region : undefined;
    } catch {
      return undefined; // no stack file here: the SDK's own region (AWS_REGION, the profile), or --region
    }
  },
  writeFile: (file, bytes) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
  },
};

export async function main(
  argv: readonly string[],
  deps: SdkDeps = realDeps,
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  let args;
  try {
    args = parseSdkArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(error.message);
    return 2;
  }
  if (args === "help") {
    out(SDK_USAGE);
    out(
      "Downloads the JavaScript SDK API Gateway generates for a deployed stage (GetSdk) as <out>/<stack>-<stage>-javascript-sdk.zip (default out: .build/sdk).",
    );
    out(
      "The REST API id is the stack output restApiId (pulumi stack output), unless --rest-api-id gives it; the region is --region, else the stack file's aws:region.",
    );
    return 0;
  }
  try {
    const written = await downloadSdk(args, deps);
    out(`wrote ${written.file} (${written.bytes} bytes): the JavaScript SDK of REST API ${written.restApiId}, stage ${args.stage}`);
    return 0;
  } catch (error) {
    if (!(error instanceof SdkError)) throw error;
    err(`sdk: ${error.message}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => exitAfterFlush(code),
    (error: unknown) => {
      process.stderr.write(`sdk failed: ${error instanceof Error ? error.message : String(error)}\n`);
      exitAfterFlush(1);
    },
  );
}
