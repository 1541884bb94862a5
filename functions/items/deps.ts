import { randomUUID } from "node:crypto";
import { documentClient } from "../shared/clients";
import { requireEnv } from "../shared/env";
import type { ItemsDeps } from "./service";

/** Production dependencies; the table name is read on each invocation so a missing one is a logged 500. */
export function itemsDeps(): ItemsDeps {
  return {
    db: documentClient(),
    tableName: requireEnv("ITEMS_TABLE_NAME"),
    now: () => new Date(),
    newId: randomUUID,
  };
}
