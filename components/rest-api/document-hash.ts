import { createHash } from "crypto";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every level, so equal documents serialize equally. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): Json => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v as Json;
  };
  return JSON.stringify(sort(value));
}

/** The deployment trigger: a new deployment whenever anything it snapshots changes. */
export function documentHash(...parts: unknown[]): string {
  return createHash("sha256").update(canonicalJson(parts)).digest("hex");
}
