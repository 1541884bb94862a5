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
