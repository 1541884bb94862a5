import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runStack } from "../../preview/run-program";
import { capturedStack } from "../helpers/captured-stack";
import { programSourcesHash } from "./program-sources";

describe("the key of the shared captures", () => {
  let root: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "program-sources-"));
    for (const file of [
      "app.ts",
      "components/a.ts",
      "Pulumi.dev.yaml",
      "package-lock.json",
      "tests/unit.test.ts",
      "tests/fixtures/x.yaml",
      "tests/helpers/h.ts",
      "node_modules/dep/index.js",
    ]) {
      write(file, file);
    }
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test.each([
    "app.ts",
    "components/a.ts",
    "Pulumi.dev.yaml",
    "package-lock.json",
    "tests/fixtures/x.yaml",
    "tests/helpers/h.ts",
    "components/new.ts",
    "a-new-folder/b.json",
  ])("changes when %s changes or appears", (file) => {
    const before = programSourcesHash(root);
    write(file, "changed");
    expect(programSourcesHash(root)).not.toBe(before);
  });

  test.each(["tests/unit.test.ts", "tests/local/new.test.ts", "tests/helpers/h.test.ts", "node_modules/dep/index.js"])("stays when %s changes", (file) => {
    const before = programSourcesHash(root);
    write(file, "changed");
    expect(programSourcesHash(root)).toBe(before);
  });

  test("a copy of the repository in another folder has another key (captures hold absolute paths)", () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "program-sources-copy-"));
    try {
      fs.cpSync(root, copy, { recursive: true });
      expect(programSourcesHash(copy)).not.toBe(programSourcesHash(root));
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  test("a file moved to another folder is a change", () => {
    const before = programSourcesHash(root);
    fs.renameSync(path.join(root, "components/a.ts"), path.join(root, "a.ts"));
    expect(programSourcesHash(root)).not.toBe(before);
  });
});

// prod is captured after dev, in the same process: it also shows that nothing of the first run leaks into the second.
test("the shared capture of the prod stack is what the program registers and exports now", async () => {
  const [shared, fresh] = await Promise.all([capturedStack("prod"), runStack("prod")]);
  expect(shared.region).toBe(fresh.region);
  expect(shared.resources).toEqual(JSON.parse(JSON.stringify(fresh.resources)));
  expect(shared.outputs).toEqual(JSON.parse(JSON.stringify(fresh.outputs)));
});
