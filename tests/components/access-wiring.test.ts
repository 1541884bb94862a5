import { callerPolicy, invokeResourceArns } from "../../components/access/caller-role";
import { authorizeInvoke, identityPolicyVerdict, type PolicyVerdict } from "../../components/access/authorization-flow";
import { openMethodResources, restApiResourcePolicy } from "../../components/access/resource-policy";
import { privateApiPolicy } from "../../components/network/private-api-policy";
import { apiOperations } from "../../components/rest-api/operations";
import type { RouteConfig } from "../../config";
import { functionRolePolicy } from "../../components/lambda/role-policy";
import { stableId } from "../../preview/mock-state";
import { capturedStack, type CapturedStack, type StackOutputs } from "../helpers/captured-stack";
import { parseForStack, stackFileGateway } from "../helpers/stack-config";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

describe("the prod stack's access control under mocks", () => {
  let rec: CapturedStack;
  let outputs: StackOutputs;
  let doc: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  let executionArn: string;
  beforeAll(async () => {
    rec = await capturedStack("prod");
    outputs = rec.outputs;
    doc = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string);
    executionArn = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${outputs.restApiId}`;
  });

  test("a cognito route requires the pool's token with its scope", async () => {
    const poolId = outputs.cognitoIssuer!.split("/").pop();
    expect(doc.components.securitySchemes.cognito).toEqual({
      type: "apiKey",
      name: "Authorization",
      in: "header",
      "x-amazon-apigateway-authtype": "cognito_user_pools",
      "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: [`arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${poolId}`] },
    });
    expect(doc.paths["/catalog/{id}"].get.security).toEqual([{ cognito: ["gateway/items.read"] }]);
  });

  test("a lambda route uses the TOKEN authorizer, which API Gateway may invoke from this API only", () => {
    expect(doc.components.securitySchemes.jwt).toEqual({
      type: "apiKey",
      name: "Authorization",
      in: "header",
      "x-amazon-apigateway-authtype": "custom",
      "x-amazon-apigateway-authorizer": {
        type: "token",
        authorizerUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:microservice-gateway-prod-restAuthorizer/invocations`,
        authorizerResultTtlInSeconds: 300,
        identitySource: "method.request.header.Authorization",
      },
    });
    expect(doc.paths["/me"].get.security).toEqual([{ jwt: [] }]);
    expect(rec.get("aws:lambda/permission:Permission", "api-authorizer-jwt").inputs).toEqual({
      action: "lambda:InvokeFunction",
      function: "microservice-gateway-prod-restAuthorizer",
      principal: "apigateway.amazonaws.com",
      sourceArn: `${executionArn}/authorizers/*`,
    });
  });

  test("the authorizer functions verify the pool's ID tokens; no other function gets the settings", async () => {
    const env = (key: string) =>
      (rec.get("aws:lambda/function:Function", `${key}-function`).inputs.environment as { variables: Record<string, string> }).variables;
    const issuer = outputs.cognitoIssuer!;
    const client = outputs.cognitoClientId!;
    for (const key of ["restAuthorizer", "wsAuthorizer"]) expect([key, env(key).JWT_ISSUER, env(key).JWT_AUDIENCE]).toEqual([key, issuer, client]);
    expect(env("itemsGet").JWT_ISSUER).toBeUndefined();
  });

  test("the public API's resource policy comes from config and the API's methods; the internal API keeps its endpoint-only policy", () => {
    const cfg = parseForStack("prod", stackFileGateway("prod"));
    const stages = Object.keys(cfg.stages);
    const publicOps = apiOperations(
      cfg.routes.filter((r) => r.api === "public"),
      cfg.api.imported,
    );
    const policy = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.policy as string);
    expect(policy).toEqual(restApiResourcePolicy({ accountId: ACCOUNT, operations: publicOps, stages, denySourceIps: ["192.0.2.0/24"] }));
    const internal = rec.get("aws:apigateway/restApi:RestApi", "internal-rest-api").inputs;
    const vpce = (internal.endpointConfiguration as { vpcEndpointIds: string[] }).vpcEndpointIds[0]!;
    const internalOps = apiOperations(
      cfg.routes.filter((r) => r.api === "internal"),
      undefined,
    );
    expect(JSON.parse(internal.policy as string)).toEqual(privateApiPolicy(vpce, openMethodResources(internalOps, stages)));
  });

  // AWS, "How API Gateway resource policies affect authorization workflow", table A: in the API's own
  // account, an IAM-authorized call is allowed when the caller's policy OR the resource policy allows it.
  test("every IAM route of every stage: denied to a same-account principal with no grant, allowed to one whose identity policy grants it", () => {
    const cfg = parseForStack("prod", stackFileGateway("prod"));
    const policy = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.policy as string);
    const principal = { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/some-app/session`, accountId: ACCOUNT };
    const decide = (route: RouteConfig, stage: string, callerVerdict: PolicyVerdict, sourceIp = "198.51.100.10") =>
      sampleMethodArns(executionArn, stage, route).map((methodArn) =>
        authorizeInvoke({
          authorization: route.authorization,
          apiAccountId: ACCOUNT,
          resourcePolicy: policy,
          callerVerdict,
          request: { methodArn, principal, sourceIp },
        }),
      );
    const iamRoutes = cfg.routes.filter((r) => r.api === "public" && r.authorization === "iam");
    expect(iamRoutes.length).toBeGreaterThan(5);
    for (const stage of Object.keys(cfg.stages)) {
      for (const route of iamRoutes) {
        const label = `${stage} ${route.method} ${route.path}`;
        expect([label, decide(route, stage, "Neither")]).toEqual([label, expect.arrayContaining([{ allowed: false, denial: "implicit" }])]);
        expect([label, decide(route, stage, "Neither").every((d) => !d.allowed)]).toEqual([label, true]);
        expect([label, decide(route, stage, "Allow").every((d) => d.allowed)]).toEqual([label, true]);
        expect([label, decide(route, stage, "Allow", "192.0.2.9").every((d) => d.denial === "explicit")]).toEqual([label, true]);
      }
    }
  });

  test("open routes answer anonymous callers, except from the denied network; the caller role reaches its routes and no other IAM route", () => {
    const cfg = parseForStack("prod", stackFileGateway("prod"));
    const policy = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.policy as string);
    const roleRequest = (methodArn: string) => ({
      methodArn,
      principal: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/orderWriter/s`, accountId: ACCOUNT },
      sourceIp: "198.51.100.10",
    });
    const rolePolicy = JSON.parse(rec.get("aws:iam/rolePolicy:RolePolicy", "caller-orderWriter-invoke").inputs.policy as string);
    for (const route of cfg.routes.filter((r) => r.api === "public")) {
      for (const methodArn of sampleMethodArns(executionArn, "prod", route)) {
        const label = `${route.method} ${route.path} ${methodArn}`;
        if (route.authorization === "iam") {
          const identity = identityPolicyVerdict(rolePolicy, roleRequest(methodArn));
          const allowed = authorizeInvoke({
            authorization: "iam",
            apiAccountId: ACCOUNT,
            resourcePolicy: policy,
            callerVerdict: identity,
            request: roleRequest(methodArn),
          }).allowed;
          expect([label, allowed]).toEqual([label, ["/orders", "/checkout"].includes(route.path) && route.method === "POST"]);
        } else {
          const anonymous = (sourceIp: string) =>
            authorizeInvoke({
              authorization: route.authorization,
              apiAccountId: ACCOUNT,
              resourcePolicy: policy,
              callerVerdict: "Allow",
              request: { methodArn, sourceIp },
            });
          expect([label, anonymous("198.51.100.10"), anonymous("192.0.2.1")]).toEqual([label, { allowed: true }, { allowed: false, denial: "explicit" }]);
        }
      }
    }
  });

  // A preflight carries no credentials (Fetch standard, "CORS-preflight request"): with a resource policy,
  // API Gateway denies a method without IAM authorization unless the policy allows it (AWS, "How API Gateway
  // resource policies affect authorization workflow"), so each preflight must be among its open methods.
  test("every CORS preflight (OPTIONS of a path with a CORS route) answers anonymous callers, except from the denied network", () => {
    const cfg = parseForStack("prod", stackFileGateway("prod"));
    const policy = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.policy as string);
    const body = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string) as { paths: Record<string, Record<string, unknown>> };
    const preflightPaths = Object.entries(body.paths)
      .filter(([, item]) => "options" in item)
      .map(([p]) => p);
    expect(preflightPaths).toEqual([...new Set(cfg.routes.filter((r) => r.api === "public" && r.cors).map((r) => r.path))].sort());
    expect(preflightPaths).toContain("/items/{id}");
    for (const path of preflightPaths) {
      for (const methodArn of sampleMethodArns(executionArn, "prod", { ...cfg.routes[0]!, method: "OPTIONS", path })) {
        const anonymous = (sourceIp: string) =>
          authorizeInvoke({ authorization: "none", apiAccountId: ACCOUNT, resourcePolicy: policy, callerVerdict: "Allow", request: { methodArn, sourceIp } });
        expect([methodArn, anonymous("198.51.100.10"), anonymous("192.0.2.1")]).toEqual([methodArn, { allowed: true }, { allowed: false, denial: "explicit" }]);
      }
    }
  });

  test("the caller role may invoke exactly its routes on the stack's stages", async () => {
    const policy = JSON.parse(rec.get("aws:iam/rolePolicy:RolePolicy", "caller-orderWriter-invoke").inputs.policy as string);
    const arns = invokeResourceArns(
      executionArn,
      ["prod"],
      [
        { method: "POST", path: "/orders" },
        { method: "POST", path: "/checkout" },
      ],
    );
    expect(arns).toEqual([`${executionArn}/prod/POST/orders`, `${executionArn}/prod/POST/checkout`]);
    expect(policy).toEqual(callerPolicy(arns));
    expect(outputs.callerRoleArns.orderWriter!).toMatch(/^arn:aws:iam::123456789012:role\/caller-orderWriter-role-/);
  });

  test("least privilege: every function's role holds exactly its log group, X-Ray and its tables (and @connections where its routes use it)", () => {
    const cfg = parseForStack("prod", stackFileGateway("prod"));
    // Tables are auto-named: the mocks name them `<logical name>-<stable id>`, as Pulumi adds a suffix.
    const tableArn = (key: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${key}-table-${stableId(`${key}-table`, 7)}`;
    for (const fn of Object.values(cfg.functions)) {
      const policy = JSON.parse(rec.get("aws:iam/rolePolicy:RolePolicy", `${fn.key}-policy`).inputs.policy as string);
      const logs = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/${fn.name}`;
      const tables = Object.entries(fn.tables).map(([key, access]) => ({ arn: tableArn(key), access }));
      expect([fn.key, policy]).toEqual([fn.key, functionRolePolicy(logs, fn.tracing, tables)]);
    }
    const connectionGrants = rec
      .ofType("aws:iam/rolePolicy:RolePolicy")
      .filter((p) => p.name.endsWith("-connections"))
      .map((p) => p.name)
      .sort();
    expect(connectionGrants).toEqual([
      "websocket-wsDefault-connections",
      "websocket-wsLeave-connections",
      "websocket-wsSendMessage-connections",
      "websocket-wsWhoami-connections",
    ]);
    // Every role in the stack has one inline policy or one managed attachment: none is given more by another door.
    expect(rec.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs.policyArn)).toEqual([
      "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    ]);
  });

  test("the HTTP API: JWT authorizer on the pool, CORS, Lambda 2.0, the backend through a VPC link v2, on the custom domain", async () => {
    const api = rec.get("aws:apigatewayv2/api:Api", "http-api");
    expect(api.inputs).toMatchObject({
      name: "microservice-gateway-prod-http",
      protocolType: "HTTP",
      corsConfiguration: {
        allowOrigins: ["https://app.example.com"],
        allowMethods: ["GET", "OPTIONS"],
        allowHeaders: ["authorization", "content-type"],
        maxAge: 3600,
      },
    });
    const authorizer = rec.get("aws:apigatewayv2/authorizer:Authorizer", "http-jwt");
    expect(authorizer.inputs).toMatchObject({
      authorizerType: "JWT",
      identitySources: ["$request.header.Authorization"],
      jwtConfiguration: { issuer: outputs.cognitoIssuer!, audiences: [outputs.cognitoClientId!] },
    });
    const routes = rec.ofType("aws:apigatewayv2/route:Route").filter((r) => r.name.startsWith("http-"));
    expect(routes.map((r) => [r.inputs.routeKey, r.inputs.authorizationType]).sort()).toEqual([
      ["ANY /service1/{proxy+}", "JWT"],
      ["GET /hello", "NONE"],
      ["GET /items", "JWT"],
      ["GET /items/{id}", "JWT"],
      ["OPTIONS /service1/{proxy+}", "NONE"],
    ]);
    const integrations = rec.ofType("aws:apigatewayv2/integration:Integration").filter((i) => i.name.startsWith("http-"));
    const privateIntegration = integrations.find((i) => i.inputs.connectionType === "VPC_LINK");
    expect(privateIntegration?.inputs).toMatchObject({
      integrationType: "HTTP_PROXY",
      integrationUri: expect.stringMatching(/:listener\/net\/service1-nlb-/),
    });
    expect(integrations.filter((i) => i.inputs.integrationType === "AWS_PROXY").map((i) => i.inputs.payloadFormatVersion)).toEqual(["2.0", "2.0", "2.0"]);
    expect(rec.get("aws:apigatewayv2/vpcLink:VpcLink", "http-vpc-link").inputs.securityGroupIds).toEqual([expect.stringMatching(/^sg-/)]);
    expect(rec.get("aws:ec2/securityGroup:SecurityGroup", "http-vpc-link-sg").inputs).toMatchObject({
      egress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["10.40.0.0/16"] }],
    });
    const mappings = rec.ofType("aws:apigatewayv2/apiMapping:ApiMapping");
    expect(mappings.map((m) => [m.inputs.domainName, m.inputs.apiMappingKey, m.inputs.stage])).toEqual([["api.example.com", "http", "$default"]]);
    expect(outputs.httpApiUrl!).toMatch(/^https:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com\/$/);
  });
});

/** Method ARNs of requests the route serves: each method of ANY, and sample values for its parameters. */
function sampleMethodArns(executionArn: string, stage: string, route: RouteConfig): string[] {
  const path = route.path.replace(/\{[^/{}]+\+\}/g, "a/b").replace(/\{[^/{}]+\}/g, "x1");
  const methods = route.method === "ANY" ? ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] : [route.method];
  return methods.map((m) => `${executionArn}/${stage}/${m}${path}`);
}
