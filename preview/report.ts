import type { RecordedResource } from "./mocks";
import { resourceRef, type Violation } from "./policy-evaluation";
import { createHash } from "crypto";

export interface JsonResource {
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly provider: string | null;
  readonly inputs: Record<string, unknown>;
}

export interface JsonReport {
  readonly stack: string;
  readonly resources: JsonResource[];
  readonly violations: Violation[];
  /** The config's warnings: what AWS accepts but may surprise. */
  readonly warnings: string[];
}

/** A provider reference is `<provider urn>::<provider id>`. */
export function providerRef(ref: string | undefined): string | null {
  if (!ref) return null;
  const cut = ref.lastIndexOf("::");
  return resourceRef(cut > 0 ? ref.slice(0, cut) : ref);
}

/** The key Pulumi marks serialized assets and archives with. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";

/**
 * Asset text (whole function bundles) is summarized by its hash and size, and Pulumi's serialization
 * markers are dropped, so the report stays readable.
 */
export function summarizeAssets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(summarizeAssets);
  if (!value || typeof value !== "object") return value;
  const { [SIG_KEY]: _marker, ...o } = value as Record<string, unknown>;
  if (o.__pulumiAsset === true && typeof o.text === "string") {
    const { text, ...rest } = o;
    return { ...rest, sha256: createHash("sha256").update(text).digest("hex"), bytes: Buffer.byteLength(text) };
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, summarizeAssets(v)]));
}

/** What `pulumi preview` shows for a secret value. */
export const SECRET_PLACEHOLDER = "[secret]";

/** The inputs with every secret one shown as `pulumi preview` shows it, never its value. */
export function hideSecrets(inputs: Readonly<Record<string, unknown>>, secretInputs: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(inputs).map(([key, value]) => [key, secretInputs.includes(key) ? SECRET_PLACEHOLDER : value]));
}

export function jsonReport(stack: string, resources: readonly RecordedResource[], violations: readonly Violation[], warnings: readonly string[] = []): JsonReport {
  return {
    stack,
    resources: resources.map((r) => ({
      type: r.type,
      name: r.name,
      parent: resourceRef(r.parentUrn),
      provider: providerRef(r.providerRef),
      inputs: summarizeAssets(hideSecrets(r.inputs, r.secretInputs)) as Record<string, unknown>,
    })),
    violations: [...violations],
    warnings: [...warnings],
  };
}

/** Resources by type under their parents, the config's warnings if any, then violations grouped by enforcement level. */
export function textReport(stack: string, resources: readonly RecordedResource[], violations: readonly Violation[], warnings: readonly string[] = []): string {
  const lines: string[] = [`Offline preview of stack "${stack}": ${resources.length} resources`, ""];
  const children = new Map<string | undefined, RecordedResource[]>();
  const known = new Set(resources.map((r) => r.urn));
  for (const r of resources) {
    const parent = r.parentUrn && known.has(r.parentUrn) ? r.parentUrn : undefined;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const walk = (parent: string | undefined, depth: number) => {
    const mine = [...(children.get(parent) ?? [])].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
    for (const r of mine) {
      lines.push(`${"  ".repeat(depth + 1)}${r.type}  ${r.name}`);
      walk(r.urn, depth + 1);
    }
  };
  walk(undefined, 0);
  if (warnings.length > 0) {
    lines.push("", `warnings: ${warnings.length}`);
    for (const w of warnings) lines.push(`  ${w}`);
  }
  for (const level of ["mandatory", "advisory"] as const) {
    const found = violations.filter((v) => v.enforcementLevel === level);
    lines.push("", `${level} violations: ${found.length}`);
    for (const v of found) lines.push(`  [${v.policy}] ${v.resource ?? "(stack)"}`, `      ${v.message}`);
  }
  const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
  lines.push("", mandatory > 0 ? `FAILED: ${mandatory} mandatory violation(s)` : "PASSED: no mandatory violations");
  return lines.join("\n");
}
