import { bearerCredential, rawCredential } from "../../functions/authorizer/bearer";
import { stageResource } from "../../functions/authorizer/policy";
import { missingScopes, parseScopes } from "../../functions/authorizer/scopes";

describe("stageResource", () => {
  it.each([
    ["arn:aws:execute-api:us-east-1:123456789012:abc123def4/prod/GET/items/42", "arn:aws:execute-api:us-east-1:123456789012:abc123def4/prod/*/*"],
    ["arn:aws:execute-api:us-east-1:123456789012:abc123def4/prod/GET/", "arn:aws:execute-api:us-east-1:123456789012:abc123def4/prod/*/*"],
    [
      "arn:aws:execute-api:ap-southeast-2:123456789012:abc123def4/v1_beta-2/OPTIONS/a/b/c",
      "arn:aws:execute-api:ap-southeast-2:123456789012:abc123def4/v1_beta-2/*/*",
    ],
    [
      "arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:abc123def4/prod/PATCH/x",
      "arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:abc123def4/prod/*/*",
    ],
    ["arn:aws:execute-api:eu-west-1:123456789012:ws12345678/dev/$connect", "arn:aws:execute-api:eu-west-1:123456789012:ws12345678/dev/*"],
  ])("%s → %s", (methodArn, expected) => {
    expect(stageResource(methodArn)).toBe(expected);
  });

  it.each([
    undefined,
    42,
    "",
    "arn:aws:execute-api:us-east-1:123456789012:abc123def4/prod/get/items",
    "arn:aws:execute-api:us-east-1:123456789012:ABC/prod/GET/items",
    "arn:aws:execute-api:US-EAST-1:123456789012:abc123def4/prod/GET/items",
    "arn:aws:execute-api:us-east-1:1234567890123:abc123def4/prod/GET/items",
    "arn:aws:execute-api:us-east-1:123456789012:abc123def4/pr.od/GET/items",
    "arn:aws:execute-api:us-east-1:123456789012:abc123def4/prod/GET/items\n",
    " arn:aws:execute-api:us-east-1:123456789012:abc123def4/prod/GET/items",
    "arn:aws:execute-api:us-east-1:123456789012:ws12345678/dev/$disconnect",
  ])("refuses %p", (methodArn) => {
    expect(stageResource(methodArn)).toBeUndefined();
  });
});

describe("bearerCredential", () => {
  it.each([
    ["Bearer abc.def.ghi", { token: "abc.def.ghi" }],
    ["bEaReR\tabc.def.ghi  ", { token: "abc.def.ghi" }],
    [undefined, { problem: "missing-token" }],
    ["   ", { problem: "missing-token" }],
    ["Bearer   ", { problem: "missing-token" }],
    ["Basic abc", { problem: "wrong-scheme" }],
    ["Bearerabc.def.ghi", { problem: "wrong-scheme" }],
    ["Token abc.def.ghi", { problem: "wrong-scheme" }],
    ["Bearer abc def", { problem: "malformed-token" }],
    ['Bearer a"b', { problem: "malformed-token" }],
  ])("%p → %p", (header, expected) => {
    expect(bearerCredential(header)).toEqual(expected);
  });

  it("rawCredential takes the value as it is", () => {
    expect(rawCredential("abc.def.ghi")).toEqual({ token: "abc.def.ghi" });
    expect(rawCredential(undefined)).toEqual({ problem: "missing-token" });
    expect(rawCredential("Bearer abc")).toEqual({ problem: "malformed-token" });
  });
});

describe("scopes", () => {
  it("parses a list separated by spaces and/or commas, once each", () => {
    expect(parseScopes(" items:read,items:write  admin ,, items:read ")).toEqual(["items:read", "items:write", "admin"]);
    expect(parseScopes("")).toEqual([]);
  });

  it("names every required scope the claim lacks, matching whole names only", () => {
    expect(missingScopes(["a", "b", "c"], "c a")).toEqual(["b"]);
    expect(missingScopes(["items:read"], "items:reader items")).toEqual(["items:read"]);
    expect(missingScopes(["a"], undefined)).toEqual(["a"]);
    expect(missingScopes([], undefined)).toEqual([]);
  });
});
