import { schemaEntries, type SchemaEntry, type ZodNode } from "../../config/schema-paths";
import { describeAllowed, isOptional } from "./allowed-values";
import type { PropertyDoc } from "./schema-docs";

/** One row of the configuration reference. */
export interface ReferenceRow {
  readonly path: string;
  readonly allowed: string;
  readonly default: string;
  readonly description: string;
}

export interface ReferenceRows {
  readonly rows: readonly ReferenceRow[];
  /** Key paths whose comment has no text (a bare `@default` is no description). */
  readonly undocumented: readonly string[];
  /** Commented paths the schema does not have: the comment reader and the schema disagree. */
  readonly unmatchedDocs: readonly string[];
}

const unique = (values: readonly string[]): string[] => [...new Set(values.filter((v) => v !== ""))];
const code = (value: string): string => `\`${value}\``;

/**
 * A `@default` as the table shows it: a JSON value (`29000`, `"public"`, `["application/json"]`) as
 * code; anything else (`` `2` (`3` in prod) ``, "the route's method") as written.
 */
export function formatDefault(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    return code(typeof value === "string" ? value : JSON.stringify(value));
  } catch {
    return text;
  }
}

function defaultText(nodes: readonly ZodNode[], docs: readonly PropertyDoc[]): string {
  const tagged = unique(docs.map((d) => d.default ?? ""));
  if (tagged.length) return tagged.map(formatDefault).join("; ");
  return nodes.some(isOptional) ? "none" : "required";
}

function descriptionText(entry: SchemaEntry, docs: readonly PropertyDoc[]): string {
  const text = unique(docs.map((d) => d.text)).join(" ");
  if (!entry.when) return text;
  const only = `For ${entry.when.key} ${entry.when.values.map(code).join(", ")}.`;
  return text ? `${only} ${text}` : only;
}

/** One row per key path of the schema, in schema order, with the comments found for it. */
export function referenceRows(schema: ZodNode, docs: ReadonlyMap<string, readonly PropertyDoc[]>): ReferenceRows {
  const entries = schemaEntries(schema);
  const rows = entries.map((entry) => {
    const found = docs.get(entry.path) ?? [];
    return {
      path: entry.path,
      allowed: unique(entry.nodes.map(describeAllowed)).join(" | "),
      default: defaultText(entry.nodes, found),
      description: descriptionText(entry, found),
    };
  });
  const paths = new Set(entries.map((e) => e.path));
  return {
    rows,
    undocumented: entries.filter((e) => unique((docs.get(e.path) ?? []).map((d) => d.text)).length === 0).map((e) => e.path),
    unmatchedDocs: [...docs.keys()].filter((p) => !paths.has(p)),
  };
}
