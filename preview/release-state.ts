import * as fs from "fs";
import { isMap, isScalar, parseDocument } from "yaml";
import { parseReleases, promote, rollback, RELEASES_KEY, type ReleaseState, type StageRelease } from "../config/releases";

/** A canary stage as the program under mocks registered it. */
export interface CanaryStage {
  readonly name: string;
  readonly percentTraffic: number;
  /** The releases the stage and its canary serve (from the REST API component's recorded plan). */
  readonly release: string;
  readonly canary: string;
}

export type ReleaseAction = "status" | "promote" | "rollback";

/** The releases value of a stack file, its comments and layout kept when it is written back. */
export function readReleases(file: string, project: string, stageNames: readonly string[]): ReleaseState {
  const doc = parseDocument(fs.readFileSync(file, "utf8"));
  const raw = doc.getIn(["config", `${project}:${RELEASES_KEY}`]) as { toJSON(): unknown } | undefined;
  const parsed = parseReleases(raw?.toJSON(), stageNames, `${file}: ${project}:${RELEASES_KEY}`);
  if ("problems" in parsed) throw new Error(parsed.problems.join("\n"));
  return parsed.releases;
}

/**
 * Records one stage's releases in the stack file. Only the releases block is written: the rest of the
 * file, comments and layout included, stays as it was (a YAML round trip would reflow it).
 */
export function writeStageRelease(file: string, project: string, stage: string, release: StageRelease): void {
  const text = fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, withStageRelease(text, project, stage, release));
}

export function withStageRelease(text: string, project: string, stage: string, release: StageRelease): string {
  const key = `${project}:${RELEASES_KEY}`;
  const doc = parseDocument(text);
  const config = doc.get("config", true);
  if (!isMap(config)) throw new Error("the stack file has no config mapping");
  const pair = config.items.find((p) => isScalar(p.key) && p.key.value === key);
  const existing = (pair?.value as { toJSON(): unknown } | undefined)?.toJSON() as Record<string, unknown> | undefined;
  const entries = { ...(existing ?? {}), [stage]: release } as Record<string, StageRelease>;
  const block = [`  ${key}:`, ...Object.entries(entries).map(([name, r]) => `    ${name}: ${flowRelease(r)}`)].join("\n") + "\n";
  if (pair && isScalar(pair.key) && pair.key.range && pair.value && (pair.value as { range?: number[] }).range) {
    const start = text.lastIndexOf("\n", pair.key.range[0]) + 1;
    const valueEnd = (pair.value as { range: number[] }).range[1] as number;
    const end = text.indexOf("\n", valueEnd - 1) === -1 ? text.length : text.indexOf("\n", valueEnd - 1) + 1;
    return text.slice(0, start) + block + text.slice(end);
  }
  const configEnd = (config.range?.[1] ?? text.length) as number;
  const at = text.lastIndexOf("\n", configEnd - 1) + 1 || text.length;
  const head = text.slice(0, at);
  return (head.endsWith("\n") || head === "" ? head : `${head}\n`) + block + text.slice(at);
}

const flowRelease = (r: StageRelease): string =>
  `{ ${r.live === undefined ? "" : `live: ${r.live}, `}previous: [${r.previous.join(", ")}], rejected: [${r.rejected.join(", ")}] }`;

/** One line per canary stage: what it serves, what its canary serves, and what to do next. */
export function statusLine(stage: CanaryStage, state: StageRelease | undefined, current: string, stack: string): string {
  const head = `${stage.name}: `;
  if (state?.live === undefined) {
    return `${head}no live release recorded: the stage and its canary follow the config (release ${current}); "npm run release -- --stack ${stack} --stage ${stage.name} promote" pins it, so the next change runs in the canary first`;
  }
  if (stage.canary !== stage.release) {
    return `${head}live ${stage.release}, canary ${stage.canary} at ${stage.percentTraffic} %: "promote" to make it live, or "rollback"`;
  }
  const rejected = state.rejected.includes(current) ? ` (the config's release ${current} was rolled back: change the config to make a new one)` : "";
  return `${head}live ${stage.release}, no canary release running${rejected}`;
}

/** The stage's new state after `promote` or `rollback` of the config's release. */
export function nextState(action: "promote" | "rollback", state: StageRelease | undefined, current: string): StageRelease {
  return action === "promote" ? promote(state, current) : rollback(state, current);
}

/** The stage an action applies to: the one named, or the only canary stage. */
export function pickStage(stages: readonly CanaryStage[], named: string | undefined): CanaryStage {
  if (named !== undefined) {
    const found = stages.find((s) => s.name === named);
    if (!found) throw new Error(`--stage ${named}: not a stage with a canary (canary stages: ${stages.map((s) => s.name).join(", ") || "none"})`);
    return found;
  }
  if (stages.length === 1) return stages[0] as CanaryStage;
  if (stages.length === 0) throw new Error("no stage has a canary: add a canary block to a stage (stages.<name>.canary) first");
  throw new Error(`several stages have a canary (${stages.map((s) => s.name).join(", ")}): name one with --stage`);
}
