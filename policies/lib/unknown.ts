/** Reading resource inputs that the CLI cannot know yet during `pulumi preview`. */

/**
 * A value that is an output of a resource not created yet. During `pulumi preview` the CLI hands the
 * rules such values as sentinels, and @pulumi/policy throws when a rule reads one; left uncaught, that
 * skips the whole rule (for a stack rule, for every resource) with an advisory "can't run" note.
 */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

/** Whether `err` is @pulumi/policy's UnknownValueError (its class is internal, so match its shape). */
export function isUnknownValueError(err: unknown): boolean {
  return err instanceof Error && "unknownTypeSentinel" in err;
}

/** `get()`, or UNKNOWN when it reads a value unknown during preview. */
export function read<T>(get: () => T): T | Unknown {
  try {
    return get();
  } catch (err) {
    if (isUnknownValueError(err)) return UNKNOWN;
    throw err;
  }
}

interface ProxyModule {
  readonly UnknownValueError: new (sentinel: string, props: string[]) => Error;
  readonly unknownStringValue: string;
}
// The analyzer turns an UnknownValueError thrown by a rule into an advisory "can't run during preview"
// diagnostic and keeps what the rule reported before it; the class is internal to @pulumi/policy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as ProxyModule;

/** Raised at the end of a rule that checked what it could and met values unknown during preview. */
export function cannotCheckUntilKnown(message: string, paths: readonly string[]): Error {
  const error = new proxy.UnknownValueError(proxy.unknownStringValue, [...paths]);
  error.message = message;
  return error;
}

/**
 * What a rule could not read during preview. A rule reads through `read`, checks everything that is
 * known (reporting what is wrong), then calls `settle`: if anything was unknown it throws, so the CLI
 * reports "cannot check … until known" as an advisory, and the rule runs again with the resolved
 * inputs at update, before the resource is created.
 */
export class Pending {
  private readonly paths: string[] = [];

  /** `get()`, remembering `path` when it is unknown. */
  read<T>(path: string, get: () => T): T | Unknown {
    const value = read(get);
    if (value === UNKNOWN && !this.paths.includes(path)) this.paths.push(path);
    return value;
  }

  get unknown(): readonly string[] {
    return this.paths;
  }

  /** Throws when something was unknown: `<subject>: cannot check <what> until <paths> are known …`. */
  settle(subject: string, what: string): void {
    if (this.paths.length === 0) return;
    const list = this.paths.join(", ");
    throw cannotCheckUntilKnown(
      `${subject}: cannot check ${what} until ${list} ${this.paths.length === 1 ? "is" : "are"} known (unknown during preview); the rule checks it again with the resolved value when the update creates the resource.`,
      this.paths,
    );
  }
}
