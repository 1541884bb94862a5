import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AWS_REGIONS } from "../../config/aws-regions";
import { parseArgs, USAGE } from "../../preview/cli";

const ROOT = path.resolve(__dirname, "..", "..");

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env }, (error, stdout, stderr) => {
      const code = (error as { code?: unknown } | null)?.code;
      resolve({ status: error ? (typeof code === "number" ? code : null) : 0, stdout, stderr });
    });
  });
}

/** Each command this file runs, once; they all start with the file and run side by side. */
const runs = new Map<string, Promise<Run>>();
const once = (key: string, start: () => Promise<Run>): Promise<Run> => {
  let started = runs.get(key);
  if (!started) {
    started = start();
    runs.set(key, started);
  }
  return started;
};

const preview = (...args: string[]): Promise<Run> =>
  once(args.join(" "), () => run(process.execPath, ["-r", "./scripts/register-typescript.cjs", "preview/cli.ts", ...args]));

/** The files the invalid config's run loaded (tests/helpers/loaded-modules.cjs writes them when it exits). */
const invalidRunModules = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "preview-cli-modules-")), "loaded.json");
const invalidConfigRun = (): Promise<Run> =>
  once("invalid config", () =>
    run(
      process.execPath,
      [
        "-r",
        "./tests/helpers/loaded-modules.cjs",
        "-r",
        "./scripts/register-typescript.cjs",
        "preview/cli.ts",
        "--stack",
        "dev",
        "--config-file",
        "tests/fixtures/invalid.yaml",
      ],
      {
        ...process.env,
        LOADED_MODULES_FILE: invalidRunModules,
      },
    ),
  );

/**
 * `--stack prod --json` through a pipe whose reader starts late: the report (over 128 KiB) must
 * arrive whole. Run once for the tests that read the prod report.
 */
const prodJsonReport = (): Promise<Run> =>
  once("prod json, piped", () =>
    run("bash", ["-o", "pipefail", "-c", `"${process.execPath}" -r ./scripts/register-typescript.cjs preview/cli.ts --stack prod --json | (sleep 1; cat)`]),
  );

beforeAll(() => {
  void preview("--stack", "dev");
  void preview("--stack", "prod");
  void prodJsonReport();
  void preview("--stack", "prod", "--config-file", "tests/fixtures/insecure.yaml", "--json");
  void invalidConfigRun();
});

describe("preview arguments", () => {
  test("stack, config file and JSON", () => {
    expect(parseArgs(["--stack", "prod", "--config-file", "x.yaml", "--json"])).toEqual({ stack: "prod", configFile: "x.yaml", json: true });
    expect(parseArgs(["--stack", "dev"])).toEqual({ stack: "dev", configFile: undefined, json: false });
  });

  test("bad usage is named", () => {
    expect(() => parseArgs([])).toThrow(`--stack is required; ${USAGE}`);
    expect(() => parseArgs(["--stack"])).toThrow(`--stack needs a value; ${USAGE}`);
    expect(() => parseArgs(["--stack", "dev", "--verbose"])).toThrow(`unknown argument "--verbose"; ${USAGE}`);
  });

  test("--help prints the usage and exits 0; a typo'd stack exits 2 naming the stacks that exist", async () => {
    expect(parseArgs(["--stack", "dev", "--help"])).toBe("help");
    const help = await preview("--help");
    expect([help.status, help.stdout.startsWith(`${USAGE}\n`)]).toEqual([0, true]);
    const typo = await preview("--stack", "prd");
    expect([typo.status, typo.stdout, typo.stderr]).toEqual([
      2,
      "",
      'no stack "prd": there is no Pulumi.prd.yaml; the stacks here are dev, prod (add one by copying a stack file, and policies/config/<stack>.json for its pack config)\n',
    ]);
  });
});

describe("npm run preview (the real program and the real pack, offline)", () => {
  test.each(["dev", "prod"])("the shipped %s stack passes", async (stack) => {
    const run = await preview("--stack", stack);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("PASSED: no mandatory violations");
    expect(run.status).toBe(0);
  });

  test("--json prints one JSON object of the documented shape, whole through a pipe whose reader starts late", async () => {
    const run = await prodJsonReport();
    expect(run.stdout.length).toBeGreaterThan(128 * 1024);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(["stack", "resources", "violations", "warnings"]);
    expect(report.stack).toBe("prod");
    expect(report.warnings).toEqual([]);
    const stage = report.resources.find((r: { type: string; name: string }) => r.type === "aws:apigateway/stage:Stage" && r.name === "api-prod-stage");
    expect(stage).toMatchObject({ name: "api-prod-stage", parent: "gateway:rest-api:Stage::api-prod", provider: null });
    expect(stage.inputs).toMatchObject({ stageName: "prod", xrayTracingEnabled: true, variables: { lambdaAlias: "PROD" } });
    expect(stage.inputs.restApi).toMatch(/^[a-z0-9]{10}$/);
    for (const r of report.resources) expect(Object.keys(r)).toEqual(["type", "name", "parent", "provider", "inputs"]);
    for (const v of report.violations) {
      expect(Object.keys(v)).toEqual(["policy", "enforcementLevel", "resource", "message"]);
      expect(v.enforcementLevel).toBe("advisory");
    }

    // What running the prod stage takes, all visible offline.
    type R = { type: string; name: string; inputs: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const of = (type: string): R[] => report.resources.filter((r: R) => r.type === type);
    expect(stage.inputs.canarySettings).toMatchObject({ percentTraffic: 5, stageVariableOverrides: { lambdaAlias: "NEXT" } });
    expect(stage.inputs).toMatchObject({ cacheClusterEnabled: true, cacheClusterSize: "0.5" });
    expect(stage.inputs.accessLogSettings.destinationArn).toMatch(/^arn:aws:logs:us-east-1:123456789012:log-group:\/aws\/apigateway\//);
    const defaults = of("aws:apigateway/methodSettings:MethodSettings").find((m) => m.inputs.methodPath === "*/*" && m.name === "api-prod-settings")!;
    expect(defaults.inputs.settings).toMatchObject({
      cacheDataEncrypted: true,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403",
      throttlingRateLimit: 500,
      throttlingBurstLimit: 1000,
    });
    const [plan] = of("aws:apigateway/usagePlan:UsagePlan");
    expect(plan!.inputs).toMatchObject({ throttleSettings: { rateLimit: 50, burstLimit: 100 }, quotaSettings: { limit: 100000, period: "MONTH" } });
    expect(of("aws:apigateway/usagePlanKey:UsagePlanKey").map((k) => k.inputs.keyType)).toEqual(["API_KEY"]);
    expect(of("aws:apigateway/account:Account")[0]!.inputs.cloudwatchRoleArn).toMatch(/^arn:aws:iam::123456789012:role\//);
    expect(
      of("aws:cloudwatch/metricAlarm:MetricAlarm")
        .map((a) => a.inputs.name)
        .sort(),
    ).toEqual(
      [
        "microservice-gateway-prod-prod-4xx-rate",
        "microservice-gateway-prod-prod-5xx-rate",
        "microservice-gateway-prod-prod-cache-hit-ratio",
        "microservice-gateway-prod-prod-canary-5xx-rate",
        "microservice-gateway-prod-prod-canary-integration-latency-p99",
        "microservice-gateway-prod-prod-canary-latency-p99",
        "microservice-gateway-prod-prod-integration-latency-p99",
        "microservice-gateway-prod-prod-latency-p99",
        // The internal API's: no cache, so no cache-hit alarm.
        "microservice-gateway-prod-internal-prod-4xx-rate",
        "microservice-gateway-prod-internal-prod-5xx-rate",
        "microservice-gateway-prod-internal-prod-canary-5xx-rate",
        "microservice-gateway-prod-internal-prod-canary-integration-latency-p99",
        "microservice-gateway-prod-internal-prod-canary-latency-p99",
        "microservice-gateway-prod-internal-prod-integration-latency-p99",
        "microservice-gateway-prod-internal-prod-latency-p99",
      ].sort(),
    );
    expect(of("aws:cloudwatch/dashboard:Dashboard")).toHaveLength(2);
  });

  test("the insecure fixture fails, naming the cache, access-log and data-trace policies", async () => {
    const run = await preview("--stack", "prod", "--config-file", "tests/fixtures/insecure.yaml", "--json");
    expect(run.status).toBe(1);
    const { violations } = JSON.parse(run.stdout) as { violations: { policy: string; enforcementLevel: string }[] };
    const mandatory = new Set(violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy));
    // The stage's cache cluster is judged with its "*/*" settings by rest-stage-method-settings, a caching method's by
    // cache-invalidation-requires-authorization.
    expect(mandatory).toEqual(new Set(["cache-invalidation-requires-authorization", "rest-stage-method-settings", "stage-access-logs", "no-data-trace"]));
  });

  test("an invalid config exits 1 with every problem, before Pulumi or the program is loaded", async () => {
    const run = await invalidConfigRun();
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      [
        "invalid stack configuration (2 problems):",
        '  - gateway.environment: "production" is not one of dev, test, staging, prod',
        '  - gateway.routes[0].method: "FETCH" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY',
        "",
      ].join("\n"),
    );
    const loaded = JSON.parse(fs.readFileSync(invalidRunModules, "utf8")) as string[];
    fs.rmSync(path.dirname(invalidRunModules), { recursive: true, force: true });
    expect(loaded.filter((file) => /[\\/]node_modules[\\/]@pulumi[\\/]/.test(file) || file === path.join(ROOT, "index.ts"))).toEqual([]);
    expect(loaded).toContain(path.join(ROOT, "config", "load.ts"));
  });

  describe("stack files that are wrong, from a copy of the dev stack file", () => {
    let dir: string;
    const devFile = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
    const write = (name: string, text: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    };
    beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-cli-"))));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("a YAML syntax error is one message naming the file, line and column, never a stack trace", async () => {
      const file = write("broken.yaml", devFile.replace("    owner: platform-team\n", "    owner: platform-team\n   misplaced: true\n"));
      const line = devFile.split("\n").indexOf("    owner: platform-team") + 2;
      const run = await preview("--stack", "dev", "--config-file", file);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        `invalid stack configuration (1 problem):\n  - ${file}:${line}:1: YAML syntax error: All mapping items must start at the same column\n`,
      );
    });

    test("an unknown region and a plain-text API key value are config errors (AWS Regions; pulumi config set --secret)", async () => {
      const file = write(
        "plain-key.yaml",
        devFile
          .replace("aws:region: us-east-1", "aws:region: us-east-7")
          .replace("    owner: platform-team\n", "    owner: platform-team\n    apiKeys: { legacy: { imported: true } }\n")
          .replace("config:\n", "config:\n  microservice-gateway:apiKeyValues:\n    legacy: k-123\n"),
      );
      const run = await preview("--stack", "dev", "--config-file", file, "--json");
      expect(run.status).toBe(1);
      expect(JSON.parse(run.stdout).configErrors).toEqual([
        `aws:region: "us-east-7" is not an AWS Region; one of ${AWS_REGIONS.join(", ")}`,
        "microservice-gateway:apiKeyValues.legacy: is plain text in the stack's configuration; an API key value must be a secret (pulumi config set --secret --path 'apiKeyValues.legacy' <value>)",
      ]);
    });

    test("warnings are listed, in the text and the JSON report, and do not fail the run (source: 'Throttle requests to your REST APIs for better throughput in API Gateway')", async () => {
      const file = write("warnings.yaml", devFile.replace("throttling: { rateLimit: 50, burstLimit: 100 }", "throttling: { rateLimit: 50, burstLimit: 10 }"));
      const warning =
        "gateway.stages.dev.throttling: burstLimit 10 is below rateLimit 50; the burst is the size of API Gateway's token bucket, so at most 10 requests pass at once and 50 per second is reached only by evenly spaced requests (set burstLimit to at least 50)";
      const json = await preview("--stack", "dev", "--config-file", file, "--json");
      expect(json.status).toBe(0);
      expect(json.stderr).toBe("");
      expect(JSON.parse(json.stdout).warnings).toEqual([warning]);
      const text = await preview("--stack", "dev", "--config-file", file);
      expect(text.status).toBe(0);
      expect(text.stdout).toContain(`\nwarnings: 1\n  ${warning}\n`);
    });
  });

  test("the prod stack shows its architecture: backends, network, domain, private API, WAF, client certificate", async () => {
    const run = await prodJsonReport();
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as {
      resources: { type: string; name: string; inputs: Record<string, any> }[];
      violations: { enforcementLevel: string }[];
    }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const of = (type: string) => report.resources.filter((r) => r.type === type);
    const one = (type: string, name: string) => {
      const found = report.resources.find((r) => r.type === type && r.name === name);
      if (!found) throw new Error(`no ${type} ${name}`);
      return found;
    };
    const links = of("aws:apigateway/vpcLink:VpcLink");
    expect(links.map((l) => l.inputs.targetArn)).toEqual([
      expect.stringMatching(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/net\/service1-nlb-/),
      expect.stringMatching(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/net\/service2-nlb-/),
    ]);
    expect(one("aws:ecs/service:Service", "service1-service").inputs).toMatchObject({ launchType: "FARGATE", networkConfiguration: { assignPublicIp: false } });
    expect(one("aws:autoscaling/group:Group", "service2-group").inputs).toMatchObject({ healthCheckType: "ELB", minSize: 2, maxSize: 6 });
    expect(one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "bucket-docs-public-access").inputs).toMatchObject({
      blockPublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(of("aws:acm/certificate:Certificate")).toHaveLength(1);
    expect(of("aws:acm/certificateValidation:CertificateValidation")).toHaveLength(1);
    expect(of("aws:apigateway/domainName:DomainName").map((d) => d.inputs.securityPolicy)).toEqual(["TLS_1_2"]);
    expect(of("aws:apigateway/basePathMapping:BasePathMapping").map((m) => m.inputs.basePath)).toEqual(["v1"]);
    const aliases = of("aws:route53/record:Record").filter((r) => r.inputs.aliases);
    expect(aliases.map((r) => r.inputs.type).sort()).toEqual(["A", "AAAA"]);
    const endpoint = one("aws:ec2/vpcEndpoint:VpcEndpoint", "internal-endpoint-endpoint");
    expect(endpoint.inputs).toMatchObject({ vpcEndpointType: "Interface", privateDnsEnabled: false, serviceName: "com.amazonaws.us-east-1.execute-api" });
    const internalApi = one("aws:apigateway/restApi:RestApi", "internal-rest-api");
    expect(internalApi.inputs.endpointConfiguration.types).toBe("PRIVATE");
    expect(JSON.stringify(JSON.parse(internalApi.inputs.policy))).toContain('"aws:SourceVpce"');
    expect(of("aws:wafv2/webAclAssociation:WebAclAssociation")).toHaveLength(2);
    expect(of("aws:apigateway/clientCertificate:ClientCertificate")).toHaveLength(2);
    // The WebSocket API: route selection, its routes, the connection table with TTL, scoped @connections grants.
    expect(one("aws:apigatewayv2/api:Api", "websocket-api").inputs).toMatchObject({
      protocolType: "WEBSOCKET",
      routeSelectionExpression: "$request.body.action",
    });
    expect(
      of("aws:apigatewayv2/route:Route")
        .filter((r) => r.name.startsWith("websocket-"))
        .map((r) => r.inputs.routeKey)
        .sort(),
    ).toEqual(["$connect", "$default", "$disconnect", "leave", "sendMessage", "whoami"]);
    expect(one("aws:dynamodb/table:Table", "connections-table").inputs).toMatchObject({
      hashKey: "connectionId",
      ttl: { attributeName: "expiresAt", enabled: true },
    });
    const grant = JSON.parse(one("aws:iam/rolePolicy:RolePolicy", "websocket-wsSendMessage-connections").inputs.policy);
    expect(grant.Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["execute-api:ManageConnections"],
        Resource: [expect.stringMatching(/^arn:aws:execute-api:us-east-1:123456789012:[a-z0-9]{10}\/prod\/POST\/@connections\/\*$/)],
      },
    ]);
    // Access control: the Cognito pool and its REST authorizer, the Lambda authorizer, the resource policy, the HTTP API.
    expect(of("aws:cognito/userPool:UserPool")).toHaveLength(1);
    const schemes = JSON.parse(one("aws:apigateway/restApi:RestApi", "api-api").inputs.body).components.securitySchemes;
    expect(schemes.cognito["x-amazon-apigateway-authorizer"].type).toBe("cognito_user_pools");
    expect(schemes.jwt["x-amazon-apigateway-authorizer"]).toMatchObject({ type: "token", authorizerUri: expect.stringContaining("restAuthorizer") });
    expect(JSON.parse(one("aws:apigateway/restApi:RestApi", "api-api").inputs.policy).Statement).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Condition: { IpAddress: { "aws:SourceIp": ["192.0.2.0/24"] } } }),
    );
    expect(one("aws:apigatewayv2/api:Api", "http-api").inputs).toMatchObject({
      protocolType: "HTTP",
      corsConfiguration: { allowOrigins: ["https://app.example.com"] },
    });
    expect(one("aws:apigatewayv2/authorizer:Authorizer", "http-jwt").inputs.authorizerType).toBe("JWT");
    expect(report.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  });
});
