/**
 * Which release of the REST API each stage serves, kept in the stack's config
 * (`microservice-gateway:releases`) and written by `npm run release`. A release is one state of the
 * API (its document and the settings a deployment snapshots), named by a 12-character id the program
 * derives from the config. For a stage with a `canary` block:
 * - no recorded `live` release: the stage follows the config, like a stage without a canary;
 * - `live` recorded and the config makes another release: the stage keeps serving `live` while the
 *   config's release runs in the canary at its share of traffic, until `promote` (live := the canary's)
 *   or `rollback` (the canary's release is `rejected`, and the canary serves `live` again);
 * - `previous` are earlier live releases whose deployments are kept, so the console can roll back to them.
 */
export interface StageRelease {
  readonly live: string | undefined;
  /** Earlier live releases, newest first, kept deployed. */
  readonly previous: readonly string[];
  /** Releases rolled back from the canary: they do not enter it again. */
  readonly rejected: readonly string[];
}

export type ReleaseState = Readonly<Record<string, StageRelease>>;

export const RELEASES_KEY = "releases";
/** How many earlier live releases stay deployed. */
export const KEPT_RELEASES = 3;
const RELEASE_ID = /^[0-9a-f]{12}$/;

export type ReleaseParse = { readonly releases: ReleaseState } | { readonly problems: readonly string[] };

/** Reads the releases value (runtime JSON text or a stack file's object); every problem names its key. */
export function parseReleases(raw: unknown, stageNames: readonly string[], key: string): ReleaseParse {
  let value = raw;
  if (value === undefined) return { releases: {} };
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return { problems: [`${key}: is not JSON (an object of stage name to {live, previous, rejected})`] };
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { problems: [`${key}: must be an object of stage name to {live, previous, rejected}`] };
  const problems: string[] = [];
  const releases: Record<string, StageRelease> = {};
  for (const [stage, entry] of Object.entries(value as Record<string, unknown>)) {
    const at = `${key}.${stage}`;
    if (!stageNames.includes(stage)) problems.push(`${at}: no stage "${stage}" (stages: ${stageNames.join(", ")})`);
    const parsed = stageRelease(entry, at, problems);
    if (parsed) releases[stage] = parsed;
  }
  return problems.length > 0 ? { problems } : { releases };
}

function stageRelease(entry: unknown, at: string, problems: string[]): StageRelease | undefined {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    problems.push(`${at}: must be an object with live, previous and rejected`);
    return undefined;
  }
  const { live, previous = [], rejected = [], ...extra } = entry as Record<string, unknown>;
  for (const name of Object.keys(extra)) problems.push(`${at}.${name}: unknown key; allowed: live, previous, rejected`);
  const id = (v: unknown, where: string): v is string => {
    if (typeof v === "string" && RELEASE_ID.test(v)) return true;
    problems.push(`${where}: ${JSON.stringify(v)} is not a release id (12 lowercase hex characters, as npm run release writes them)`);
    return false;
  };
  const list = (v: unknown, name: string): string[] => {
    if (!Array.isArray(v)) {
      problems.push(`${at}.${name}: must be a list of release ids`);
      return [];
    }
    return v.filter((item, i) => id(item, `${at}.${name}[${i}]`)) as string[];
  };
  const liveId = live === undefined || id(live, `${at}.live`) ? (live as string | undefined) : undefined;
  return { live: liveId, previous: list(previous, "previous"), rejected: list(rejected, "rejected") };
}

/** What each stage and its canary point at, and every release that must stay deployed. */
export interface ReleasePlan {
  /** The release the config makes, first; then the kept ones. */
  readonly releases: readonly string[];
  readonly stages: Readonly<Record<string, { readonly release: string; readonly canary: string }>>;
}

export interface PlannedStage {
  readonly name: string;
  readonly canary: unknown;
}

export function releasePlan(current: string, stages: readonly PlannedStage[], state: ReleaseState): ReleasePlan {
  const kept = new Set<string>([current]);
  const plan: Record<string, { release: string; canary: string }> = {};
  for (const stage of stages) {
    const recorded = state[stage.name];
    for (const id of [recorded?.live, ...(recorded?.previous ?? [])]) if (id !== undefined) kept.add(id);
    if (!stage.canary || recorded?.live === undefined) {
      plan[stage.name] = { release: current, canary: current };
      continue;
    }
    const canaryRuns = current !== recorded.live && !recorded.rejected.includes(current);
    plan[stage.name] = { release: recorded.live, canary: canaryRuns ? current : recorded.live };
  }
  return { releases: [...kept], stages: plan };
}

/** `promote`: the canary's release (the config's) becomes live; the old live one is kept for rollback. */
export function promote(state: StageRelease | undefined, current: string): StageRelease {
  const live = state?.live;
  if (live === current) throw new Error(`nothing to promote: release ${current} is already live (the canary runs it too)`);
  if (state?.rejected.includes(current)) throw new Error(`release ${current} was rolled back; change the config to make a new release`);
  const previous = live === undefined ? (state?.previous ?? []) : [live, ...(state?.previous ?? []).filter((id) => id !== live)];
  return { live: current, previous: previous.slice(0, KEPT_RELEASES), rejected: state?.rejected ?? [] };
}

/** `rollback`: the canary's release is rejected; the canary serves the live release again. */
export function rollback(state: StageRelease | undefined, current: string): StageRelease {
  if (state?.live === undefined) throw new Error("nothing to roll back: no live release is recorded, so the stage serves the config's release");
  if (state.live === current) throw new Error(`nothing to roll back: the canary runs the live release ${current}`);
  if (state.rejected.includes(current)) throw new Error(`release ${current} is already rolled back`);
  return { ...state, rejected: [current, ...state.rejected].slice(0, 10) };
}
