import { ConfigError, parseStackConfig } from "../../config";
import { baseGateway, PROJECT } from "../helpers/stack-config";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

type Files = {
  entryExists?: (f: string) => boolean;
  templateExists?: (f: string) => boolean;
  definitionExists?: (f: string) => boolean;
  folderExists?: (f: string) => boolean;
};
const ALL_FILES: Files = { entryExists: () => true, templateExists: () => true, definitionExists: () => true, folderExists: () => true };

function problemsOf(mutate: (raw: Raw) => void, opts: Files = ALL_FILES): readonly string[] {
  const raw = baseGateway() as Raw;
  mutate(raw);
  try {
    parseStackConfig({ project: PROJECT, stack: "dev" }, raw, opts);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected the config to be rejected");
}

describe("invalid configuration is rejected with every problem named exactly", () => {
  const cases: [string, (raw: Raw) => void, string[]][] = [
    [
      "unknown top-level key",
      (r) => (r.stagez = {}),
      [
        "gateway.stagez: unknown key; allowed keys at gateway: environment, owner, tags, apiGatewayAccount, domains, waf, clientCertificate, logEncryption, api, internalApi, network, backends, cognito, authorizers, resourcePolicy, callerRoles, httpApi, websocket, functions, routes, stages, tables, queues, vpcLinks, buckets, binaryMediaTypes, stateMachines, usagePlans, apiKeys, observability",
      ],
    ],
    [
      "unknown nested key",
      (r) => (r.functions.hello.memory = 512),
      [
        "gateway.functions.hello.memory: unknown key; allowed keys at gateway.functions.hello: entry, description, memoryMb, timeoutSeconds, architecture, logRetentionDays, tracing, environment, tables, aliases",
      ],
    ],
    ["missing required key", (r) => delete r.owner, ["gateway.owner: is required (a string)"]],
    [
      "route without a declared authorization",
      (r) => delete r.routes[1].authorization,
      ["gateway.routes[1].authorization: is required (one of none, iam, cognito, lambda)"],
    ],
    [
      "unknown route authorization",
      (r) => (r.routes[1].authorization = "oauth"),
      ['gateway.routes[1].authorization: "oauth" is not one of none, iam, cognito, lambda'],
    ],
    [
      "execution log level",
      (r) => (r.stages.dev.logging = { executionLevel: "DEBUG" }),
      ['gateway.stages.dev.logging.executionLevel: "DEBUG" is not one of OFF, ERROR, INFO'],
    ],
    [
      "cache size API Gateway does not offer",
      (r) => (r.stages.dev.cache = { sizeGb: 2 }),
      ["gateway.stages.dev.cache.sizeGb: 2 is not one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237"],
    ],
    [
      "cache TTL over an hour",
      (r) => (r.stages.dev.cache = { sizeGb: 0.5, ttlSeconds: 4000 }),
      ["gateway.stages.dev.cache.ttlSeconds: 4000 is above the maximum 3600"],
    ],
    [
      "cache without a size",
      (r) => (r.stages.dev.cache = { ttlSeconds: 60 }),
      ["gateway.stages.dev.cache.sizeGb: is required (one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237)"],
    ],
    ["throttling rate of zero", (r) => (r.stages.dev.throttling = { rateLimit: 0 }), ["gateway.stages.dev.throttling.rateLimit: 0 must be greater than 0"]],
    ["fractional burst", (r) => (r.stages.dev.throttling = { burstLimit: 2.5 }), ["gateway.stages.dev.throttling.burstLimit: 2.5 is not an integer"]],
    ["wrong type", (r) => (r.functions.hello.memoryMb = "big"), ['gateway.functions.hello.memoryMb: "big" is not a number']],
    ["non-integer", (r) => (r.functions.hello.timeoutSeconds = 1.5), ["gateway.functions.hello.timeoutSeconds: 1.5 is not an integer"]],
    ["number below range", (r) => (r.functions.hello.memoryMb = 64), ["gateway.functions.hello.memoryMb: 64 is below the minimum 128"]],
    ["number above range", (r) => (r.functions.hello.timeoutSeconds = 901), ["gateway.functions.hello.timeoutSeconds: 901 is above the maximum 900"]],
    ["wrong list type", (r) => (r.routes = { method: "GET" }), ['gateway.routes: {"method":"GET"} is not a list']],
    [
      "canary traffic over 100%",
      (r) => (r.stages.dev.canary = { percentTraffic: 120 }),
      ["gateway.stages.dev.canary.percentTraffic: 120 is above the maximum 100"],
    ],
    [
      "canary naming an unknown alias",
      (r) => (r.stages.test.canary = { percentTraffic: 5, variables: { lambdaAlias: "NEXT" } }),
      [
        'gateway.stages.test.canary.variables.lambdaAlias: "NEXT" is not an alias of function "hello" (aliases: DEV, PROD, TEST), which GET /hello invokes through it',
      ],
    ],
    [
      "canary variable value API Gateway rejects",
      (r) => (r.stages.test.canary = { percentTraffic: 5, variables: { note: "a b" } }),
      ['gateway.stages.test.canary.variables.note: "a b" must match ^[A-Za-z0-9\\-._~:/?#&=,]{1,512}$'],
    ],
    [
      "cache on a POST route",
      (r) => r.routes.push({ method: "POST", path: "/items", function: "itemsGet", authorization: "iam", cache: { ttlSeconds: 10 } }),
      ["gateway.routes[2].cache: only GET routes cache; a POST response depends on its body, which the cache key leaves out"],
    ],
    [
      "cache key parameter in a bad form",
      (r) => (r.routes[1].cache = { keyParameters: ["limit"] }),
      ['gateway.routes[1].cache.keyParameters[0]: "limit" must be querystring.<name>, header.<name> or path.<name>'],
    ],
    [
      "cache key naming an unknown path parameter",
      (r) => (r.routes[1].cache = { keyParameters: ["path.itemId"] }),
      ['gateway.routes[1].cache.keyParameters[0]: "path.itemId" is not a parameter of "/items/{id}" (parameters: id)'],
    ],
    [
      "method throttling above the stage's",
      (r) => {
        r.stages.dev.throttling = { rateLimit: 50, burstLimit: 100 };
        r.routes[1].throttling = { rateLimit: 80, burstLimit: 100 };
      },
      ['gateway.routes[1].throttling.rateLimit: 80 is above the rate limit 50 of stage "dev"'],
    ],
    [
      "negative method throttling",
      (r) => (r.routes[1].throttling = { rateLimit: -1, burstLimit: 10 }),
      ["gateway.routes[1].throttling.rateLimit: -1 must be greater than 0"],
    ],
    [
      "cache invalidator that is not a role name",
      (r) => (r.stages.dev.cache = { sizeGb: 0.5, invalidators: ["arn:aws:iam::1:role/x"] }),
      ['gateway.stages.dev.cache.invalidators[0]: "arn:aws:iam::1:role/x" is not an IAM role name (^[\\w+=,.@-]{1,64}$)'],
    ],
    [
      "usage plan naming an unknown stage and key",
      (r) => (r.usagePlans = { partners: { stages: ["prod"], apiKeys: ["acme"] } }),
      [
        'gateway.usagePlans.partners.stages[0]: "prod" is not a stage in gateway.stages (defined: dev, test)',
        'gateway.usagePlans.partners.apiKeys[0]: "acme" is not a key in gateway.apiKeys (defined: none)',
      ],
    ],
    [
      "usage plan throttling an unknown route",
      (r) => (r.usagePlans = { partners: { stages: ["dev"], methodThrottles: { "GET /items": { rateLimit: 1, burstLimit: 1 } } } }),
      ['gateway.usagePlans.partners.methodThrottles["GET /items"]: not a route of the public API in gateway.routes (write it as "METHOD /path")'],
    ],
    [
      "quota period not offered",
      (r) => (r.usagePlans = { partners: { stages: ["dev"], quota: { limit: 10, period: "YEAR" } } }),
      ['gateway.usagePlans.partners.quota.period: "YEAR" is not one of DAY, WEEK, MONTH'],
    ],
    [
      "quota offset past the period",
      (r) => (r.usagePlans = { partners: { stages: ["dev"], quota: { limit: 10, period: "WEEK", offset: 7 } } }),
      ["gateway.usagePlans.partners.quota.offset: 7 is above the maximum 6 for period WEEK"],
    ],
    [
      "a key-protected route no plan covers",
      (r) => {
        r.routes[1].apiKeyRequired = true;
        r.usagePlans = { partners: { stages: ["dev"] } };
      },
      ['gateway.routes[1].apiKeyRequired: no usage plan in gateway.usagePlans covers stage "test", so no key could call GET /items/{id} there'],
    ],
    [
      "latency alarm at the integration limit",
      (r) => (r.observability = { alarms: { latencyP99Ms: 29000 } }),
      ["gateway.observability.alarms.latencyP99Ms: 29000 is above the maximum 28999"],
    ],
    [
      "alarm e-mail that is not an address",
      (r) => (r.observability = { alarms: { email: "ops" } }),
      ['gateway.observability.alarms.email: "ops" does not match /^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/'],
    ],
    [
      "route with neither function nor integration",
      (r) => delete r.routes[1].function,
      ["gateway.routes[1]: give function (a Lambda proxy route) or integration"],
    ],
    [
      "route with both function and integration",
      (r) => (r.routes[1].integration = { type: "mock" }),
      ["gateway.routes[1]: give function (a Lambda proxy route) or integration, not both"],
    ],
    [
      "unknown integration type",
      (r) => r.routes.push({ method: "GET", path: "/x", authorization: "none", integration: { type: "soap" } }),
      ['gateway.routes[2].integration.type: "soap" is not one of mock, http, http_proxy, lambda, sqs, stepfunctions, backend, s3, dynamodb'],
    ],
    [
      "integration without a type",
      (r) => r.routes.push({ method: "GET", path: "/x", authorization: "none", integration: { url: "https://x" } }),
      ["gateway.routes[2].integration.type: is required (one of mock, http, http_proxy, lambda, sqs, stepfunctions, backend, s3, dynamodb)"],
    ],
    [
      "unknown key in an integration lists that type's keys",
      (r) => r.routes.push({ method: "GET", path: "/x", authorization: "none", integration: { type: "http_proxy", url: "https://x", template: "a.vtl" } }),
      ["gateway.routes[2].integration.template: unknown key; allowed keys at gateway.routes[2].integration: type, url, httpMethod, requestParameters, vpcLink"],
    ],
    [
      "HTTP integration URL without a scheme",
      (r) => r.routes.push({ method: "GET", path: "/x", authorization: "none", integration: { type: "http", url: "backend.internal/x" } }),
      ['gateway.routes[2].integration.url: "backend.internal/x" must be an http:// or https:// URL (it may use ${stageVariables.x})'],
    ],
    [
      "integration naming an unknown queue",
      (r) => r.routes.push({ method: "POST", path: "/orders", authorization: "iam", integration: { type: "sqs", queue: "orders" } }),
      ['gateway.routes[2].integration.queue: "orders" is not a queue in gateway.queues (defined: none)'],
    ],
    [
      "integration naming an unknown state machine",
      (r) => r.routes.push({ method: "POST", path: "/checkout", authorization: "iam", integration: { type: "stepfunctions", stateMachine: "checkout" } }),
      ['gateway.routes[2].integration.stateMachine: "checkout" is not a state machine in gateway.stateMachines (defined: none)'],
    ],
    [
      "template that is not a .vtl file name",
      (r) => r.routes.push({ method: "GET", path: "/x", authorization: "none", integration: { type: "mock", template: "../x.vtl" } }),
      ['gateway.routes[2].integration.template: "../x.vtl" must be a file name in templates/ ending in .vtl'],
    ],
    [
      "selection pattern that is not a regex",
      (r) =>
        r.routes.push({
          method: "GET",
          path: "/x",
          authorization: "none",
          integration: { type: "http", url: "https://x", responses: [{ selectionPattern: "4\\d{2}(", statusCode: 400 }] },
        }),
      [
        'gateway.routes[2].integration.responses[0].selectionPattern: "4\\\\d{2}(" is not a regular expression (Invalid regular expression: /4\\d{2}(/: Unterminated group)',
      ],
    ],
    [
      "Lambda integration naming an unknown alias",
      (r) => r.routes.push({ method: "GET", path: "/x", authorization: "none", integration: { type: "lambda", function: "hello", alias: "QA" } }),
      ['gateway.routes[2].integration.alias: "QA" is not an alias of function "hello" (aliases: DEV, PROD, TEST)'],
    ],
    [
      "alias beside an integration",
      (r) => r.routes.push({ method: "GET", path: "/x", authorization: "none", alias: "DEV", integration: { type: "mock" } }),
      ["gateway.routes[2]: alias and aliasVariable go with function; inside integration for type lambda"],
    ],
    ["integration timeout under 50 ms", (r) => (r.routes[1].timeoutMs = 10), ["gateway.routes[1].timeoutMs: 10 is below the minimum 50"]],
    [
      "integration timeout over 29 s without opting in",
      (r) => (r.routes[1].timeoutMs = 60000),
      [
        "gateway.routes[1].timeoutMs: 60000 is above 29000; set gateway.api.longIntegrationTimeouts (REGIONAL or PRIVATE APIs only, after raising the quota with AWS)",
      ],
    ],
    [
      "long timeouts on an EDGE API",
      (r) => (r.api = { endpointType: "EDGE", longIntegrationTimeouts: true }),
      ["gateway.api.longIntegrationTimeouts: true is not allowed for an EDGE API (only REGIONAL and PRIVATE APIs can wait over 29 s)"],
    ],
    [
      "state machine definition that is not an .asl.json file",
      (r) => (r.stateMachines = { checkout: { definition: "checkout.json" } }),
      ['gateway.stateMachines.checkout.definition: "checkout.json" must be a file name in statemachines/ ending in .asl.json'],
    ],
    [
      "S3 route naming an unknown bucket",
      (r) => r.routes.push({ method: "GET", path: "/docs/{key+}", authorization: "none", integration: { type: "s3", bucket: "docs" } }),
      ['gateway.routes[2].integration.bucket: "docs" is not a bucket in gateway.buckets (defined: none)'],
    ],
    [
      "S3 route with no object key",
      (r) => {
        r.buckets = { docs: {} };
        r.routes.push({ method: "GET", path: "/docs", authorization: "none", integration: { type: "s3", bucket: "docs" } });
      },
      ['gateway.routes[2].integration: give objectKey, or a {key} or {key+} path parameter naming the object ("/docs" has none)'],
    ],
    [
      "S3 route that writes",
      (r) => {
        r.buckets = { docs: {} };
        r.routes.push({ method: "PUT", path: "/docs/{key+}", authorization: "iam", integration: { type: "s3", bucket: "docs" } });
      },
      ["gateway.routes[2].integration: an S3 route reads objects: GET or HEAD, not PUT"],
    ],
    [
      "content folder outside the repository",
      (r) => (r.buckets = { docs: { contentFolder: "../etc" } }),
      ['gateway.buckets.docs.contentFolder: "../etc" must be a folder of this repository, like "site/docs"'],
    ],
    [
      "binary media type that is not one",
      (r) => (r.binaryMediaTypes = ["png"]),
      ['gateway.binaryMediaTypes[0]: "png" does not match /^[a-z*]+\\/[a-z0-9.+*-]+$/'],
    ],
    [
      "domain outside its zone",
      (r) => (r.domains = [{ name: "api.example.org", zone: "example.com", basePaths: { v1: "dev" } }]),
      ['gateway.domains[0].zone: "api.example.org" is not in the zone "example.com"'],
    ],
    [
      "domain name that is not a DNS name",
      (r) => (r.domains = [{ name: "API_example", zone: "example.com", basePaths: { v1: "dev" } }]),
      ['gateway.domains[0].name: "API_example" is not a DNS name (lower-case labels, like "api.example.com")'],
    ],
    [
      "base path to an unknown stage",
      (r) => (r.domains = [{ name: "api.example.com", zone: "example.com", basePaths: { v1: "prod" } }]),
      ['gateway.domains[0].basePaths.v1: "prod" is not a stage in gateway.stages (defined: dev, test)'],
    ],
    [
      "domain without base paths",
      (r) => (r.domains = [{ name: "api.example.com", zone: "example.com", basePaths: {} }]),
      ["gateway.domains[0].basePaths: map at least one base path to a stage"],
    ],
    [
      "PRIVATE API without its endpoint's network",
      (r) => (r.api = { endpointType: "PRIVATE" }),
      ["gateway.api.privateAccess: is required for a PRIVATE API (the VPC and subnets of its execute-api endpoint)"],
    ],
    [
      "private access on a public API",
      (r) => (r.api = { privateAccess: { vpcId: "vpc-0a1b2c3d", subnetIds: ["subnet-0a1b2c3d"] } }),
      ['gateway.api.privateAccess: only a PRIVATE API has one (endpointType is "REGIONAL")'],
    ],
    [
      "private access with malformed ids",
      (r) => (r.api = { endpointType: "PRIVATE", privateAccess: { vpcId: "vpc1", subnetIds: ["subnet-0a1b2c3d", "sn-2"] } }),
      ['gateway.api.privateAccess.vpcId: "vpc1" is not a VPC id (vpc-...)', 'gateway.api.privateAccess.subnetIds[1]: "sn-2" is not a subnet id (subnet-...)'],
    ],
    [
      "VPC link to an Application Load Balancer",
      (r) => (r.vpcLinks = { orders: { targetArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/orders/0a1b2c3d" } }),
      [
        // Long values are shortened to 80 characters in messages.
        'gateway.vpcLinks.orders.targetArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/orders/... is not a Network Load Balancer ARN (a REST API VPC link targets exactly one NLB: arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<id>)',
      ],
    ],
    [
      "HTTP proxy through an unknown VPC link",
      (r) =>
        r.routes.push({
          method: "ANY",
          path: "/s/{proxy+}",
          authorization: "iam",
          integration: { type: "http_proxy", url: "http://s.internal/{proxy}", vpcLink: "orders" },
        }),
      ['gateway.routes[2].integration.vpcLink: "orders" is not a VPC link in gateway.vpcLinks (defined: none)'],
    ],
    ["unknown log encryption", (r) => (r.logEncryption = "aes"), ['gateway.logEncryption: "aes" is not one of kms, cloudwatch']],
    ["unknown environment", (r) => (r.environment = "production"), ['gateway.environment: "production" is not one of dev, test, staging, prod']],
    ["endpoint type not offered", (r) => (r.api = { endpointType: "GLOBAL" }), ['gateway.api.endpointType: "GLOBAL" is not one of EDGE, REGIONAL, PRIVATE']],
    [
      "log retention CloudWatch does not accept",
      (r) => (r.functions.hello.logRetentionDays = 10),
      [
        "gateway.functions.hello.logRetentionDays: 10 is not one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
      ],
    ],
    [
      "bad HTTP method",
      (r) => (r.routes[1].method = "FETCH"),
      ['gateway.routes[1].method: "FETCH" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY'],
    ],
    [
      "lower-case HTTP method",
      (r) => (r.routes[1].method = "get"),
      ['gateway.routes[1].method: "get" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY'],
    ],
    ["path without leading slash", (r) => (r.routes[1].path = "items/{id}"), ['gateway.routes[1].path: "items/{id}" must start with "/"']],
    ["path with trailing slash", (r) => (r.routes[1].path = "/items/"), ['gateway.routes[1].path: "/items/" must not end with "/"']],
    [
      "path with a bad segment",
      (r) => (r.routes[1].path = "/items/{id"),
      ['gateway.routes[1].path: "/items/{id": segment "{id" is not a literal ([A-Za-z0-9._~-]+), {param} or a final {param+}'],
    ],
    [
      "greedy parameter not last",
      (r) => (r.routes[1].path = "/items/{proxy+}/x"),
      ['gateway.routes[1].path: "/items/{proxy+}/x": the greedy parameter "{proxy+}" must be the last segment'],
    ],
    [
      "repeated path parameter",
      (r) => (r.routes[1].path = "/items/{id}/parts/{id}"),
      ['gateway.routes[1].path: "/items/{id}/parts/{id}": path parameter "id" appears twice'],
    ],
    [
      "duplicate route",
      (r) => r.routes.push({ method: "GET", path: "/items/{itemId}", function: "itemsGet", authorization: "none" }),
      ["gateway.routes[2]: GET /items/{itemId} duplicates gateway.routes[1] (GET /items/{id})"],
    ],
    [
      "two parameter names at one level",
      (r) => r.routes.push({ method: "DELETE", path: "/items/{itemId}", function: "itemsGet", authorization: "none" }),
      [
        'gateway.routes[2].path: "{itemId}" in "/items/{itemId}" conflicts with "{id}" of gateway.routes[1] ("/items/{id}"); API Gateway allows one parameter per path level',
      ],
    ],
    [
      "route to an unknown function",
      (r) => (r.routes[1].function = "itemGet"),
      ['gateway.routes[1].function: "itemGet" is not a function in gateway.functions (defined: hello, itemsGet)'],
    ],
    [
      "route to an unknown alias",
      (r) => (r.routes[0] = { method: "GET", path: "/hello", function: "hello", authorization: "none", alias: "STAGING" }),
      ['gateway.routes[0].alias: "STAGING" is not an alias of function "hello" (aliases: DEV, PROD, TEST)'],
    ],
    ["alias and aliasVariable together", (r) => (r.routes[0].alias = "DEV"), ["gateway.routes[0]: give alias or aliasVariable, not both"]],
    [
      "stage variable naming an unknown alias",
      (r) => (r.stages.test.variables.lambdaAlias = "QA"),
      ['gateway.stages.test.variables.lambdaAlias: "QA" is not an alias of function "hello" (aliases: DEV, PROD, TEST), which GET /hello invokes through it'],
    ],
    [
      "stage without the alias variable",
      (r) => (r.stages.test.variables = {}),
      ['gateway.stages.test.variables.lambdaAlias: missing; GET /hello (gateway.routes[0]) invokes the alias of "hello" it names (one of DEV, PROD, TEST)'],
    ],
    [
      "alias variable on a function without aliases",
      (r) => (r.routes[1].aliasVariable = "lambdaAlias"),
      ['gateway.routes[1].aliasVariable: function "itemsGet" has no aliases for "lambdaAlias" to name'],
    ],
    [
      "bad stage name",
      (r) => (r.stages["prod-eu"] = { variables: { lambdaAlias: "PROD" } }),
      ['gateway.stages["prod-eu"]: stage name "prod-eu" must match ^[A-Za-z0-9_]{1,128}$'],
    ],
    ["no stages", (r) => (r.stages = {}), ["gateway.stages: at least one stage is required"]],
    [
      "stage variable value API Gateway rejects",
      (r) => (r.stages.dev.variables.greeting = "hello world"),
      ['gateway.stages.dev.variables.greeting: "hello world" must match ^[A-Za-z0-9\\-._~:/?#&=,]{1,512}$'],
    ],
    [
      "alias weight above 1",
      (r) => (r.functions.hello.aliases.PROD.weights = { "1": 1.5 }),
      ['gateway.functions.hello.aliases.PROD.weights["1"]: 1.5 is above the maximum 1'],
    ],
    [
      "alias weight below 0",
      (r) => (r.functions.hello.aliases.PROD.weights = { "1": 1.05, "2": -0.05 }),
      [
        'gateway.functions.hello.aliases.PROD.weights["1"]: 1.05 is above the maximum 1',
        'gateway.functions.hello.aliases.PROD.weights["2"]: -0.05 is below the minimum 0',
      ],
    ],
    [
      "alias weights summing over 1",
      (r) => (r.functions.hello.aliases.PROD.weights = { "1": 0.95, "2": 0.1 }),
      ["gateway.functions.hello.aliases.PROD.weights: weights sum to 1.05; they must sum to 1"],
    ],
    [
      "alias weights over three versions",
      (r) => (r.functions.hello.aliases.PROD.weights = { "1": 0.5, "2": 0.3, "3": 0.2 }),
      ["gateway.functions.hello.aliases.PROD.weights: an alias routes to 1 or 2 versions, got 3"],
    ],
    [
      "weighted routing to $LATEST",
      (r) => (r.functions.hello.aliases.PROD.weights = { "1": 0.9, $LATEST: 0.1 }),
      ["gateway.functions.hello.aliases.PROD.weights.$LATEST: weighted routing needs published versions, not $LATEST"],
    ],
    [
      "alias with a bad version",
      (r) => (r.functions.hello.aliases.TEST.version = "v2"),
      ['gateway.functions.hello.aliases.TEST.version: "v2" is not $LATEST, current or a published version number (1, 2, ...)'],
    ],
    [
      "alias with both version and weights",
      (r) => (r.functions.hello.aliases.TEST.weights = { "1": 1 }),
      ["gateway.functions.hello.aliases.TEST: give exactly one of version or weights"],
    ],
    [
      "numeric alias name",
      (r) => (r.functions.hello.aliases["42"] = { version: "1" }),
      ['gateway.functions.hello.aliases["42"]: alias name "42" must be letters, digits, "-" or "_" and not only digits'],
    ],
    [
      "function using an unknown table",
      (r) => (r.functions.itemsGet.tables = { orders: "read" }),
      ["gateway.functions.itemsGet.tables.orders: not a table in gateway.tables (defined: items)"],
    ],
    [
      "bad table access",
      (r) => (r.functions.itemsGet.tables = { items: "write" }),
      ['gateway.functions.itemsGet.tables.items: "write" is not one of read, readwrite'],
    ],
    [
      "bad function key",
      (r) => (r.functions["items-get"] = { entry: "items/get" }),
      ['gateway.functions["items-get"]: function key "items-get" must match ^[a-z][A-Za-z0-9]{0,39}$'],
    ],
    [
      "entry outside functions/",
      (r) => (r.functions.hello.entry = "../hello/index"),
      ['gateway.functions.hello.entry: "../hello/index" must be a path below functions/ without ".ts", like "items/create"'],
    ],
  ];

  test.each(cases)("%s", (_name, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  test("missing template and definition files are named", () => {
    const none: Files = { ...ALL_FILES, templateExists: () => false, definitionExists: () => false };
    expect(
      problemsOf((r) => {
        r.stateMachines = { checkout: { definition: "checkout.asl.json" } };
        r.routes.push({ method: "GET", path: "/x", authorization: "none", integration: { type: "mock", template: "status.vtl" } });
      }, none),
    ).toEqual([
      'gateway.stateMachines.checkout.definition: "checkout.asl.json" has no file statemachines/checkout.asl.json',
      'gateway.routes[2].integration.template: "status.vtl" has no file templates/status.vtl',
    ]);
  });

  test("a long timeout is allowed once the REGIONAL API opts in", () => {
    const raw = baseGateway() as Raw;
    raw.api = { longIntegrationTimeouts: true };
    raw.routes[1].timeoutMs = 120000;
    expect(parseStackConfig({ project: PROJECT, stack: "dev" }, raw, ALL_FILES).routes[1]!.timeoutMs).toBe(120000);
  });

  test("a missing handler file is named", () => {
    expect(problemsOf((r) => (r.functions.hello.entry = "hello/missing"), { ...ALL_FILES, entryExists: (e) => e !== "hello/missing" })).toEqual([
      'gateway.functions.hello.entry: "hello/missing" has no handler file functions/hello/missing.ts',
    ]);
  });

  test("a Lambda name of 64 characters fits; 65 is named with its length", () => {
    const raw = baseGateway();
    const fits = parseStackConfig({ project: PROJECT, stack: "a-very-long-stack-name-for-testing" }, raw, { entryExists: () => true });
    expect(fits.functions.itemsGet!.name).toBe("microservice-gateway-a-very-long-stack-name-for-testing-itemsGet");
    const longer = { project: PROJECT, stack: "a-very-long-stack-name-for-testingx" };
    expect(() => parseStackConfig(longer, raw, { entryExists: () => true })).toThrow(
      'gateway.functions.itemsGet: the Lambda name "microservice-gateway-a-very-long-stack-name-for-testingx-itemsGet" is 65 characters; at most 64 (shorten the key or the stack name)',
    );
  });

  test("every problem is listed at once, in one error", () => {
    const problems = problemsOf((r) => {
      r.environment = "qa";
      r.routes[1].method = "FETCH";
      r.extra = true;
    });
    expect(problems).toEqual([
      'gateway.environment: "qa" is not one of dev, test, staging, prod',
      'gateway.routes[1].method: "FETCH" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY',
      "gateway.extra: unknown key; allowed keys at gateway: environment, owner, tags, apiGatewayAccount, domains, waf, clientCertificate, logEncryption, api, internalApi, network, backends, cognito, authorizers, resourcePolicy, callerRoles, httpApi, websocket, functions, routes, stages, tables, queues, vpcLinks, buckets, binaryMediaTypes, stateMachines, usagePlans, apiKeys, observability",
    ]);
  });

  test("the error message lists the problems one per line", () => {
    expect(() => parseStackConfig({ project: PROJECT, stack: "dev" }, { ...baseGateway(), owner: "" })).toThrow(
      "invalid stack configuration (1 problem):\n  - gateway.owner: must not be empty",
    );
  });

  test("a config that is not an object", () => {
    expect(() => parseStackConfig({ project: PROJECT, stack: "dev" }, "gateway")).toThrow(
      'invalid stack configuration (1 problem):\n  - gateway: "gateway" is not an object',
    );
  });
});
