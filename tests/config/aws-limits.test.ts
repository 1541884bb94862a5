import { RunError } from "@pulumi/pulumi";
import { ConfigError } from "../../config";
import { environmentBytes, PROGRAM_TAG_KEYS, programFunctionEnvironment } from "../../config/aws-checks";
import { LAMBDA_RESERVED_ENVIRONMENT_VARIABLES } from "../../config/aws-limits";
import { stackTags } from "../../components/tags/tags";
import { baseGateway, configProblems, parseForStack } from "../helpers/stack-config";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function problemsOf(mutate: (raw: Raw) => void): readonly string[] {
  const raw = baseGateway() as Raw;
  mutate(raw);
  return configProblems(raw);
}

const RESERVED = LAMBDA_RESERVED_ENVIRONMENT_VARIABLES.join(", ");
const TAG_CHARS = "letters, digits, spaces and _ . : / = + - @";

describe("Lambda environment variables (source: 'Using AWS Lambda environment variables', AWS Lambda Developer Guide)", () => {
  test("the reserved keys are the page's list 'Reserved environment variables'", () => {
    expect(LAMBDA_RESERVED_ENVIRONMENT_VARIABLES).toEqual([
      "_HANDLER",
      "_X_AMZN_TRACE_ID",
      "AWS_REGION",
      "AWS_EXECUTION_ENV",
      "AWS_LAMBDA_FUNCTION_NAME",
      "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
      "AWS_LAMBDA_FUNCTION_VERSION",
      "AWS_LAMBDA_INITIALIZATION_TYPE",
      "AWS_LAMBDA_LOG_GROUP_NAME",
      "AWS_LAMBDA_LOG_STREAM_NAME",
      "AWS_ACCESS_KEY",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_LAMBDA_RUNTIME_API",
      "LAMBDA_TASK_ROOT",
      "LAMBDA_RUNTIME_DIR",
    ]);
  });

  test("a reserved key (AWS_REGION, and each of the list) is refused, naming the key and the reserved list", () => {
    expect(problemsOf((r) => (r.functions.hello.environment = { AWS_REGION: "eu-west-1", GREETING: "hi" }))).toEqual([
      `gateway.functions.hello.environment.AWS_REGION: Lambda reserves this key and sets it itself; reserved: ${RESERVED}`,
    ]);
    for (const key of LAMBDA_RESERVED_ENVIRONMENT_VARIABLES) {
      expect(problemsOf((r) => (r.functions.itemsGet.environment = { [key]: "x" }))).toEqual([
        `gateway.functions.itemsGet.environment.${key}: Lambda reserves this key and sets it itself; reserved: ${RESERVED}`,
      ]);
    }
  });

  test("keys Lambda does not reserve pass: TZ (unreserved on the current page), LANG, NODE_PATH, AWS_XRAY_CONTEXT_MISSING", () => {
    const cfg = parseForStack("dev", {
      ...baseGateway(),
      functions: {
        ...(baseGateway().functions as Raw),
        itemsGet: { entry: "items/get", environment: { TZ: "Europe/Paris", LANG: "C", NODE_PATH: "/opt", AWS_XRAY_CONTEXT_MISSING: "IGNORE_ERROR" } },
      },
    });
    expect(Object.keys(cfg.functions.itemsGet!.environment)).toEqual(["TZ", "LANG", "NODE_PATH", "AWS_XRAY_CONTEXT_MISSING"]);
  });

  test("a key of one character, or not starting with a letter, is refused (API Reference 'Environment': Key Pattern [a-zA-Z]([a-zA-Z0-9_])+)", () => {
    expect(problemsOf((r) => (r.functions.hello.environment = { A: "1", _X: "2", "MY-VAR": "3" }))).toEqual([
      'gateway.functions.hello.environment.A: environment variable name must match ^[a-zA-Z][a-zA-Z0-9_]+$ (a letter, then at least one letter, digit or "_")',
      'gateway.functions.hello.environment._X: environment variable name must match ^[a-zA-Z][a-zA-Z0-9_]+$ (a letter, then at least one letter, digit or "_")',
      'gateway.functions.hello.environment["MY-VAR"]: environment variable name must match ^[a-zA-Z][a-zA-Z0-9_]+$ (a letter, then at least one letter, digit or "_")',
    ]);
  });

  test("over 4 KB in total, measured as JSON with the variables the program adds, is refused ('The total size of all environment variables doesn't exceed 4 KB')", () => {
    const program = programFunctionEnvironment("microservice-gateway-dev-itemsGet");
    expect(program).toEqual({ NODE_OPTIONS: "--enable-source-maps", POWERTOOLS_SERVICE_NAME: "microservice-gateway-dev-itemsGet" });
    const overhead = environmentBytes({ BIG: "", ...program });
    expect(overhead).toBe(Buffer.byteLength('{"BIG":"","NODE_OPTIONS":"--enable-source-maps","POWERTOOLS_SERVICE_NAME":"microservice-gateway-dev-itemsGet"}'));
    const fits = "x".repeat(4096 - overhead);
    expect(() =>
      parseForStack("dev", {
        ...baseGateway(),
        functions: { ...(baseGateway().functions as Raw), itemsGet: { entry: "items/get", environment: { BIG: fits } } },
      }),
    ).not.toThrow();
    expect(problemsOf((r) => (r.functions.itemsGet.environment = { BIG: `${fits}x` }))).toEqual([
      "gateway.functions.itemsGet.environment: 4097 bytes with NODE_OPTIONS and POWERTOOLS_SERVICE_NAME, measured as JSON as Lambda does; Lambda allows at most 4096 bytes (4 KB) of environment variables per function",
    ]);
  });

  test("the CORS variables the program gives a function of CORS routes count too", () => {
    const program = programFunctionEnvironment("microservice-gateway-dev-itemsGet");
    const cors = { CORS_ALLOW_ORIGINS: "https://app.example.com" };
    const fits = "x".repeat(4096 - environmentBytes({ BIG: "", ...program, ...cors }));
    const withCors = (big: string) => ({
      ...baseGateway(),
      api: { cors: { allowOrigins: ["https://app.example.com"] } },
      functions: { ...(baseGateway().functions as Raw), itemsGet: { entry: "items/get", environment: { BIG: big } } },
    });
    expect(() => parseForStack("dev", withCors(fits))).not.toThrow();
    expect(configProblems(withCors(`${fits}x`))).toEqual([
      "gateway.functions.itemsGet.environment: 4097 bytes with NODE_OPTIONS and POWERTOOLS_SERVICE_NAME and CORS_ALLOW_ORIGINS, measured as JSON as Lambda does; Lambda allows at most 4096 bytes (4 KB) of environment variables per function",
    ]);
  });

  test("bytes, not characters, count: é is two bytes in UTF-8", () => {
    expect(environmentBytes({ A: "é" })).toBe(10);
  });
});

describe("descriptions (source: AWS Lambda API Reference, CreateFunction and CreateAlias: Description 'Maximum length of 256')", () => {
  test("a function description of 257 characters is refused; 256 passes", () => {
    expect(() =>
      parseForStack("dev", {
        ...baseGateway(),
        functions: { ...(baseGateway().functions as Raw), itemsGet: { entry: "items/get", description: "d".repeat(256) } },
      }),
    ).not.toThrow();
    expect(problemsOf((r) => (r.functions.itemsGet.description = "d".repeat(257)))).toEqual([
      "gateway.functions.itemsGet.description: 257 characters; Lambda allows at most 256",
    ]);
  });

  test("an alias description of 257 characters is refused", () => {
    expect(problemsOf((r) => (r.functions.hello.aliases.DEV.description = "é".repeat(257)))).toEqual([
      "gateway.functions.hello.aliases.DEV.description: 257 characters; Lambda allows at most 256",
    ]);
  });
});

describe("tags (source: 'API Gateway resources that can be tagged', section 'Tag restrictions and usage conventions')", () => {
  test("the checks count the tags the program sets on every resource", () => {
    const cfg = parseForStack("dev", { ...baseGateway(), tags: { team: "a" } });
    expect(Object.keys(stackTags(cfg)).sort()).toEqual(["team", ...PROGRAM_TAG_KEYS].sort());
  });

  test("a key starting aws: (any case) is refused", () => {
    expect(problemsOf((r) => (r.tags = { "aws:cost": "a", "AWS:team": "b" }))).toEqual([
      'gateway.tags["aws:cost"]: tag key "aws:cost" starts with "aws:", which AWS reserves for its own tags',
      'gateway.tags["AWS:team"]: tag key "AWS:team" starts with "aws:", which AWS reserves for its own tags',
    ]);
  });

  test("a key over 128 or a value over 256 characters is refused; 128 and 256 pass", () => {
    expect(() => parseForStack("dev", { ...baseGateway(), tags: { ["k".repeat(128)]: "v".repeat(256) } })).not.toThrow();
    expect(problemsOf((r) => (r.tags = { ["k".repeat(129)]: "v", long: "v".repeat(257) }))).toEqual([
      `gateway.tags.${"k".repeat(129)}: tag key of 129 characters; AWS allows at most 128`,
      "gateway.tags.long: tag value of 257 characters; AWS allows at most 256",
    ]);
  });

  test("characters outside letters, numbers, spaces and _ . : / = + - @ are refused; Unicode letters pass", () => {
    expect(() => parseForStack("dev", { ...baseGateway(), tags: { "cost-center/équipe": "Zürich 1 + 2 = 3 @ a_b:c.d" } })).not.toThrow();
    expect(problemsOf((r) => (r.tags = { "team#1": "ok", team: "a&b" }))).toEqual([
      `gateway.tags["team#1"]: tag key "team#1" has characters AWS does not allow in tags (allowed: ${TAG_CHARS})`,
      `gateway.tags.team: tag value "a&b" has characters AWS does not allow in tags (allowed: ${TAG_CHARS})`,
    ]);
  });

  test("the owner is every resource's owner tag: its characters and length are checked", () => {
    expect(problemsOf((r) => (r.owner = "platform & ops"))).toEqual([
      `gateway.owner: "platform & ops" is the value of every resource's "owner" tag and has characters AWS does not allow in tags (allowed: ${TAG_CHARS})`,
    ]);
    expect(problemsOf((r) => (r.owner = "o".repeat(257)))).toEqual([
      'gateway.owner: 257 characters; it is the value of every resource\'s "owner" tag, and AWS allows tag values of at most 256',
    ]);
  });

  test("more than 50 tags on a resource, counting the program's own, is refused", () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, "v"]));
    // 45 of the stack's own + project, stack, environment, owner = 49, and a stage adds `stage`: 50.
    expect(() => parseForStack("dev", { ...baseGateway(), tags: tags(45) })).not.toThrow();
    expect(problemsOf((r) => (r.tags = tags(46)))).toEqual([
      "gateway.stages.dev.tags: with gateway.tags, project, stack, environment, owner and stage, the stage would carry 51 tags; AWS allows at most 50 per resource",
      "gateway.stages.test.tags: with gateway.tags, project, stack, environment, owner and stage, the stage would carry 51 tags; AWS allows at most 50 per resource",
    ]);
    expect(
      problemsOf((r) => {
        r.tags = tags(47);
        delete r.stages.test;
        r.routes[0].aliasVariable = undefined;
      }),
    ).toEqual([
      "gateway.tags: with project, stack, environment, owner, every resource would carry 51 tags; AWS allows at most 50 per resource",
      "gateway.stages.dev.tags: with gateway.tags, project, stack, environment, owner and stage, the stage would carry 52 tags; AWS allows at most 50 per resource",
    ]);
    // A stage also carries its own tags and `stage`; a key the stack already has counts once.
    expect(
      problemsOf((r) => {
        r.tags = tags(40);
        r.stages.test.tags = {};
        r.stages.dev.tags = { ...tags(3), ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`s${i}`, "v"])) };
      }),
    ).toEqual([
      "gateway.stages.dev.tags: with gateway.tags, project, stack, environment, owner and stage, the stage would carry 52 tags; AWS allows at most 50 per resource",
    ]);
  });

  test("stage tags are checked like the stack's", () => {
    expect(problemsOf((r) => (r.stages.test.tags = { "aws:x": "1" }))).toEqual([
      'gateway.stages.test.tags["aws:x"]: tag key "aws:x" starts with "aws:", which AWS reserves for its own tags',
    ]);
  });
});

describe("NaN and Infinity are named as such", () => {
  test("in a number field, and in a string field", () => {
    expect(
      problemsOf((r) => {
        r.functions.hello.memoryMb = NaN;
        r.stages.dev.throttling = { rateLimit: Infinity, burstLimit: -Infinity };
        r.functions.itemsGet.environment = { GREETING: NaN };
      }),
    ).toEqual([
      "gateway.functions.hello.memoryMb: NaN is not a finite number",
      "gateway.functions.itemsGet.environment.GREETING: NaN is not a string",
      "gateway.stages.dev.throttling.rateLimit: Infinity is not a finite number",
      "gateway.stages.dev.throttling.burstLimit: -Infinity is not a finite number",
    ]);
  });

  test("inside a shown value", () => {
    expect(problemsOf((r) => (r.routes = { weights: [NaN, Infinity] }))).toEqual(['gateway.routes: {"weights":[NaN,Infinity]} is not a list']);
  });
});

test("a ConfigError is a Pulumi RunError, so the CLI prints its message without a stack trace", () => {
  expect(RunError.isInstance(new ConfigError(["x"]))).toBe(true);
});
