import * as fs from "fs";
import * as path from "path";

const EXPORTS_HANDLER = /^export\s+(?:const|let|var|(?:async\s+)?function)\s+handler\b|^export\s*\{[^}]*\bhandler\b[^}]*\}/m;

/**
 * Handler entries below `root` (`hello/index`, `items/create`, ...): every `.ts` file that exports
 * `handler`, outside `shared/`, sorted.
 */
export function handlerEntries(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && !file.startsWith("shared/"))
    .filter((file) => EXPORTS_HANDLER.test(fs.readFileSync(path.join(root, file), "utf8")))
    .map((file) => file.slice(0, -".ts".length))
    .sort();
}
