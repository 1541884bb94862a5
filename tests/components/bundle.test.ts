import { BUNDLE_FILE, bundleFunction, bundleFunctions } from "../../components/lambda/bundle";

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
