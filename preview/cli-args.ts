/**
 * The arguments of a command, or why it will not run: `--help` prints the help (exit 0), a usage error
 * its message (exit 2). Every command answers the same way.
 */
export type Parsed<A> = { readonly args: A } | { readonly exit: 0 | 2 };

export function parseOrExit<A>(argv: readonly string[], parse: (argv: readonly string[]) => A | "help", help: string): Parsed<A> {
  let parsed: A | "help";
  try {
    parsed = parse(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return { exit: 2 };
  }
  if (parsed === "help") {
    process.stdout.write(`${help}\n`);
    return { exit: 0 };
  }
  return { args: parsed };
}
