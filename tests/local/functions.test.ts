import { versionFor } from "../../local/functions";
import type { TwinFunction } from "../../local/model";

const hello: TwinFunction = {
  name: "hello",
  code: { kind: "entry", entry: "hello/index" },
  environment: {},
  timeoutSeconds: 10,
  aliases: {
    DEV: { version: "$LATEST", additional: undefined },
    PROD: { version: "1", additional: { version: "2", weight: 0.05 } },
  },
};

describe("which version an invocation runs as", () => {
  test("an alias's version; its additional version for its share of draws", () => {
    expect(versionFor(hello, "DEV", 0)).toBe("$LATEST");
    expect(versionFor(hello, "PROD", 0.049)).toBe("2");
    expect(versionFor(hello, "PROD", 0.05)).toBe("1");
  });

  test("a version qualifier is itself; no qualifier is $LATEST", () => {
    expect(versionFor(hello, "7", 0)).toBe("7");
    expect(versionFor(hello, undefined, 0)).toBe("$LATEST");
    expect(versionFor(hello, "$LATEST", 0)).toBe("$LATEST");
  });
});
