import { stackFileProblem } from "./stack-names";

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

/**
 * As `parseOrExit`, for a command run on a stack: a stack with no stack file (and no --config-file)
 * is a usage error too, answered with the stacks that exist (exit 2).
 */
export function parseStackCommandOrExit<A extends { readonly stack: string; readonly configFile: string | undefined }>(
  argv: readonly string[],
  parse: (argv: readonly string[]) => A | "help",
  help: string,
): Parsed<A> {
  const parsed = parseOrExit(argv, parse, help);
  if ("exit" in parsed) return parsed;
  const missing = stackFileProblem(parsed.args.stack, parsed.args.configFile);
  if (missing === undefined) return parsed;
  process.stderr.write(`${missing}\n`);
  return { exit: 2 };
}
