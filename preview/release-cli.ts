/**
 * `npm run release -- --stack <name> [--stage <name>] [--config-file <path>] status|promote|rollback`:
 * the canary release flow of the REST API. It runs the program under mocks to learn which release the
 * config makes and what each canary stage serves, and records decisions in the stack file's
 * `microservice-gateway:releases`; `pulumi up` then carries them out.
 * Exit status: 0 done, 1 the action does not apply (or the config is invalid), 2 bad usage.
 */
import { ConfigError } from "../config/config-error";
import { parseStackCommandOrExit } from "./cli-args";
import { exitAfterFlush } from "./exit";
import type { CanaryStage, ReleaseAction } from "./release-state";
import { runStack } from "./load-program";
import { stackFilePath } from "./stack-names";
import type { RecordedResource } from "./mocks";
import * as path from "path";

export const RELEASE_USAGE = "usage: npm run release -- --stack <name> [--stage <name>] [--config-file <path>] status|promote|rollback";

export const RELEASE_HELP = `${RELEASE_USAGE}

The canary release flow of the REST API. A stage with a canary block keeps serving its live release
while the release the config makes runs in the canary, at the canary's share of traffic:

  status     what each canary stage and its canary serve
  promote    the canary's release becomes live (the old one stays deployed, for a console rollback)
  rollback   the canary's release is set aside; the canary serves the live release again

promote and rollback write microservice-gateway:releases in the stack file; run \`pulumi up\` after
them to carry them out. The first promote pins the release the stage serves, so that the next change
of the config runs in the canary first.

  --stack <name>        the stack (Pulumi.<name>.yaml)
  --stage <name>        the stage, when more than one has a canary
  --config-file <path>  a stack file in the same format instead of Pulumi.<name>.yaml (written by promote and rollback)

Exit status: 0 done, 1 the action does not apply or the config is invalid, 2 bad usage.`;

export interface ReleaseArgs {
  readonly stack: string;
  readonly stage: string | undefined;
  readonly configFile: string | undefined;
  readonly action: ReleaseAction;
}

export class UsageError extends Error {}

export function parseReleaseArgs(argv: readonly string[]): ReleaseArgs | "help" {
  const values: Record<string, string> = {};
  let action: ReleaseAction | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--stack" || arg === "--stage" || arg === "--config-file") {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`${arg} needs a value; ${RELEASE_USAGE}`);
      values[arg.slice(2)] = value;
    } else if (arg === "status" || arg === "promote" || arg === "rollback") {
      if (action) throw new UsageError(`give one action, not ${action} and ${arg}; ${RELEASE_USAGE}`);
      action = arg;
    } else throw new UsageError(`unknown argument ${JSON.stringify(arg)}; ${RELEASE_USAGE}`);
  }
  if (!values.stack) throw new UsageError(`--stack is required; ${RELEASE_USAGE}`);
  if (!action) throw new UsageError(`an action is required (status, promote or rollback); ${RELEASE_USAGE}`);
  return { stack: values.stack, stage: values.stage, configFile: values["config-file"], action };
}

/** The public REST API's recorded plan, and its stages that have a canary. */
export function canaryStages(resources: readonly RecordedResource[]): { current: string; stages: CanaryStage[] } {
  const api = resources.find((r) => r.type === "gateway:rest-api:RestApi" && r.name === "api");
  if (!api) throw new Error("the program registered no public REST API");
  const plan = api.inputs.stages as Record<string, { release: string; canary: string }>;
  const stages = resources
    .filter((r) => r.type === "aws:apigateway/stage:Stage" && r.parentUrn !== undefined && r.inputs.canarySettings !== undefined)
    .filter((r) => resources.find((p) => p.urn === r.parentUrn)?.parentUrn === api.urn)
    .map((r): CanaryStage => {
      const name = r.inputs.stageName as string;
      const canary = r.inputs.canarySettings as { percentTraffic?: number };
      return { name, percentTraffic: canary.percentTraffic ?? 0, release: plan[name]!.release, canary: plan[name]!.canary };
    });
  return { current: api.inputs.releaseId as string, stages };
}

export async function release(args: ReleaseArgs, out: (line: string) => void): Promise<number> {
  const file = args.configFile ? path.resolve(args.configFile) : stackFilePath(args.stack);
  const run = await runStack(args.stack, args.configFile);
  const { readReleases, nextState, pickStage, statusLine, writeStageRelease } = await import("./release-state");
  const { current, stages } = canaryStages(run.resources);
  const state = readReleases(file, run.project, publicStageNames(run.resources));
  if (args.action === "status") {
    if (stages.length === 0) out(`no stage of ${args.stack} has a canary; every stage serves the config's release ${current}`);
    for (const stage of stages) out(statusLine(stage, state[stage.name], current, args.stack));
    return 0;
  }
  const stage = pickStage(stages, args.stage);
  const next = nextState(args.action, state[stage.name], current);
  writeStageRelease(file, run.project, stage.name, next);
  out(
    args.action === "promote"
      ? `${stage.name}: release ${current} is now live (recorded in ${path.relative(process.cwd(), file)}); run \`pulumi up\` to move the stage to it`
      : `${stage.name}: release ${current} rolled back (recorded in ${path.relative(process.cwd(), file)}); run \`pulumi up\`: the canary serves the live release ${next.live} again`,
  );
  return 0;
}

/** The stage names of the stack (the public API's stages). */
function publicStageNames(resources: readonly RecordedResource[]): string[] {
  const api = resources.find((r) => r.type === "gateway:rest-api:RestApi" && r.name === "api");
  return Object.keys((api?.inputs.stages ?? {}) as Record<string, unknown>);
}

async function main(): Promise<number> {
  const parsed = parseStackCommandOrExit(process.argv.slice(2), parseReleaseArgs, RELEASE_HELP);
  if ("exit" in parsed) return parsed.exit;
  const { args } = parsed;
  try {
    return await release(args, (line) => process.stdout.write(`${line}\n`));
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) main().then((code) => exitAfterFlush(code));
