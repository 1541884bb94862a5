import * as fs from "fs";
import * as path from "path";
import { allPolicies } from "../../policies/all";

const RULES_DIR = path.join(__dirname, "..", "..", "policies", "rules");

describe("the policy pack", () => {
  test("lists every rule file's policy exactly once, with unique names", () => {
    const exported = fs
      .readdirSync(RULES_DIR)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => Object.values(require(path.join(RULES_DIR, f)) as Record<string, unknown>))
      .filter((v): v is { name: string } => !!v && typeof v === "object" && "name" in v && ("validateResource" in v || "validateStack" in v));
    expect(allPolicies.map((p) => p.name).sort()).toEqual(exported.map((p) => p.name).sort());
    expect(new Set(allPolicies.map((p) => p.name)).size).toBe(allPolicies.length);
    expect(allPolicies).toHaveLength(29);
  });

  test("every rule has a kebab-case name, a description, a default enforcement level and a severity", () => {
    for (const p of allPolicies) {
      expect([p.name, /^[a-z0-9]+(-[a-z0-9]+)*$/.test(p.name)]).toEqual([p.name, true]);
      expect([p.name, p.description.length > 20]).toEqual([p.name, true]);
      expect([p.name, ["advisory", "mandatory"].includes(p.enforcementLevel ?? "")]).toEqual([p.name, true]);
      expect([p.name, p.severity !== undefined]).toEqual([p.name, true]);
    }
  });

  test("every rule has its own test file", () => {
    const tests = new Set(fs.readdirSync(__dirname));
    for (const f of fs.readdirSync(RULES_DIR)) {
      if (f === "cache-invalidation-authorization.ts" || f === "no-wildcard-cache-invalidation-grant.ts") continue; // cache-invalidation.test.ts
      expect([f, tests.has(f.replace(/\.ts$/, ".test.ts"))]).toEqual([f, true]);
    }
  });

  test("per-stack pack config names only policies of the pack, with their config keys", () => {
    const byName = new Map(allPolicies.map((p) => [p.name, p]));
    for (const stack of ["dev", "prod"]) {
      const config = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policies", "config", `${stack}.json`), "utf8"));
      for (const [name, settings] of Object.entries(config as Record<string, Record<string, unknown>>)) {
        const policy = byName.get(name);
        expect([stack, name, policy !== undefined]).toEqual([stack, name, true]);
        const allowed = ["enforcementLevel", ...Object.keys(policy?.configSchema?.properties ?? {})];
        for (const key of Object.keys(settings)) expect([stack, name, key, allowed.includes(key)]).toEqual([stack, name, key, true]);
      }
    }
  });

  test("tests never import policies/index.ts (constructing the pack starts a gRPC server)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/(from\s+|import\s+|require\(|import\()["'](\.\.?\/)+policies(\/index(\.ts)?)?["']/.test(fs.readFileSync(file, "utf8"))) offenders.push(file);
      }
    };
    walk(path.join(__dirname, ".."));
    expect(offenders).toEqual([]);
  });

  test("the rule table of docs/policies.md lists every rule, in the pack's order, with its kind and when it can block", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "policies.md"), "utf8");
    const rows = readme
      .split("\n")
      .filter((l) => /^\| `[a-z0-9-]+` \| (resource|stack) \|/.test(l))
      .map((l) => l.split(" | ").slice(0, 3));
    expect(rows).toEqual(
      allPolicies.map((p) => {
        const kind = "validateStack" in p ? "stack" : "resource";
        return [`| \`${p.name}\``, kind, kind === "stack" ? "at preview only" : "before the resource is created"];
      }),
    );
  });

  test("policies/ is a pack on its own: its tsconfig extends nothing, its package.json lists what its files import", () => {
    const dir = path.join(__dirname, "..", "..", "policies");
    expect(JSON.parse(fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8")).extends).toBeUndefined();
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const imported = new Set<string>();
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.name === "node_modules") continue;
        const f = path.join(d, e.name);
        if (e.isDirectory()) walk(f);
        else if (f.endsWith(".ts")) {
          for (const m of fs.readFileSync(f, "utf8").matchAll(/(?:from |require\()"([^".][^"]*)"/g))
            imported.add(
              (m[1] as string)
                .split("/")
                .slice(0, (m[1] as string).startsWith("@") ? 2 : 1)
                .join("/"),
            );
          expect([f, /from "\.\.\/\.\.\//.test(fs.readFileSync(f, "utf8"))]).toEqual([f, false]);
        }
      }
    };
    walk(dir);
    for (const name of imported) expect([name, name in pkg.dependencies]).toEqual([name, true]);
    expect("typescript" in pkg.dependencies).toBe(true);
    expect(fs.existsSync(path.join(dir, "package-lock.json"))).toBe(true);
  });
});
