import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { bundleFunction } from "../../components/lambda/bundle";
import { FUNCTIONS_DIR } from "../../config/paths";
import { startLocalFunctions, type LocalFunctions } from "../../local/functions";
import type { TwinFunction } from "../../local/model";
import type { Twin } from "../../local/twin";
import { withAbsoluteSources } from "../../local/bundle-sources";
import { bundleSources, reloadFunctions, sourceDirsOf, watchSources, type FunctionReload, type Watcher } from "../../local/watch";
import { capturedStack } from "../helpers/captured-stack";
import { startTestTwin } from "../helpers/twin";

/**
 * `npm start -- --watch` for functions: a change to a handler's source is seen by fs.watch, the
 * function gets the new code, new events run on new containers and an event in flight finishes on
 * the container (and code) it started on. The handler here is a module in a temporary folder (the
 * twin loads it as it is); bundles of functions/ are traced through their source maps.
 */

const version = (v: string) =>
  [
    'import * as fs from "node:fs";',
    "export const handler = async (event) => {",
    "  if (event.hold) {",
    '    fs.writeFileSync(`${event.hold}.started`, "");',
    "    while (!fs.existsSync(event.hold)) await new Promise((r) => setTimeout(r, 20));",
    "  }",
    `  return { version: ${JSON.stringify(v)}, greeting: process.env.GREETING, own: process.env.OWN };`,
    "};",
  ].join("\n");

/** Resolves once `check` holds, looking every 20 ms: a wait for an event, never a deadline of its own. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("--watch: a handler's change reaches new containers; events in flight finish on the old code", () => {
  let dir: string;
  let functions: LocalFunctions;
  let watcher: Watcher;
  const reloads: FunctionReload[] = [];
  const fn: TwinFunction = {
    name: "greeter",
    code: { kind: "module", path: "" },
    environment: { GREETING: "from the stack", OWN: "own" },
    timeoutSeconds: 60,
    aliases: {},
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twin-watch-"));
    fs.writeFileSync(path.join(dir, "greeter.mjs"), version("v1"));
    fs.writeFileSync(path.join(dir, "Pulumi.test.yaml"), "config: {}\n");
    const model = { greeter: { ...fn, code: { kind: "module" as const, path: path.join(dir, "greeter.mjs") } } };
    functions = startLocalFunctions({
      functions: model,
      baseEnv: {},
      environment: { GREETING: "from --env-file" },
      region: "us-east-1",
      account: "123456789012",
      containersPerFunction: 2,
    });
    watcher = watchSources({
      sourceDirs: sourceDirsOf(functions, ["greeter"]),
      stackFile: path.join(dir, "Pulumi.test.yaml"),
      onSources: (files) => reloads.push(reloadFunctions(functions, model, files)),
      onStackFile: () => undefined,
      debounceMs: 50,
    });
  });
  afterAll(async () => {
    watcher?.close();
    await functions?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("--env-file's variables are set over the function's own", async () => {
    expect(await functions.invoke("greeter", {})).toEqual({ version: "v1", greeting: "from --env-file", own: "own" });
  });

  test("the change is one reload; the next event runs v2 in a new container while the held one ends on v1", async () => {
    const hold = path.join(dir, "release");
    const inFlight = functions.invoke("greeter", { hold });
    await until(() => fs.existsSync(`${hold}.started`));
    const before = functions.coldStarts().greeter;

    // As editors and git save: a new file renamed over the old one (Node 20's recursive watch loses such a file).
    fs.writeFileSync(path.join(dir, "greeter.mjs.tmp"), version("v2"));
    fs.renameSync(path.join(dir, "greeter.mjs.tmp"), path.join(dir, "greeter.mjs"));
    // On a busy machine the temporary file's event can come in a debounce window of its own: it reloads nothing.
    const reloadsOfSources = () => reloads.filter((r) => r.sources.length > 0);
    await until(() => reloadsOfSources().length > 0);
    expect(reloadsOfSources()).toEqual([{ reloaded: ["greeter"], failed: [], sources: [path.join(dir, "greeter.mjs")] }]);

    expect(await functions.invoke("greeter", {})).toEqual({ version: "v2", greeting: "from --env-file", own: "own" });
    expect(functions.coldStarts().greeter).toBe((before as number) + 1);
    fs.writeFileSync(hold, "");
    expect(await inFlight).toEqual({ version: "v1", greeting: "from --env-file", own: "own" });
    // A second save is seen too (the file was replaced, its folder is what is watched).
    fs.writeFileSync(path.join(dir, "greeter.mjs"), version("v3"));
    await until(() => reloadsOfSources().length > 1);
    expect(await functions.invoke("greeter", {})).toEqual({ version: "v3", greeting: "from --env-file", own: "own" });
    // The old containers went when their events were answered: the next events keep to v3.
    expect(await Promise.all([functions.invoke("greeter", {}), functions.invoke("greeter", {})])).toEqual([
      { version: "v3", greeting: "from --env-file", own: "own" },
      { version: "v3", greeting: "from --env-file", own: "own" },
    ]);
  });

  test("a file no function was built from reloads nothing", () => {
    expect(reloadFunctions(functions, { greeter: fn }, [path.join(dir, "other.mjs")])).toEqual({ reloaded: [], failed: [], sources: [] });
  });
});

describe("the sources of a bundle of functions/", () => {
  test("its entry and every repository file it was built from, from its source map", () => {
    const traced = bundleSources(bundleFunction("items/get").sourceMap);
    expect(traced?.entry).toBe("items/get");
    expect(traced?.sources).toEqual(
      expect.arrayContaining([
        path.join(FUNCTIONS_DIR, "items", "get.ts"),
        path.join(FUNCTIONS_DIR, "items", "service.ts"),
        path.join(FUNCTIONS_DIR, "shared", "handler.ts"),
      ]),
    );
    expect(traced?.sources.every((s) => s.startsWith(`${FUNCTIONS_DIR}${path.sep}`))).toBe(true);
    expect(bundleSources("not json")).toBeUndefined();
  });

  test("the map the twin writes beside a bundle names every source by its absolute path, each a file that exists", () => {
    const map = JSON.parse(withAbsoluteSources(bundleFunction("items/get").sourceMap)) as { sources: string[] };
    expect(map.sources.length).toBeGreaterThan(10);
    expect(map.sources.filter((s) => !path.isAbsolute(s) || !fs.existsSync(s))).toEqual([]);
    expect(map.sources).toContain(path.join(FUNCTIONS_DIR, "items", "get.ts"));
  });

  test("an unchanged source rebuilds to the same bundle: the function keeps its containers", async () => {
    const bundle = bundleFunction("hello/index");
    const functions = startLocalFunctions({
      functions: {
        hello: {
          name: "hello",
          code: { kind: "files", files: { "index.mjs": bundle.code, "index.mjs.map": bundle.sourceMap } },
          environment: {},
          timeoutSeconds: 3,
          aliases: {},
        },
      },
      baseEnv: {},
      region: "us-east-1",
      account: "123456789012",
    });
    try {
      const model = { hello: { name: "hello", code: functions.code("hello")!, environment: {}, timeoutSeconds: 3, aliases: {} } };
      expect(reloadFunctions(functions, model, [path.join(FUNCTIONS_DIR, "hello", "index.ts")])).toEqual({ reloaded: [], failed: [], sources: [] });
      expect(reloadFunctions(functions, model, [path.join(FUNCTIONS_DIR, "items", "get.ts")])).toEqual({ reloaded: [], failed: [], sources: [] });
    } finally {
      await functions.close();
    }
  });
});

describe("reload: the stack served again on the same ports (npm start --watch, the stack file changed)", () => {
  test("same URLs, the printed token still valid, the tables and their items kept", async () => {
    const first = await startTestTwin({ stack: "dev", port: 0 });
    let second: Twin | undefined;
    try {
      const token = first.tokens.idToken("ada");
      const created = (await (
        await fetch(`${first.restUrl}/items`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "kept", price: 1 }),
        })
      ).json()) as { id: string };
      second = await first.reload((await capturedStack("dev")).resources);
      expect([second.restUrl, second.websocketUrl, second.httpUrl, second.apiKeys]).toEqual([first.restUrl, first.websocketUrl, first.httpUrl, first.apiKeys]);
      expect((await fetch(`${second.restUrl}/items/${created.id}`)).status).toBe(200);
      expect((await fetch(`${second.restUrl}/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await second?.close();
      await first.close();
    }
  }, 120_000);
});
