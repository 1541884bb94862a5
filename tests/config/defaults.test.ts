import { unknownProjectKeys } from "../../config/load";
import { baseGateway, parseForStack, stackFileGateway } from "../helpers/stack-config";

describe("a valid configuration gets every default, in one place", () => {
  test("dev: a month of logs, no deletion protection, REGIONAL, arm64, tracing on", () => {
    const cfg = parseForStack("dev", baseGateway());
    expect(cfg.api).toEqual({ name: "microservice-gateway-dev", description: "", version: "1.0.0", endpointType: "REGIONAL", longIntegrationTimeouts: false });
    expect(cfg.functions.itemsGet).toEqual({
      key: "itemsGet",
      name: "microservice-gateway-dev-itemsGet",
      entry: "items/get",
      description: "",
      memoryMb: 256,
      timeoutSeconds: 10,
      architecture: "arm64",
      logRetentionDays: 30,
      tracing: true,
      environment: {},
      tables: { items: "read" },
      aliases: {},
    });
    expect(cfg.tables.items).toEqual({
      key: "items",
      partitionKey: "id",
      pointInTimeRecovery: false,
      deletionProtection: false,
      ttlAttribute: undefined,
      indexes: {},
    });
    expect(cfg.stages.dev).toEqual({
      name: "dev",
      description: "",
      variables: { lambdaAlias: "DEV" },
      tracing: true,
      tags: {},
      logging: { accessLogs: true, executionLevel: "ERROR", dataTrace: false, metrics: true, retentionDays: 30 },
      throttling: { rateLimit: 100, burstLimit: 200 },
      cache: undefined,
    });
    expect(cfg.manageApiGatewayAccount).toBe(false);
    expect(cfg.logEncryption).toBe("cloudwatch");
  });

  test("prod: a year of logs, recovery and deletion protection on", () => {
    const cfg = parseForStack("prod", { ...baseGateway(), environment: "prod" });
    expect(cfg.functions.itemsGet!.logRetentionDays).toBe(365);
    expect(cfg.stages.dev!.logging.retentionDays).toBe(365);
    expect(cfg.logEncryption).toBe("kms");
    expect(cfg.tables.items).toMatchObject({ pointInTimeRecovery: true, deletionProtection: true });
  });

  test("a stage cache: TTL 300 s, encrypted, invalidation only by authorized callers", () => {
    const raw = baseGateway() as { stages: Record<string, Record<string, unknown>> };
    raw.stages.dev!.cache = { sizeGb: 0.5 };
    expect(parseForStack("dev", raw).stages.dev!.cache).toEqual({
      sizeGb: 0.5,
      ttlSeconds: 300,
      encrypted: true,
      invalidation: "authorized",
      unauthorizedStrategy: "FAIL_WITH_403",
      invalidators: [],
    });
  });

  test("explicit values win over defaults", () => {
    const raw = baseGateway() as { tables: Record<string, unknown> };
    raw.tables.items = { pointInTimeRecovery: true, ttlAttribute: "expiresAt" };
    const cfg = parseForStack("dev", raw);
    expect(cfg.tables.items).toMatchObject({ pointInTimeRecovery: true, deletionProtection: false, ttlAttribute: "expiresAt" });
  });

  test("alias routing lists the primary (heaviest) version first", () => {
    const cfg = parseForStack("dev", baseGateway());
    expect(cfg.functions.hello!.aliases).toEqual({
      DEV: { name: "DEV", description: "", routing: [{ version: "$LATEST", weight: 1 }] },
      TEST: { name: "TEST", description: "", routing: [{ version: "current", weight: 1 }] },
      PROD: {
        name: "PROD",
        description: "",
        routing: [
          { version: "1", weight: 0.95 },
          { version: "current", weight: 0.05 },
        ],
      },
    });
  });

  test("route targets: unqualified, fixed alias, or an alias named by a stage variable", () => {
    const raw = baseGateway() as { routes: unknown[] };
    raw.routes.push({ method: "POST", path: "/hello", function: "hello", authorization: "iam", alias: "PROD" });
    const cfg = parseForStack("dev", raw);
    expect(cfg.routes.map((r) => (r.integration.type === "lambda_proxy" ? r.integration.target : undefined))).toEqual([
      { kind: "stageVariable", variable: "lambdaAlias" },
      { kind: "unqualified" },
      { kind: "alias", alias: "PROD" },
    ]);
  });

  test("the result is deeply frozen", () => {
    const cfg = parseForStack("dev", baseGateway());
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(Object.isFrozen(cfg.functions.hello!.aliases.PROD!.routing)).toBe(true);
    expect(Object.isFrozen(cfg.stages.dev!.variables)).toBe(true);
  });

  test.each(["dev", "prod"])("the shipped %s stack is valid", (stack) => {
    const cfg = parseForStack(stack, stackFileGateway(stack));
    expect(cfg.environment).toBe(stack);
    expect(Object.keys(cfg.stages)).toEqual(stack === "dev" ? ["dev", "test"] : ["prod"]);
    const internal = stack === "prod" ? ["internal backend", "internal backend", "internal lambda_proxy"] : [];
    expect(cfg.routes.map((r) => (r.api === "internal" ? `internal ${r.integration.type}` : r.integration.type))).toEqual([
      ...Array(7).fill("lambda_proxy"),
      // prod: GET /items-direct/{id} (DynamoDB GetItem, no Lambda).
      ...(stack === "prod" ? ["dynamodb"] : []),
      "s3",
      // prod: GET /catalog/{id} (cognito); both: GET /me (the Lambda authorizer).
      ...Array(stack === "prod" ? 2 : 1).fill("lambda_proxy"),
      "s3",
      ...Array(4).fill("backend"),
      ...internal,
      "mock",
      "http",
      "http",
      "http_proxy",
      "sqs",
      // dev: POST /orders/preview (Lambda without proxy).
      ...(stack === "dev" ? ["lambda"] : []),
      "stepfunctions",
    ]);
  });
});

describe("the network, backends and internal API of the shipped stacks", () => {
  test("dev: two zones sharing one NAT gateway, one task and a fleet of one to two", () => {
    const cfg = parseForStack("dev", stackFileGateway("dev"));
    expect(cfg.network).toEqual({ kind: "created", cidrBlock: "10.0.0.0/16", availabilityZones: 2, natGateways: "single" });
    expect(cfg.backends).toEqual({
      service1: {
        type: "ecs",
        key: "service1",
        image: "public.ecr.aws/nginx/nginx:stable-alpine",
        port: 80,
        healthCheckPath: "/",
        architecture: "x86_64",
        cpu: 256,
        memoryMb: 512,
        desiredCount: 1,
        environment: {},
        autoscaling: undefined,
      },
      service2: {
        type: "ec2",
        key: "service2",
        port: 80,
        healthCheckPath: "/",
        architecture: "x86_64",
        instanceType: "t3.micro",
        minSize: 1,
        maxSize: 2,
        desiredCapacity: 1,
        targetCpuPercent: 60,
        volumeSizeGb: 8,
      },
    });
    expect(cfg.internalApi).toBeUndefined();
    expect(cfg.routes.find((r) => r.path === "/service1/{proxy+}")?.integration).toEqual({
      type: "backend",
      backend: "service1",
      path: "/{proxy}",
      httpMethod: "ANY",
      requestParameters: {},
    });
    expect(cfg.routes.find((r) => r.path === "/service1")?.integration).toMatchObject({ path: "/" });
  });

  test("prod: three zones with a NAT gateway each, autoscaling tasks, and the internal API", () => {
    const cfg = parseForStack("prod", stackFileGateway("prod"));
    expect(cfg.network).toEqual({ kind: "created", cidrBlock: "10.40.0.0/16", availabilityZones: 3, natGateways: "onePerZone" });
    expect(cfg.backends.service1).toMatchObject({ cpu: 512, memoryMb: 1024, desiredCount: 2, autoscaling: { minCount: 2, maxCount: 6, targetCpuPercent: 60 } });
    expect(cfg.backends.service2).toMatchObject({ instanceType: "t3.small", minSize: 2, maxSize: 6, desiredCapacity: 2 });
    expect(cfg.internalApi).toEqual({
      name: "microservice-gateway-prod-internal",
      description: "Microservice gateway (production, internal callers in the VPC)",
      privateDns: false,
    });
  });

  test("defaults: prod spreads over three zones with a NAT each; elsewhere two zones share one", () => {
    const base = { ...baseGateway(), network: {} };
    expect(parseForStack("dev", base).network).toEqual({ kind: "created", cidrBlock: "10.0.0.0/16", availabilityZones: 2, natGateways: "single" });
    expect(parseForStack("prod", { ...base, environment: "prod" }).network).toEqual({
      kind: "created",
      cidrBlock: "10.0.0.0/16",
      availabilityZones: 3,
      natGateways: "onePerZone",
    });
    const existing = { ...baseGateway(), network: { existing: { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-01234567", "subnet-89abcdef"] } } };
    expect(parseForStack("dev", existing).network).toEqual({
      kind: "existing",
      vpcId: "vpc-0123456789abcdef0",
      privateSubnetIds: ["subnet-01234567", "subnet-89abcdef"],
    });
  });

  test("defaults: an arm64 fleet gets a Graviton type; desired tasks follow the autoscaling minimum", () => {
    const cfg = parseForStack("dev", {
      ...baseGateway(),
      network: {},
      backends: {
        fleet: { type: "ec2", architecture: "arm64", minSize: 3 },
        tasks: { type: "ecs", image: "nginx", autoscaling: { minCount: 3, maxCount: 5 } },
      },
    });
    expect(cfg.backends.fleet).toMatchObject({ instanceType: "t4g.micro", minSize: 3, maxSize: 4, desiredCapacity: 3 });
    expect(cfg.backends.tasks).toMatchObject({ desiredCount: 3, autoscaling: { minCount: 3, maxCount: 5, targetCpuPercent: 60 } });
  });
});

describe("unknown keys in the project's config namespace", () => {
  test("are listed, sorted; other namespaces are left alone", () => {
    expect(
      unknownProjectKeys("microservice-gateway", {
        "microservice-gateway:gateway": "{}",
        "microservice-gateway:apiKeyValues": "{}",
        "microservice-gateway:stages": "{}",
        "microservice-gateway:gatway": "{}",
        "aws:region": "us-east-1",
      }),
    ).toEqual([
      "microservice-gateway:gatway: unknown config key; this project reads only microservice-gateway:gateway, microservice-gateway:apiKeyValues, microservice-gateway:releases",
      "microservice-gateway:stages: unknown config key; this project reads only microservice-gateway:gateway, microservice-gateway:apiKeyValues, microservice-gateway:releases",
    ]);
  });
});
