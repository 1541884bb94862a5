import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../config";
import { knownStacks, qualifiedKey, readProjectFile, secretKeys, stackConfig, stackFileProblem } from "../../preview/stack-files";

describe("stack files", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-files-"));
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      ["name: shop", "runtime: nodejs", "config:", "  aws:region:", "    default: eu-west-1", "  greeting:", "    value: hi", "  plain: 3"].join("\n"),
    );
    fs.writeFileSync(
      path.join(dir, "Pulumi.dev.yaml"),
      ["config:", "  aws:region: us-west-2", "  shop:gateway:", "    environment: dev", "  owner: me"].join("\n"),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("keys without a namespace belong to the project", () => {
    expect(qualifiedKey("shop", "gateway")).toBe("shop:gateway");
    expect(qualifiedKey("shop", "aws:region")).toBe("aws:region");
  });

  test("project config: value or default of each key", () => {
    expect(readProjectFile(dir)).toEqual({ name: "shop", config: { "aws:region": "eu-west-1", "shop:greeting": "hi", "shop:plain": 3 } });
  });

  test("the stack file overrides the project's config", () => {
    expect(stackConfig(readProjectFile(dir), path.join(dir, "Pulumi.dev.yaml"))).toEqual({
      "aws:region": "us-west-2",
      "shop:greeting": "hi",
      "shop:plain": 3,
      "shop:gateway": { environment: "dev" },
      "shop:owner": "me",
    });
  });

  test("a missing stack file is named", () => {
    expect(() => stackConfig(readProjectFile(dir), path.join(dir, "Pulumi.qa.yaml"))).toThrow(
      new ConfigError([`${path.join(dir, "Pulumi.qa.yaml")}: no such file`]),
    );
  });

  test("a stack file that is no valid YAML is a ConfigError naming file, line and column", () => {
    const file = path.join(dir, "Pulumi.broken.yaml");
    fs.writeFileSync(file, "config:\n  shop:gateway:\n    owner: a\n    owner: b\n");
    expect(() => stackConfig(readProjectFile(dir), file)).toThrow(
      new ConfigError([`${file}:4:5: duplicate key "owner" in config["shop:gateway"] (first at line 3, column 5); YAML keys must be unique`]),
    );
  });

  test("keys holding a secure: value are the ones the CLI marks secret", () => {
    expect(
      secretKeys({
        "aws:region": "us-east-1",
        "shop:apiKeyValues": { legacy: { secure: "v1:abc" }, other: "plain" },
        "shop:token": { secure: "v1:def" },
        "shop:list": [{ nested: { secure: "v1:ghi" } }],
        "shop:gateway": { owner: "me", secure: "not alone" },
      }),
    ).toEqual(["shop:apiKeyValues", "shop:token", "shop:list"]);
  });

  test("the repository's own project file", () => {
    expect(readProjectFile().name).toBe("microservice-gateway");
  });
});

describe("a stack that is not there", () => {
  test("is answered with the stacks that exist, not a stack trace", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
    for (const s of ["prod", "dev"]) fs.writeFileSync(path.join(dir, `Pulumi.${s}.yaml`), "config: {}\n");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\n");
    expect(knownStacks(dir)).toEqual(["dev", "prod"]);
    expect(stackFileProblem("dev", undefined, dir)).toBeUndefined();
    expect(stackFileProblem("prd", undefined, dir)).toBe(
      'no stack "prd": there is no Pulumi.prd.yaml; the stacks here are dev, prod (add one by copying a stack file, and policies/config/<stack>.json for its pack config)',
    );
    expect(stackFileProblem("x", path.join(dir, "nope.yaml"), dir)).toBe(`--config-file: ${path.join(dir, "nope.yaml")}: no such file`);
    fs.rmSync(dir, { recursive: true });
  });
});
