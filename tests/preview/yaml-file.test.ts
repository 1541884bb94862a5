import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../config";
import { firstBinaryByte, parseYamlMapping, readYamlMapping } from "../../preview/yaml-file";

const STACK = { mappingKeys: ["config"], what: "a Pulumi stack file" } as const;

function problemsOf(content: string | Uint8Array): readonly string[] {
  try {
    parseYamlMapping("Pulumi.dev.yaml", typeof content === "string" ? Buffer.from(content) : content, STACK);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected the file to be rejected");
}

describe("a stack file's own problems: one message naming the file, line and column", () => {
  test("YAML syntax errors", () => {
    expect(problemsOf("config:\n  aws:region: us-east-1\n bad: indent\n")).toEqual([
      "Pulumi.dev.yaml:3:1: YAML syntax error: All mapping items must start at the same column",
    ]);
    expect(problemsOf("config:\n  a: [1, 2\n  b: 3\n")).toEqual([
      "Pulumi.dev.yaml:3:3: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
    expect(problemsOf("config:\n\ta: 1\n")).toEqual(["Pulumi.dev.yaml:2:1: YAML syntax error: Tabs are not allowed as indentation"]);
    expect(problemsOf("config: {}\n---\nconfig: {}\n")).toEqual([
      "Pulumi.dev.yaml:2:1: a second YAML document starts here; a Pulumi stack file is one document",
    ]);
  });

  test("duplicate keys, at any depth, with where the first one is", () => {
    expect(problemsOf("config:\n  microservice-gateway:gateway:\n    owner: a\n    environment: dev\n    owner: b\n")).toEqual([
      'Pulumi.dev.yaml:5:5: duplicate key "owner" in config["microservice-gateway:gateway"] (first at line 3, column 5); YAML keys must be unique',
    ]);
    expect(problemsOf("config: {}\nconfig: {}\n")).toEqual([
      'Pulumi.dev.yaml:2:1: duplicate key "config" in the top level (first at line 1, column 1); YAML keys must be unique',
    ]);
  });

  test("an empty file, or one of comments only", () => {
    expect(problemsOf("")).toEqual(["Pulumi.dev.yaml:1:1: the file is empty; a Pulumi stack file is a YAML mapping"]);
    expect(problemsOf("# nothing yet\n\n")).toEqual(["Pulumi.dev.yaml:1:1: the file is empty; a Pulumi stack file is a YAML mapping"]);
  });

  test("a binary file: a NUL byte, or bytes that are not UTF-8", () => {
    expect(problemsOf(new Uint8Array([0x63, 0x6f, 0x0a, 0x61, 0x00, 0x01]))).toEqual([
      "Pulumi.dev.yaml:2:2: not a text file (byte 0x00 is not UTF-8 text); a Pulumi stack file is UTF-8 YAML",
    ]);
    expect(problemsOf(new Uint8Array([0x61, 0x3a, 0x20, 0xe9, 0x0a]))).toEqual([
      "Pulumi.dev.yaml:1:4: not a text file (byte 0xe9 is not UTF-8 text); a Pulumi stack file is UTF-8 YAML",
    ]);
    expect(firstBinaryByte(Buffer.from("é € 😀 \ufffd"))).toBeUndefined();
    expect(firstBinaryByte(new Uint8Array([0xc0, 0x80]))).toBe(0); // an overlong NUL
    expect(firstBinaryByte(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
  });

  test("a wrong top-level type, and a config that is no mapping", () => {
    expect(problemsOf("- config\n")).toEqual(["Pulumi.dev.yaml:1:1: the top level is a list; a Pulumi stack file is a YAML mapping"]);
    expect(problemsOf("just words\n")).toEqual(["Pulumi.dev.yaml:1:1: the top level is a string; a Pulumi stack file is a YAML mapping"]);
    expect(problemsOf("config: hello\n")).toEqual(["Pulumi.dev.yaml:1:9: config is a string; it must be a mapping of config keys to values"]);
    expect(problemsOf("config:\n  - aws:region\n")).toEqual(["Pulumi.dev.yaml:2:3: config is a list; it must be a mapping of config keys to values"]);
  });

  test("NaN and Infinity are named as such, with how they were written", () => {
    expect(
      problemsOf("config:\n  microservice-gateway:gateway:\n    functions:\n      hello: { memoryMb: .nan, timeoutSeconds: -.inf }\n    weights: [1, .Inf]\n"),
    ).toEqual([
      'Pulumi.dev.yaml:4:26: config["microservice-gateway:gateway"].functions.hello.memoryMb is NaN (written .nan); a config value cannot be NaN or Infinity: write a finite number, or quote it to make it a string',
      'Pulumi.dev.yaml:4:48: config["microservice-gateway:gateway"].functions.hello.timeoutSeconds is -Infinity (written -.inf); a config value cannot be NaN or Infinity: write a finite number, or quote it to make it a string',
      'Pulumi.dev.yaml:5:18: config["microservice-gateway:gateway"].weights[1] is Infinity (written .Inf); a config value cannot be NaN or Infinity: write a finite number, or quote it to make it a string',
    ]);
  });

  test("a valid file, with a byte-order mark, an empty config, anchors and quoted NaN", () => {
    expect(parseYamlMapping("f", Buffer.from("\ufeffconfig:\n  a: é\n  b: &x { c: 1 }\n  d: *x\n  e: '.nan'\n"), STACK)).toEqual({
      config: { a: "é", b: { c: 1 }, d: { c: 1 }, e: ".nan" },
    });
    expect(parseYamlMapping("f", Buffer.from("config:\n"), STACK)).toEqual({ config: null });
  });

  test("a missing file is named; a file below the working directory is named relative to it", () => {
    const missing = path.join(os.tmpdir(), "no-such-dir", "Pulumi.qa.yaml");
    expect(() => readYamlMapping(missing)).toThrow(new ConfigError([`${missing}: no such file`]));
    expect(() => readYamlMapping(path.join(process.cwd(), "Pulumi.qa.yaml"))).toThrow(new ConfigError(["Pulumi.qa.yaml: no such file"]));
  });

  test("the repository's own stack files are valid", () => {
    for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml"]) {
      expect(() => parseYamlMapping(file, fs.readFileSync(path.join(__dirname, "..", "..", file)), STACK)).not.toThrow();
    }
  });
});
