import * as path from "path";
import { installMocks, type RecordedResource } from "./mocks";
import { DEFAULT_MOCK_ENVIRONMENT } from "./mock-state";
import { REPO_ROOT } from "./stack-files";

export interface ProgramOptions {
  readonly project: string;
  readonly stack: string;
  /** Every config value, keyed `namespace:key`. */
  readonly config: Record<string, unknown>;
}

/**
 * Runs the real program (index.ts) under Pulumi mocks and returns every resource it registered.
 * Pulumi's runtime state is global: one program run per process.
 */
export async function runProgram(opts: ProgramOptions): Promise<RecordedResource[]> {
  const region = typeof opts.config["aws:region"] === "string" ? (opts.config["aws:region"] as string) : DEFAULT_MOCK_ENVIRONMENT.region;
  const recorder = await installMocks({
    project: opts.project,
    stack: opts.stack,
    config: opts.config,
    environment: { ...DEFAULT_MOCK_ENVIRONMENT, region },
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(REPO_ROOT, "index"));
  return recorder.settled();
}
