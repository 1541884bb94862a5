import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BUNDLE_FILE, bundleFunction, bundleFunctions, createBundler } from "../../components/lambda/bundle";

describe("function bundles", () => {
  test("ESM, minified, with an external source map the code points at", () => {
    const bundle = bundleFunction("hello/index");
    expect(bundle.entry).toBe("hello/index");
    expect(bundle.code.startsWith("import{createRequire as __cr}from'module';")).toBe(true);
    expect(bundle.code).toMatch(/export\s*\{[^}]*as handler\s*\}/);
    expect(bundle.code.trimEnd().endsWith(`//# sourceMappingURL=${BUNDLE_FILE}.map`)).toBe(true);
    expect(bundle.bytes).toBe(Buffer.byteLength(bundle.code));
    const map = JSON.parse(bundle.sourceMap);
    expect(map.version).toBe(3);
    expect(map.sources.some((s: string) => s.endsWith("hello/index.ts"))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
  });

  test("computed once per entry per run", () => {
    const [a, b] = bundleFunctions(["items/get", "items/list"]);
    expect(bundleFunction("items/get")).toBe(a);
    expect(bundleFunctions(["items/list", "items/get"])).toEqual([b, a]);
    expect(a!.code).not.toBe(b!.code);
  });

  test("a missing entry fails with esbuild's reason", () => {
    expect(() => bundleFunction("nope/missing")).toThrow(/Could not resolve|does not exist|not found/i);
  });
});

describe("the bundle cache on disk", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bundle-cache-test-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cachedFile = () => {
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    return path.join(dir, files[0] as string);
  };

  test("records the sources a bundle was built from, and a later bundler uses it while they are unchanged", () => {
    const built = createBundler(dir).bundle(["hello/index"])[0]!;
    const record = JSON.parse(fs.readFileSync(cachedFile(), "utf8"));
    expect(Object.keys(record.sources)).toContain("functions/hello/index.ts");
    expect(Object.keys(record.sources).every((f) => f.startsWith("functions/"))).toBe(true);
    expect(record.code).toBe(built.code);
    // A bundle marked in the cache proves the next bundler read it rather than building.
    fs.writeFileSync(cachedFile(), JSON.stringify({ ...record, code: "// from the cache" }));
    expect(createBundler(dir).bundle(["hello/index"])[0]).toEqual({ entry: "hello/index", code: "// from the cache", sourceMap: built.sourceMap, bytes: 17 });
  });

  test("a source whose content changed since the bundle was built makes it build again", () => {
    const built = createBundler(dir).bundle(["hello/index"])[0]!;
    const record = JSON.parse(fs.readFileSync(cachedFile(), "utf8"));
    const sources = { ...record.sources, "functions/hello/index.ts": "0".repeat(64) };
    fs.writeFileSync(cachedFile(), JSON.stringify({ ...record, code: "// stale", sources }));
    expect(createBundler(dir).bundle(["hello/index"])[0]).toEqual(built);
    expect(JSON.parse(fs.readFileSync(cachedFile(), "utf8")).sources).toEqual(record.sources);
  });
});
