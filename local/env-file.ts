import * as fs from "fs";

/**
 * `npm start -- --env-file <file>`: dotenv-style lines, set in every function's environment over
 * what the stack gives it. Each line is blank, a `#` comment, or `[export ]KEY=VALUE` where VALUE is
 * bare (trimmed; ` #` starts a comment), `"double-quoted"` (with \n, \r, \t, \" and \\ escapes) or
 * `'single-quoted'` (as it is). Anything else is an error naming the file and line.
 */

/** A line of an env file that is none of the forms above. */
export class EnvFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = "EnvFileError";
  }
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

function quoted(raw: string, fail: (reason: string) => never): string {
  const quote = raw[0] as string;
  let value = "";
  for (let i = 1; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === quote) {
      const rest = raw.slice(i + 1).trim();
      if (rest !== "" && !rest.startsWith("#")) fail(`unexpected ${JSON.stringify(rest)} after the closing ${quote}`);
      return value;
    }
    if (quote === '"' && c === "\\") {
      const next = raw[++i];
      const escaped = next === undefined ? undefined : ESCAPES[next];
      if (escaped === undefined) fail(`unknown escape \\${next ?? ""} (known: \\n \\r \\t \\" \\\\)`);
      value += escaped;
    } else value += c;
  }
  return fail(`no closing ${quote} (a value is one line)`);
}

/** The variables of an env file's text; `file` names it in errors. */
export function parseEnvFile(text: string, file: string): Record<string, string> {
  const variables: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, index) => {
    const fail = (reason: string): never => {
      throw new EnvFileError(file, index + 1, reason);
    };
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const statement = trimmed.startsWith("export ") ? trimmed.slice("export ".length).trimStart() : trimmed;
    const equals = statement.indexOf("=");
    if (equals < 0) fail(`${JSON.stringify(trimmed)} is not KEY=VALUE`);
    const key = statement.slice(0, equals).trim();
    if (!KEY.test(key)) fail(`${JSON.stringify(key)} is not a variable name (letters, digits and _, not starting with a digit)`);
    const raw = statement.slice(equals + 1).trim();
    if (raw.startsWith('"') || raw.startsWith("'")) variables[key] = quoted(raw, fail);
    else variables[key] = raw.replace(/(^|\s+)#.*$/, "").trim();
  });
  return variables;
}

/** Reads and parses an env file; a missing file is an error naming it. */
export function readEnvFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`--env-file: ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  return parseEnvFile(text, file);
}
