import type { Violation } from "./policy-evaluation";

/** The pack as the Pulumi CLI names it in its report: `<name>@v<version>`. */
export interface PackInfo {
  readonly name: string;
  readonly version: string;
  /** Where the pack comes from, as `pulumi preview --policy-pack <path>` shows it. */
  readonly path: string;
}

/** ANSI colours, or none (when the output is not a terminal, or NO_COLOR is set). */
export interface Palette {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly green: (s: string) => string;
  readonly dim: (s: string) => string;
}

const code = (n: number) => (s: string) => `\u001b[${n}m${s}\u001b[0m`;
export const COLOURS: Palette = { red: code(31), yellow: code(33), green: code(32), dim: code(2) };
export const PLAIN: Palette = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s };

/** Colour for a stream that is a terminal, unless NO_COLOR is set (no-color.org). */
export function paletteFor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Palette {
  return stream.isTTY === true && env.NO_COLOR === undefined ? COLOURS : PLAIN;
}

/** How many resources of a repeated advisory are named before "and N more". */
const NAMED = 3;

/** `aws:apigateway/stage:Stage::api-prod` → `api-prod: aws:apigateway/stage:Stage`, as the CLI writes a resource. */
function describe(resource: string | null): string {
  if (resource === null) return "the stack";
  const cut = resource.lastIndexOf("::");
  return cut < 0 ? resource : `${resource.slice(cut + 2)}: ${resource.slice(0, cut)}`;
}

/**
 * The pack's findings as the Pulumi CLI prints them after a preview: the pack, then each violation
 * with its level, rule, resource and message. Mandatory ones are listed one by one; an advisory rule
 * that fires on several resources is one entry with their count, a few of their names and the first
 * message, so 26 alike log groups do not bury the rest.
 */
export function policyReport(pack: PackInfo, violations: readonly Violation[], colour: Palette = PLAIN): string[] {
  const failed = violations.some((v) => v.enforcementLevel === "mandatory");
  const mark = failed ? colour.red("❌") : colour.green("✅");
  const lines = ["Policies:", `    ${mark} ${pack.name}@v${pack.version} (local: ${pack.path})`];
  for (const v of violations.filter((x) => x.enforcementLevel === "mandatory")) {
    lines.push(`        - ${colour.red("[mandatory]")}  ${v.policy}  (${describe(v.resource)})`, `          ${v.message}`);
  }
  const advisories = new Map<string, Violation[]>();
  for (const v of violations.filter((x) => x.enforcementLevel === "advisory")) advisories.set(v.policy, [...(advisories.get(v.policy) ?? []), v]);
  for (const [policy, found] of advisories) {
    const first = found[0] as Violation;
    if (found.length === 1) {
      lines.push(`        - ${colour.yellow("[advisory]")}  ${policy}  (${describe(first.resource)})`, `          ${first.message}`);
      continue;
    }
    const names = [...new Set(found.map((v) => (v.resource === null ? "the stack" : v.resource.slice(v.resource.lastIndexOf("::") + 2))))];
    const more = names.length > NAMED ? ` and ${names.length - NAMED} more` : "";
    const where = names.length === 1 ? `on ${names[0]}` : `on ${names.length} resources: ${names.slice(0, NAMED).join(", ")}${more}`;
    lines.push(
      `        - ${colour.yellow("[advisory]")}  ${policy}  (${found.length} findings ${where})`,
      `          ${first.message}${colour.dim(` (the first of ${found.length}; --json lists each)`)}`,
    );
  }
  if (violations.length === 0) lines.push("        no violations");
  return lines;
}
