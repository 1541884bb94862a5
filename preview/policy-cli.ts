/**
 * `npm run policy -- --program <dir> [--stack <name>] [--config-file <file>] [--json]`: runs any Pulumi
 * TypeScript program under this project's mocks and evaluates this policy pack over what it
 * registers, with the stack's pack config (`policies/config/<stack>.json`, or every default), printing
 * the same report and JSON as `npm run preview`. Exit status: 0 when no mandatory rule is violated, 1
 * when one is (or the program fails), 2 on bad usage; `--help` prints the usage and exits 0.
 */
import * as fs from "fs";
import { parseOrExit } from "./cli-args";
import { exitAfterFlush } from "./exit";

export interface PolicyArgs {
  readonly program: string;
  readonly stack: string;
  readonly configFile: string | undefined;
  readonly json: boolean;
}

export const POLICY_USAGE = "usage: npm run policy -- --program <dir> [--stack <name>] [--config-file <file>] [--json]";

export const POLICY_HELP = `${POLICY_USAGE}

Runs the Pulumi TypeScript program in <dir> (a folder with Pulumi.yaml) under Pulumi mocks, with no
Pulumi CLI and no cloud account, and evaluates this project's policy pack over every resource it
registers, as \`pulumi preview --policy-pack policies\` would with all values known.

  --program <dir>       the program's folder (Pulumi.yaml; its main, or index.ts)
  --stack <name>        the stack: its config is <dir>/Pulumi.<name>.yaml if present, and the pack's
                        config policies/config/<name>.json if present (else every default). Default: dev
  --config-file <file>  a stack config file (Pulumi.<stack>.yaml format) instead of <dir>/Pulumi.<stack>.yaml
  --json                print one JSON object {stack, resources, violations}

Exit status: 0 no mandatory violation, 1 a mandatory violation or a program that fails, 2 bad usage.
Remote components (e.g. @pulumi/aws-apigateway, awsx) register only themselves under mocks: what they
would create is not seen, and the report says so.`;

export class UsageError extends Error {}

/** The arguments, or "help"; throws a UsageError naming what is wrong. */
export function parsePolicyArgs(argv: readonly string[]): PolicyArgs | "help" {
  const values: Record<string, string> = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--json") json = true;
    else if (arg === "--program" || arg === "--stack" || arg === "--config-file") {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`${arg} needs a value; ${POLICY_USAGE}`);
      values[arg.slice(2)] = value;
    } else throw new UsageError(`unknown argument ${JSON.stringify(arg)}; ${POLICY_USAGE}`);
  }
  const program = values.program;
  if (!program) throw new UsageError(`--program is required; ${POLICY_USAGE}`);
  if (!fs.existsSync(program) || !fs.statSync(program).isDirectory()) throw new UsageError(`--program: ${program} is not a folder; ${POLICY_USAGE}`);
  if (values["config-file"] !== undefined && !fs.existsSync(values["config-file"]))
    throw new UsageError(`--config-file: ${values["config-file"]}: no such file`);
  return { program, stack: values.stack ?? "dev", configFile: values["config-file"], json };
}

/** What `npm run policy` prints for `args`, and its exit status: one program checked, nothing written. */
export async function checkProgram(args: PolicyArgs): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }> {
  const [{ allPolicies }, { runExternalProgram, unseenComponents, unseenNote }, { readPackConfig }, { evaluatePolicies }, { jsonReport, textReport }] =
    await Promise.all([import("../policies/all"), import("./external-program"), import("./pack-config"), import("./policy-evaluation"), import("./report")]);
  const { project, resources } = await runExternalProgram(args.program, args.stack, args.configFile);
  const stackTags = new Map([
    ["pulumi:project", project],
    ["pulumi:runtime", "nodejs"],
  ]);
  const violations = await evaluatePolicies(allPolicies, resources, readPackConfig(args.stack), stackTags);
  const note = unseenNote(unseenComponents(resources));
  const code = violations.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0;
  if (args.json) return { code, stdout: `${JSON.stringify(jsonReport(args.stack, resources, violations))}\n`, stderr: note ? `${note}\n` : "" };
  return { code, stdout: `${textReport(args.stack, resources, violations)}${note ? `\n\n${note}` : ""}\n`, stderr: "" };
}

async function main(): Promise<number> {
  const parsed = parseOrExit(process.argv.slice(2), parsePolicyArgs, POLICY_HELP);
  if ("exit" in parsed) return parsed.exit;
  const { code, stdout, stderr } = await checkProgram(parsed.args);
  process.stdout.write(stdout);
  if (stderr) process.stderr.write(stderr);
  return code;
}

if (require.main === module) {
  main().then(
    (code) => exitAfterFlush(code),
    (err: unknown) => {
      process.stderr.write(`policy check failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      exitAfterFlush(1);
    },
  );
}
