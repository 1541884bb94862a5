import { performance } from "perf_hooks";
import { ITEM_CREATE_MODEL } from "../../components/rest-api/models";
import { verdict } from "./stats";
import type { PatternReport } from "./types";

/** Item names longer than the limit only once trimmed: a backtracking pattern would take forever on it. */
const NEAR_MISS = `${" ".repeat(30000)}${"\u{1F600}".repeat(201)}${" ".repeat(30000)}`;

/** The item name's pattern (with and without the `u` flag ajv uses) on a long near-miss: a test checks the answer, this the time. */
export function measurePatterns(limitMs: number): PatternReport {
  const pattern = ITEM_CREATE_MODEL.properties?.name?.pattern ?? "";
  const started = performance.now();
  for (const flags of ["u", ""]) if (new RegExp(pattern, flags).test(NEAR_MISS)) throw new Error("the name pattern accepts the near-miss");
  const nearMissMs = performance.now() - started;
  return { inputLength: NEAR_MISS.length, nearMissMs, verdict: verdict(nearMissMs, limitMs) };
}
