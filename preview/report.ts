import type { RecordedResource } from "./mocks";
import { resourceRef, type Violation } from "./policy-evaluation";
import { createHash } from "crypto";
import { PACK_NAME } from "../policies/all";
import { PLAIN, policyReport, type PackInfo, type Palette } from "./policy-report";
import { version as PACK_VERSION } from "../policies/package.json";

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

export function jsonReport(
  stack: string,
  resources: readonly RecordedResource[],
  violations: readonly Violation[],
  warnings: readonly string[] = [],
): JsonReport {
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

export interface TextReportOptions {
  /** The pack, named in the policy section as the Pulumi CLI names it. @default this project's pack */
  readonly pack?: PackInfo;
  /** @default no colour */
  readonly colour?: Palette;
}

/** This project's pack: its name and the version in policies/package.json. */
export const PROJECT_PACK: PackInfo = { name: PACK_NAME, version: PACK_VERSION, path: "policies" };

/** Resources by type under their parents, the config's warnings if any, the pack's findings as the Pulumi CLI prints them, then the verdict. */
export function textReport(
  stack: string,
  resources: readonly RecordedResource[],
  violations: readonly Violation[],
  warnings: readonly string[] = [],
  options: TextReportOptions = {},
): string {
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
  const colour = options.colour ?? PLAIN;
  lines.push("", ...policyReport(options.pack ?? PROJECT_PACK, violations, colour));
  const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const advisory = violations.length - mandatory;
  lines.push(
    "",
    mandatory > 0
      ? colour.red(`FAILED: ${mandatory} mandatory violation(s), ${advisory} advisory`)
      : colour.green(`PASSED: no mandatory violations (${advisory} advisory)`),
  );
  return lines.join("\n");
}
