import { parseStackConfig } from "../../config";
import { cidrProblem } from "../../config/sections/network";
import { ARM_INSTANCE_FAMILY_PATTERN, CONTAINER_IMAGE_PATTERN } from "../../config/constants";
import { defaultBackendPath } from "../../config/defaults";
import { ALL_FILES_EXIST as FILES, baseGateway, configProblems, PROJECT } from "../helpers/stack-config";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A valid stack with a network, an ECS and an EC2 backend and routes to both; tests break one thing. */
function withBackends(): Raw {
  const raw = baseGateway() as Raw;
  raw.network = {};
  raw.backends = {
    web: { type: "ecs", image: "public.ecr.aws/nginx/nginx:stable-alpine" },
    fleet: { type: "ec2" },
  };
  raw.routes.push(
    { method: "ANY", path: "/web/{proxy+}", authorization: "none", integration: { type: "backend", backend: "web" } },
    { method: "GET", path: "/fleet/{id}", authorization: "none", integration: { type: "backend", backend: "fleet", path: "/things/{id}" } },
  );
  return raw;
}

function problemsOf(mutate: (raw: Raw) => void, environment = "dev"): readonly string[] {
  const raw = withBackends();
  raw.environment = environment;
  mutate(raw);
  return configProblems(raw);
}

describe("network, backends and the internal API: bad input named exactly", () => {
  const cases: [string, (raw: Raw) => void, string[]][] = [
    ["backends without a network", (r) => delete r.network, ["gateway.backends: backends run in gateway.network, which is not set"]],
    [
      "a backend key too long for a load balancer name",
      (r) => (r.backends.averyveryverylongkey = r.backends.web),
      [
        'gateway.backends.averyveryverylongkey: backend key "averyveryverylongkey" must match ^[a-z][a-z0-9]{0,15}$ (it names the load balancer, whose AWS name has at most 32 characters)',
      ],
    ],
    ["unknown backend type", (r) => (r.backends.web.type = "lambda"), ['gateway.backends.web.type: "lambda" is not one of ecs, ec2']],
    [
      "an image that is no image reference",
      (r) => (r.backends.web.image = "Nginx Latest"),
      ['gateway.backends.web.image: "Nginx Latest" is not a container image reference (registry/repository[:tag][@sha256:digest], lower case)'],
    ],
    ["Fargate CPU units it does not offer", (r) => (r.backends.web.cpu = 300), ["gateway.backends.web.cpu: 300 is not one of 256, 512, 1024, 2048, 4096"]],
    [
      "memory Fargate does not pair with the CPU",
      (r) => Object.assign(r.backends.web, { cpu: 1024, memoryMb: 1024 }),
      ["gateway.backends.web.memoryMb: 1024 is not a Fargate memory size for 1024 CPU units (allowed: 2048, 3072, 4096, 5120, 6144, 7168, 8192)"],
    ],
    [
      "autoscaling minimum above its maximum",
      (r) => (r.backends.web.autoscaling = { minCount: 5, maxCount: 2 }),
      ["gateway.backends.web.autoscaling.minCount: 5 is above maxCount 2"],
    ],
    [
      "desired tasks outside the autoscaling range",
      (r) => Object.assign(r.backends.web, { desiredCount: 9, autoscaling: { minCount: 1, maxCount: 4 } }),
      ["gateway.backends.web.desiredCount: 9 is outside autoscaling's 1 to 4"],
    ],
    [
      "a container environment variable name",
      (r) => (r.backends.web.environment = { "1BAD": "x" }),
      ['gateway.backends.web.environment["1BAD"]: environment variable name must match ^[A-Za-z][A-Za-z0-9_]*$'],
    ],
    [
      "a health check path with a space",
      (r) => (r.backends.fleet.healthCheckPath = "/health check"),
      [
        'gateway.backends.fleet.healthCheckPath: "/health check" must be an absolute path like "/health" (letters, digits, ".", "_", "~" and "-"; no segment starting with "." and no trailing "/")',
      ],
    ],
    [
      "a Graviton type with x86_64",
      (r) => (r.backends.fleet.instanceType = "t4g.small"),
      ['gateway.backends.fleet.instanceType: "t4g.small" is a Graviton (arm64) type, but architecture is "x86_64"'],
    ],
    [
      "an Intel type with arm64",
      (r) => Object.assign(r.backends.fleet, { instanceType: "m5.large", architecture: "arm64" }),
      ['gateway.backends.fleet.instanceType: "m5.large" is not a Graviton (arm64) type, but architecture is "arm64"'],
    ],
    [
      "not an instance type",
      (r) => (r.backends.fleet.instanceType = "large"),
      ['gateway.backends.fleet.instanceType: "large" is not an EC2 instance type like "t3.micro"'],
    ],
    [
      "fleet minimum above its maximum",
      (r) => Object.assign(r.backends.fleet, { minSize: 5, maxSize: 2 }),
      ["gateway.backends.fleet.minSize: 5 is above maxSize 2"],
    ],
    [
      "fleet desired capacity outside its range",
      (r) => Object.assign(r.backends.fleet, { minSize: 1, maxSize: 2, desiredCapacity: 3 }),
      ["gateway.backends.fleet.desiredCapacity: 3 is outside minSize 1 to maxSize 2"],
    ],
    [
      "no NAT gateway while backends need the internet",
      (r) => (r.network.natGateways = "none"),
      [
        'gateway.network.natGateways: "none" leaves private subnets without a way out, but the backends pull images and packages from the internet; use "single" or "onePerZone"',
      ],
    ],
    ["unknown NAT mode", (r) => (r.network.natGateways = "perZone"), ['gateway.network.natGateways: "perZone" is not one of single, onePerZone, none']],
    [
      "a CIDR block that is no CIDR block",
      (r) => (r.network.cidrBlock = "10.0.0.0"),
      ['gateway.network.cidrBlock: "10.0.0.0" is not an IPv4 CIDR block like "10.0.0.0/16"'],
    ],
    [
      "a CIDR block with host bits",
      (r) => (r.network.cidrBlock = "10.0.1.0/16"),
      ['gateway.network.cidrBlock: "10.0.1.0/16" has host bits set (the network of /16 starting there is not aligned)'],
    ],
    [
      "a VPC larger than AWS allows",
      (r) => (r.network.cidrBlock = "10.0.0.0/8"),
      ['gateway.network.cidrBlock: "10.0.0.0/8" must have a prefix from /16 to /24'],
    ],
    [
      "a VPC too small for its zones",
      (r) => Object.assign(r.network, { cidrBlock: "10.0.0.0/24", availabilityZones: 6 }),
      ['gateway.network.cidrBlock: "10.0.0.0/24" is too small for 6 zones (each zone\'s public subnet would be a /30; AWS subnets are at most /28)'],
    ],
    ["one availability zone", (r) => (r.network.availabilityZones = 1), ["gateway.network.availabilityZones: 1 is below the minimum 2"]],
    [
      "an existing VPC with settings for a new one",
      (r) => (r.network = { natGateways: "single", existing: { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-01234567", "subnet-89abcdef"] } }),
      ["gateway.network.natGateways: applies to a VPC this stack creates, not to network.existing"],
    ],
    [
      "an existing VPC with malformed ids",
      (r) => (r.network = { existing: { vpcId: "vpc1", privateSubnetIds: ["subnet-01234567", "sub-2"] } }),
      [
        'gateway.network.existing.vpcId: "vpc1" is not a VPC id (vpc-...)',
        'gateway.network.existing.privateSubnetIds[1]: "sub-2" is not a subnet id (subnet-...)',
      ],
    ],
    [
      "an existing VPC with one subnet",
      (r) => (r.network = { existing: { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-01234567"] } }),
      ["gateway.network.existing.privateSubnetIds: has 1 item; at least 2 required"],
    ],
    [
      "a route to an unknown backend",
      (r) => (r.routes[2].integration.backend = "api"),
      ['gateway.routes[2].integration.backend: "api" is not a backend in gateway.backends (defined: fleet, web)'],
    ],
    [
      "a backend path naming a parameter the route lacks",
      (r) => (r.routes[3].integration.path = "/things/{thing}"),
      ['gateway.routes[3].integration.path: {thing} is not a parameter of "/fleet/{id}" (parameters: id)'],
    ],
    ["a relative backend path", (r) => (r.routes[3].integration.path = "things"), ['gateway.routes[3].integration.path: "things" must start with "/"']],
    [
      "an internal route without the internal API",
      (r) => (r.routes[2].api = "internal"),
      ['gateway.routes[2].api: "internal" needs gateway.internalApi (the stack\'s PRIVATE API)'],
    ],
    [
      "an internal API without internal routes",
      (r) => (r.internalApi = {}),
      ['gateway.internalApi: no route has api "internal" (a REST API needs at least one method to deploy)'],
    ],
    [
      "an internal API beside a PRIVATE API",
      (r) => {
        r.internalApi = {};
        r.routes[2].api = "internal";
        r.api = { endpointType: "PRIVATE", privateAccess: { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-01234567"] } };
      },
      [
        "gateway.internalApi: the API is PRIVATE already; an internal API beside it would need a second execute-api endpoint with private DNS in one VPC, which AWS refuses",
      ],
    ],
    [
      "an internal API without a network",
      (r) => {
        r.internalApi = {};
        r.routes.push({ api: "internal", method: "GET", path: "/hello", function: "hello", authorization: "none", aliasVariable: "lambdaAlias" });
        delete r.network;
        delete r.backends;
        r.routes.splice(2, 2);
      },
      ["gateway.internalApi: the internal API's execute-api endpoint lives in gateway.network, which is not set"],
    ],
    [
      "internal routes that cache or need keys",
      (r) => {
        r.internalApi = {};
        r.routes.push({
          api: "internal",
          method: "GET",
          path: "/hello",
          function: "hello",
          authorization: "none",
          aliasVariable: "lambdaAlias",
          cache: { ttlSeconds: 5 },
          apiKeyRequired: true,
        });
        r.usagePlans = { p: { stages: ["dev", "test"] } };
      },
      [
        "gateway.routes[4].cache: the internal API has no cache cluster; internal routes do not cache",
        "gateway.routes[4].apiKeyRequired: usage plans and API keys cover the public API only",
      ],
    ],
  ];

  test.each(cases)("%s", (_name, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  test("the same path may be routed by both APIs, but not twice by one", () => {
    const raw = withBackends();
    raw.internalApi = {};
    raw.routes.push({ ...raw.routes[2], api: "internal" });
    expect(() => parseStackConfig({ project: PROJECT, stack: "dev" }, raw, FILES)).not.toThrow();
    raw.routes.push({ ...raw.routes[2], api: "internal" });
    expect(problemsOf((r) => Object.assign(r, raw))).toEqual(["gateway.routes[5]: ANY /web/{proxy+} duplicates gateway.routes[4] (ANY /web/{proxy+})"]);
  });
});

describe("pure helpers", () => {
  test("cidrProblem", () => {
    expect(cidrProblem("10.0.0.0/16")).toBeUndefined();
    expect(cidrProblem("172.31.128.0/17")).toBeUndefined();
    expect(cidrProblem("10.0.0.1/24")).toBe('"10.0.0.1/24" has host bits set (the network of /24 starting there is not aligned)');
    expect(cidrProblem("300.0.0.0/16")).toBe('"300.0.0.0/16" is not an IPv4 CIDR block like "10.0.0.0/16"');
    expect(cidrProblem("10.0.0.0/33")).toBe('"10.0.0.0/33" is not an IPv4 CIDR block like "10.0.0.0/16"');
  });

  test("Graviton families", () => {
    for (const t of ["t4g.micro", "m7g.large", "c7gn.xlarge", "r8g.medium", "m6gd.large", "a1.medium", "im4gn.large", "g5g.xlarge"]) {
      expect([t, ARM_INSTANCE_FAMILY_PATTERN.test(t)]).toEqual([t, true]);
    }
    for (const t of ["t3.micro", "m5.large", "m5dn.large", "g5.xlarge", "c7i-flex.large", "r6idn.large", "inf2.xlarge"]) {
      expect([t, ARM_INSTANCE_FAMILY_PATTERN.test(t)]).toEqual([t, false]);
    }
  });

  test("container image references", () => {
    for (const i of [
      "nginx",
      "public.ecr.aws/nginx/nginx:stable-alpine",
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.2.3",
      "localhost:5000/app",
      `app@sha256:${"a".repeat(64)}`,
    ]) {
      expect([i, CONTAINER_IMAGE_PATTERN.test(i)]).toEqual([i, true]);
    }
    for (const i of ["Nginx", "nginx:", "nginx latest", "/nginx", `app@sha256:${"a".repeat(10)}`]) {
      expect([i, CONTAINER_IMAGE_PATTERN.test(i)]).toEqual([i, false]);
    }
  });

  test("the backend path a route forwards to by default", () => {
    expect(defaultBackendPath("/service1/{proxy+}")).toBe("/{proxy}");
    expect(defaultBackendPath("/service1/{rest+}")).toBe("/{rest}");
    expect(defaultBackendPath("/service1")).toBe("/");
    expect(defaultBackendPath("/service1/{id}")).toBe("/");
  });
});
