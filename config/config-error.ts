/**
 * An invalid stack configuration, with every problem found. It carries the marker of Pulumi's
 * `RunError`, so `pulumi preview` and `pulumi up` print its message alone, without a stack trace.
 */
export class ConfigError extends Error {
  /** Read by Pulumi's `RunError.isInstance` (this module stays free of the Pulumi SDK). */
  readonly __pulumiRunError = true;

  constructor(readonly problems: readonly string[]) {
    super(`invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}
