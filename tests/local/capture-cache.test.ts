import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { captureKey, readCapture, writeCapture } from "../../local/capture-cache";

/** The twin's on-disk captures: one per program sources, stack and config file; a damaged file is no capture. */
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "twin-captures-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const RUN = { region: "eu-west-1", resources: [{ type: "aws:dynamodb/table:Table", name: "items", inputs: { name: "items" } }] } as never;

describe("the twin's capture cache", () => {
  it("keys a capture by the stack, and by a given config file's content", () => {
    const config = path.join(dir, "Pulumi.custom.yaml");
    fs.writeFileSync(config, "config: {}\n");
    const dev = captureKey("dev", undefined);
    expect(captureKey("dev", undefined)).toBe(dev);
    expect(captureKey("prod", undefined)).not.toBe(dev);
    const custom = captureKey("dev", config);
    expect(custom).not.toBe(dev);
    fs.writeFileSync(config, "config: { changed: true }\n");
    expect(captureKey("dev", config)).not.toBe(custom);
  });

  it("reads back what it wrote, and nothing for another key or a damaged file", () => {
    writeCapture("k1", RUN, dir);
    expect(readCapture("k1", dir)).toEqual(RUN);
    expect(readCapture("k2", dir)).toBeUndefined();
    fs.writeFileSync(path.join(dir, "k3.json"), '{"region": "us-east-1", "resour');
    expect(readCapture("k3", dir)).toBeUndefined();
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("never throws when it cannot write: the next start runs the program again", () => {
    const file = path.join(dir, "not-a-folder");
    fs.writeFileSync(file, "");
    expect(() => writeCapture("k1", RUN, file)).not.toThrow();
  });
});
