/**
 * `npm run preview -- --stack <name> [--config-file <path>] [--json]`: runs the program under Pulumi
 * mocks with the stack's configuration and evaluates the policy pack with the stack's pack config,
 * as `pulumi preview --policy-pack policies` would, with no Pulumi CLI and no cloud account.
 * The config's warnings are listed (and in the JSON report's `warnings`); they never fail the run.
 * Exit status: 0 when no mandatory policy is violated, 1 when one is or the config is invalid, 2 on bad usage.
 */
import { exitAfterFlush } from "./exit";
import { allPolicies } from "../policies/all";
import { ConfigError } from "../config/parse";
import { readPackConfig } from "./pack-config";
import { evaluatePolicies } from "./policy-evaluation";
import { jsonReport, textReport } from "./report";
import { runStack } from "./run-program";

export interface PreviewArgs {
  readonly stack: string;
  readonly configFile: string | undefined;
  readonly json: boolean;
}

export const USAGE = "usage: npm run preview -- --stack <name> [--config-file <path>] [--json]";

export function parseArgs(argv: readonly string[]): PreviewArgs {
  let stack: string | undefined;
  let configFile: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") json = true;
    else if (arg === "--stack" || arg === "--config-file") {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--")) throw new Error(`${arg} needs a value; ${USAGE}`);
      if (arg === "--stack") stack = value;
      else configFile = value;
    } else throw new Error(`unknown argument ${JSON.stringify(arg)}; ${USAGE}`);
  }
  if (!stack) throw new Error(`--stack is required; ${USAGE}`);
  return { stack, configFile, json };
}

async function main(): Promise<number> {
  let args: PreviewArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  let run;
  try {
    run = await runStack(args.stack, args.configFile);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ stack: args.stack, configErrors: err.problems, resources: [], violations: [] })}\n`);
    } else {
      process.stderr.write(`${err.message}\n`);
    }
    return 1;
  }
  const { resources } = run;
  const stackTags = new Map([
    ["pulumi:project", run.project],
    ["pulumi:runtime", "nodejs"],
  ]);
  const violations = await evaluatePolicies(allPolicies, resources, readPackConfig(args.stack), stackTags);
  if (args.json) process.stdout.write(`${JSON.stringify(jsonReport(args.stack, resources, violations, run.warnings))}\n`);
  else process.stdout.write(`${textReport(args.stack, resources, violations, run.warnings)}\n`);
  return violations.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => exitAfterFlush(code),
    (err: unknown) => {
      process.stderr.write(`preview failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      exitAfterFlush(1);
    },
  );
}
