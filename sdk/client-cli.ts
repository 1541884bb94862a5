/**
 * `npm run client -- --stack <name> [--config-file <path>] [--api public|internal] [--out <file>] [--check]`
 * or `npm run client -- --document <openapi.json|yaml> [--out <file>] [--check]`: a typed TypeScript
 * client (sdk/client/generate.ts) of the stack's OpenAPI document, the one `npm run openapi` prints
 * (the program runs under mocks, offline), or of a document on disk (e.g. a stage's export from
 * `pulumi stack output openApiExports`). Without --out it prints the client; with --check it writes
 * nothing and fails when --out differs from what it would write.
 * Exit status: 0 written, printed or up to date (and for --help), 1 failed or out of date, 2 bad usage.
 */
import * as fs from "fs";
import * as path from "path";
import { API_KINDS, type ApiKind } from "../config/constants";
import { ConfigError } from "../config/config-error";
import { exitAfterFlush } from "../preview/exit";
import { documentOf } from "../preview/openapi-cli";
import { runStack } from "../preview/load-program";
import { generateClient } from "./client/generate";

export const CLIENT_USAGE =
  "usage: npm run client -- (--stack <name> [--config-file <path>] [--api public|internal] | --document <file>) [--out <file>] [--check]";

export interface ClientArgs {
  readonly source: { readonly stack: string; readonly configFile: string | undefined; readonly api: ApiKind } | { readonly document: string };
  readonly out: string | undefined;
  readonly check: boolean;
}

export class ClientUsageError extends Error {}

export function parseClientArgs(argv: readonly string[]): ClientArgs | "help" {
  if (argv.includes("--help") || argv.includes("-h")) return "help";
  const values: Record<string, string> = {};
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--check") {
      check = true;
      continue;
    }
    if (!["--stack", "--config-file", "--api", "--document", "--out"].includes(arg))
      throw new ClientUsageError(`unknown argument ${JSON.stringify(arg)}; ${CLIENT_USAGE}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith("--") || value === "") throw new ClientUsageError(`${arg} needs a value; ${CLIENT_USAGE}`);
    values[arg.slice(2)] = value;
  }
  if ((values.stack === undefined) === (values.document === undefined)) throw new ClientUsageError(`give one of --stack and --document; ${CLIENT_USAGE}`);
  if (values.document !== undefined && (values["config-file"] !== undefined || values.api !== undefined)) {
    throw new ClientUsageError(`--config-file and --api go with --stack; ${CLIENT_USAGE}`);
  }
  if (check && values.out === undefined) throw new ClientUsageError(`--check compares with --out <file>; ${CLIENT_USAGE}`);
  const api = values.api ?? "public";
  if (!(API_KINDS as readonly string[]).includes(api)) throw new ClientUsageError(`--api: ${JSON.stringify(api)} is not one of ${API_KINDS.join(", ")}`);
  return {
    source:
      values.document !== undefined ? { document: values.document } : { stack: values.stack as string, configFile: values["config-file"], api: api as ApiKind },
    out: values.out,
    check,
  };
}

/** The command that regenerates the output, as its header names it (never --check). */
export function regenerateCommand(args: ClientArgs): string {
  const source =
    "document" in args.source
      ? ["--document", args.source.document]
      : [
          "--stack",
          args.source.stack,
          ...(args.source.configFile ? ["--config-file", args.source.configFile] : []),
          ...(args.source.api !== "public" ? ["--api", args.source.api] : []),
        ];
  return ["npm run client --", ...source, ...(args.out ? ["--out", args.out] : [])].join(" ");
}

async function documentFrom(args: ClientArgs): Promise<Record<string, unknown>> {
  if ("document" in args.source) {
    const { parse } = await import("yaml");
    const parsed: unknown = parse(fs.readFileSync(args.source.document, "utf8"));
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
      throw new Error(`${args.source.document}: not an OpenAPI document (expected a mapping)`);
    return parsed as Record<string, unknown>;
  }
  const { resources, region } = await runStack(args.source.stack, args.source.configFile);
  return documentOf(resources, undefined, region, args.source.api);
}

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseClientArgs(argv);
  } catch (error) {
    if (!(error instanceof ClientUsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (args === "help") {
    process.stdout.write(
      `${CLIENT_USAGE}\nA typed TypeScript client (fetch, one function per operation) of the stack's OpenAPI document, or of a document file.\n`,
    );
    return 0;
  }
  let text: string;
  try {
    text = generateClient(await documentFrom(args), { command: regenerateCommand(args) });
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : `client: ${(error as Error).message}`}\n`);
    return 1;
  }
  if (args.out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  if (args.check) {
    const current = fs.existsSync(args.out) ? fs.readFileSync(args.out, "utf8") : undefined;
    if (current === text) return 0;
    process.stderr.write(
      `${args.out} ${current === undefined ? "does not exist" : "no longer matches the document"}: regenerate it with ${regenerateCommand(args)}\n`,
    );
    return 1;
  }
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, text);
  process.stdout.write(`wrote ${args.out}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => exitAfterFlush(code),
    (error: unknown) => {
      process.stderr.write(`client failed: ${error instanceof Error ? error.message : String(error)}\n`);
      exitAfterFlush(1);
    },
  );
}
