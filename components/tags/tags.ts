import type { StackConfig } from "../../config";

export type Tags = Readonly<Record<string, string>>;

/** The tags every taggable resource of a stack carries; the stack's own tags may add to them. */
export function stackTags(cfg: StackConfig): Tags {
  return { ...cfg.tags, project: cfg.project, stack: cfg.stack, environment: cfg.environment, owner: cfg.owner };
}
