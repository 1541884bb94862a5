import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { qualifiedKey, readProjectFile, stackConfig } from "../../preview/stack-files";

describe("stack files", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-files-"));
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      ["name: shop", "runtime: nodejs", "config:", "  aws:region:", "    default: eu-west-1", "  greeting:", "    value: hi", "  plain: 3"].join("\n"),
    );
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), ["config:", "  aws:region: us-west-2", "  shop:gateway:", "    environment: dev", "  owner: me"].join("\n"));
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
    expect(() => stackConfig(readProjectFile(dir), path.join(dir, "Pulumi.qa.yaml"))).toThrow(/Pulumi\.qa\.yaml: no such file$/);
  });

  test("the repository's own project file", () => {
    expect(readProjectFile().name).toBe("microservice-gateway");
  });
});
