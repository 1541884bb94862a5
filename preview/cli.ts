/**
 * `npm run preview -- --stack <name> [--config-file <path>] [--json]`: runs the program under Pulumi
 * mocks with the stack's configuration and evaluates the policy pack with the stack's pack config,
 * as `pulumi preview --policy-pack policies` would, with no Pulumi CLI and no cloud account.
 * The config's warnings are listed (and in the JSON report's `warnings`); they never fail the run.
 * Exit status: 0 when no mandatory policy is violated, 1 when one is or the config is invalid, 2 on bad usage.
 */
import { parseStackCommandOrExit } from "./cli-args";
import { exitAfterFlush } from "./exit";
import { ConfigError } from "../config/config-error";
import { runStack } from "./load-program";

export interface PreviewArgs {
  readonly stack: string;
  readonly configFile: string | undefined;
  readonly json: boolean;
}

export const USAGE = "usage: npm run preview -- --stack <name> [--config-file <path>] [--json]";

export const HELP = `${USAGE}

Runs the program under Pulumi mocks with the stack's configuration, with no Pulumi CLI and no cloud
account, and evaluates the policy pack (policies/) with the stack's pack config
(policies/config/<stack>.json), as \`pulumi preview --policy-pack policies\` would.

  --stack <name>        the stack: Pulumi.<name>.yaml
  --config-file <path>  a stack file in the same format, read instead of Pulumi.<name>.yaml
  --json                one JSON object {stack, resources, violations, warnings} (use npm run -s to pipe it)

Exit status: 0 no mandatory violation, 1 a mandatory violation or an invalid config, 2 bad usage.`;

/** The arguments, or "help"; throws naming what is wrong. */
export function parseArgs(argv: readonly string[]): PreviewArgs | "help" {
  let stack: string | undefined;
  let configFile: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return "help";
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
  const parsed = parseStackCommandOrExit(process.argv.slice(2), parseArgs, HELP);
  if ("exit" in parsed) return parsed.exit;
  const { args } = parsed;
  if (process.stderr.isTTY)
    process.stderr.write(`Running the program of stack "${args.stack}" under mocks (bundling the functions, registering the resources)…\n`);
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
  const [{ allPolicies }, { evaluatePolicies }, { readPackConfig }, { jsonReport, textReport }, { paletteFor }] = await Promise.all([
    import("../policies/all"),
    import("./policy-evaluation"),
    import("./pack-config"),
    import("./report"),
    import("./policy-report"),
  ]);
  const violations = await evaluatePolicies(allPolicies, resources, readPackConfig(args.stack), stackTags);
  if (args.json) process.stdout.write(`${JSON.stringify(jsonReport(args.stack, resources, violations, run.warnings))}\n`);
  else process.stdout.write(`${textReport(args.stack, resources, violations, run.warnings, { colour: paletteFor(process.stdout) })}\n`);
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
