import { allPolicies } from "../../policies/all";
import { evaluatePolicies, type PolicyInput } from "../../preview/policy-evaluation";
import { fake, restStage } from "../helpers/policy-harness";

/**
 * Every rule, on every resource of a passing stack with one input removed, null, of the wrong type or
 * unknown (the sentinel the CLI passes during preview), never throws: the offline run reports a rule
 * that throws as "the rule threw on …", which must never appear.
 */
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/shop";
const BODY = JSON.stringify({
  openapi: "3.0.1",
  info: { title: "shop", version: "1" },
  paths: {
    "/items": {
      post: {
        security: [{ jwt: [] }],
        "x-amazon-apigateway-request-validator": "all",
        "x-amazon-apigateway-integration": { type: "http_proxy", uri: "https://x" },
      },
    },
  },
  "x-amazon-apigateway-request-validators": { all: { validateRequestBody: true } },
});

function stack(): PolicyInput[] {
  const api = fake("aws:apigateway/restApi:RestApi", "api", {
    name: "shop",
    body: BODY,
    endpointConfiguration: { types: "REGIONAL" },
    policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" }] }),
  });
  const { stage, settings } = restStage(
    "prod",
    { cacheClusterEnabled: true, clientCertificateId: "cc" },
    { cachingEnabled: true, cacheDataEncrypted: true, requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403" },
  );
  const http = fake("aws:apigatewayv2/api:Api", "http", { name: "h", protocolType: "HTTP", body: BODY });
  const ws = fake("aws:apigatewayv2/api:Api", "ws", { name: "w", protocolType: "WEBSOCKET" });
  const validator = fake("aws:apigateway/requestValidator:RequestValidator", "v", { restApi: "a", validateRequestBody: true });
  return [
    api,
    stage,
    settings,
    http,
    ws,
    validator,
    fake(
      "aws:apigatewayv2/stage:Stage",
      "ws-prod",
      {
        apiId: "w",
        name: "prod",
        defaultRouteSettings: { loggingLevel: "ERROR", throttlingRateLimit: 1, throttlingBurstLimit: 2 },
        routeSettings: [{ routeKey: "$connect", loggingLevel: "INFO", throttlingRateLimit: 1, throttlingBurstLimit: 2 }],
        accessLogSettings: { destinationArn: LOG_GROUP, format: '{"requestId":"$context.requestId","eventType":"$context.eventType"}' },
      },
      { from: { apiId: [ws] } },
    ),
    fake("aws:apigatewayv2/route:Route", "connect", { apiId: "w", routeKey: "$connect", authorizationType: "CUSTOM" }, { from: { apiId: [ws] } }),
    fake("aws:apigatewayv2/route:Route", "default", { apiId: "h", routeKey: "$default", authorizationType: "JWT" }, { from: { apiId: [http] } }),
    fake(
      "aws:apigateway/method:Method",
      "m",
      { restApi: "a", httpMethod: "POST", authorization: "AWS_IAM", requestValidatorId: "v" },
      { from: { requestValidatorId: [validator] } },
    ),
    fake("aws:apigateway/integration:Integration", "i", { restApi: "a", type: "HTTP", uri: "https://x" }, { from: { restApi: [api] } }),
    fake("aws:apigateway/account:Account", "account", { cloudwatchRoleArn: "arn:aws:iam::123456789012:role/cw" }),
    fake("aws:apigateway/domainName:DomainName", "domain", {
      domainName: "api.example.com",
      securityPolicy: "TLS_1_2",
      endpointConfiguration: { types: ["REGIONAL"] },
    }),
    fake("aws:apigatewayv2/domainName:DomainName", "domain2", { domainName: "h.example.com", domainNameConfiguration: { securityPolicy: "TLS_1_2" } }),
    fake("aws:apigateway/usagePlan:UsagePlan", "plan", {
      apiStages: [{ apiId: "a", stage: "prod", throttles: [{ path: "/x/GET", rateLimit: 1 }] }],
      throttleSettings: { rateLimit: 1, burstLimit: 2 },
      quotaSettings: { limit: 5, period: "DAY" },
    }),
    fake("aws:cloudwatch/logGroup:LogGroup", "logs", { name: "/aws/apigateway/shop", retentionInDays: 365, kmsKeyId: "k" }),
    fake("aws:lambda/function:Function", "fn", { name: "fn", tracingConfig: { mode: "Active" } }),
    fake("aws:lambda/permission:Permission", "perm", { principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:us-east-1:123456789012:a1/*" }),
    fake("aws:lambda/functionUrl:FunctionUrl", "url", { functionName: "fn", authorizationType: "AWS_IAM" }),
    fake("aws:iam/role:Role", "role", {
      inlinePolicies: [{ name: "p", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: "*" }] }) }],
      managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess"],
    }),
    fake("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "attach", { role: "role", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
    fake("aws:apigateway/restApiPolicy:RestApiPolicy", "rp", { restApiId: "a", policy: JSON.stringify({ Statement: [] }) }, { from: { restApiId: [api] } }),
    fake("aws:wafv2/webAcl:WebAcl", "acl", {
      rules: [
        {
          name: "bad",
          statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesKnownBadInputsRuleSet" } },
          overrideAction: { none: {} },
        },
      ],
    }),
    fake("aws:wafv2/webAclAssociation:WebAclAssociation", "assoc", { resourceArn: "arn", webAclArn: "acl" }, { from: { resourceArn: [stage] } }),
  ];
}

/** Every path to a value inside an object (nested objects and arrays included). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  return [];
}

function replaced(value: unknown, path: readonly (string | number)[], next: unknown | typeof REMOVE): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) }) as Record<string | number, unknown>;
  if (rest.length === 0 && next === REMOVE) delete copy[head as string];
  else copy[head as string] = replaced(copy[head as string], rest, next);
  return copy;
}
const REMOVE = Symbol("remove");

/** The other kind of value: strings become numbers, objects become strings, and so on. */
const wrongType = (v: unknown): unknown =>
  typeof v === "string" ? 42 : typeof v === "number" || typeof v === "boolean" ? "wrong" : Array.isArray(v) ? { not: "a list" } : "not an object";

describe("every rule survives odd inputs", () => {
  const base = stack();
  test("the passing stack has no finding but advisory ones, and none from a throwing rule", async () => {
    const found = await evaluatePolicies(allPolicies, base);
    expect(found.filter((v) => v.message.startsWith("the rule threw"))).toEqual([]);
  });

  test.each(base.map((r) => [r.type, r.name, r] as const))("%s %s: removed, null, wrongly typed and unknown inputs", async (_type, _name, resource) => {
    const threw: string[] = [];
    for (const path of paths(resource.inputs)) {
      for (const next of [
        REMOVE,
        null,
        wrongType(path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k as string], resource.inputs)),
        UNKNOWN_STRING,
      ]) {
        const mutated = { ...resource, inputs: replaced(resource.inputs, path, next) as Record<string, unknown> };
        const resources = base.map((r) => (r === resource ? mutated : r));
        for (const v of await evaluatePolicies(allPolicies, resources)) {
          if (v.message.startsWith("the rule threw"))
            threw.push(`${path.join(".")} = ${String(next === REMOVE ? "removed" : JSON.stringify(next))}: [${v.policy}] ${v.message}`);
        }
      }
    }
    expect(threw).toEqual([]);
  });
});
