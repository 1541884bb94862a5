/**
 * `npm run openapi -- --stack <name> [--config-file <path>] [--stage <stage>] [--api public|internal]`: prints the OpenAPI
 * document the stack deploys as a REST API body, offline (the program runs under Pulumi mocks): the
 * public API's, or the internal API's. With --stage, the document names that stage's invoke URL as
 * its server.
 */
import { parseStackCommandOrExit } from "./cli-args";
import { exitAfterFlush } from "./exit";
import { ConfigError } from "../config/config-error";
import { API_KINDS, type ApiKind } from "../config/constants";
import type { RecordedResource } from "./mocks";
import { runStack } from "./load-program";

export const OPENAPI_USAGE = "usage: npm run openapi -- --stack <name> [--config-file <path>] [--stage <stage>] [--api public|internal]";

export const OPENAPI_HELP = `${OPENAPI_USAGE}

Prints, offline (the program runs under Pulumi mocks), the OpenAPI 3 document the stack deploys as a
REST API body: the public API's, or the internal API's. With --stage, the document names that stage's
invoke URL as its server. Pipe it with npm run -s.

  --stack <name>           the stack: Pulumi.<name>.yaml
  --config-file <path>     a stack file in the same format, read instead
  --stage <stage>          name the stage's invoke URL as the document's server
  --api public|internal    which REST API (default public)

Exit status: 0 printed, 1 an invalid config, 2 bad usage.`;

/** The component name of each API's RestApi in app.ts: its resources are named from it. */
const REST_API_COMPONENTS: Readonly<Record<ApiKind, string>> = { public: "api", internal: "internal-rest" };

export interface OpenApiArgs {
  readonly stack: string;
  /** A stack file in the same format to read instead of `Pulumi.<stack>.yaml`. */
  readonly configFile: string | undefined;
  readonly stage: string | undefined;
  readonly api: ApiKind;
}

export function parseOpenApiArgs(argv: readonly string[]): OpenApiArgs | "help" {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") return "help";
    if (!["--stack", "--config-file", "--stage", "--api"].includes(arg)) throw new Error(`unknown argument ${JSON.stringify(arg)}; ${OPENAPI_USAGE}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith("--")) throw new Error(`${arg} needs a value; ${OPENAPI_USAGE}`);
    values[arg.slice(2)] = value;
  }
  if (!values.stack) throw new Error(`--stack is required; ${OPENAPI_USAGE}`);
  const api = values.api ?? "public";
  if (!(API_KINDS as readonly string[]).includes(api)) throw new Error(`--api: ${JSON.stringify(api)} is not one of ${API_KINDS.join(", ")}`);
  return { stack: values.stack, configFile: values["config-file"], stage: values.stage, api: api as ApiKind };
}

/** The document of one of the stack's REST APIs, with the stage's server when one is named. */
export function documentOf(
  resources: readonly RecordedResource[],
  stage: string | undefined,
  region: string,
  kind: ApiKind = "public",
): Record<string, unknown> {
  const component = REST_API_COMPONENTS[kind];
  const api = resources.find((r) => r.type === "aws:apigateway/restApi:RestApi" && r.name === `${component}-api`);
  if (!api || typeof api.inputs.body !== "string") throw new Error(`the stack has no ${kind} REST API with an OpenAPI body`);
  const document = JSON.parse(api.inputs.body) as Record<string, unknown>;
  if (stage === undefined) return document;
  const stages = resources.filter((r) => r.type === "aws:apigateway/stage:Stage" && r.name.startsWith(`${component}-`));
  const found = stages.find((s) => s.inputs.stageName === stage);
  if (!found) throw new Error(`no stage ${JSON.stringify(stage)}; the stack's stages: ${stages.map((s) => s.inputs.stageName).join(", ")}`);
  return { ...document, servers: [{ url: `https://${String(found.inputs.restApi)}.execute-api.${region}.amazonaws.com/${stage}` }] };
}

async function main(): Promise<number> {
  const parsed = parseStackCommandOrExit(process.argv.slice(2), parseOpenApiArgs, OPENAPI_HELP);
  if ("exit" in parsed) return parsed.exit;
  const { args } = parsed;
  try {
    const { resources, region } = await runStack(args.stack, args.configFile);
    const document = documentOf(resources, args.stage, region, args.api);
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

if (require.main === module) {
  main().then(
    (code) => exitAfterFlush(code),
    (err: unknown) => {
      process.stderr.write(`openapi failed: ${err instanceof Error ? err.message : String(err)}\n`);
      exitAfterFlush(1);
    },
  );
}
