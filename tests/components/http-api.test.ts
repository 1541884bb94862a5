import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { HttpApi as HttpApiType } from "../../components/http-api/http-api";
import { installMocks, outputOf, stableId, type MockRecorder } from "../helpers/mocks";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const ISSUER = `https://cognito-idp.${REGION}.amazonaws.com/${REGION}_AbCdEfGhI`;
const LISTENER = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/orders-internal/0a1b2c3d4e5f6789/1a2b3c4d5e6f7a8b`;
const FALLBACK_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:shop-dev-fallback`;
const KMS = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const TAGS = { project: "microservice-gateway", stack: "dev" };

/** The id the mocks give a resource type they do not answer specially. */
const defaultId = (name: string) => `${name}-${stableId(name, 7)}`;

describe("an HTTP API with every kind of route", () => {
  let rec: MockRecorder;
  let api: HttpApiType;
  const apiId = stableId("orders-api");
  const executionArn = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${apiId}`;
  const integration = (route: string) => `integrations/${defaultId(`orders-integration-${route}`)}`;
  const get = (type: string, name: string) => rec.get(`aws:apigatewayv2/${type}`, name).inputs;

  beforeAll(async () => {
    rec = await installMocks({ stack: "dev" });
    const { HttpApi } = await import("../../components/http-api/http-api");
    const fn = new aws.lambda.Function("items", {
      name: "shop-dev-items",
      role: `arn:aws:iam::${ACCOUNT}:role/items`,
      runtime: "nodejs22.x",
      handler: "index.handler",
      publish: true,
    });
    const prod = new aws.lambda.Alias("items-PROD", { name: "PROD", functionName: fn.name, functionVersion: fn.version });
    api = new HttpApi("orders", {
      name: "shop-dev-http",
      description: "Orders over HTTP",
      routes: [
        {
          method: "GET",
          path: "/items/{id}",
          target: { kind: "lambda", key: "items", functionName: fn.name, functionArn: prod.arn, qualifier: "PROD" },
          authorization: "jwt",
          scopes: ["items/read"],
        },
        {
          method: "POST",
          path: "/items",
          target: { kind: "lambda", key: "items", functionName: fn.name, functionArn: prod.arn, qualifier: "PROD" },
          authorization: "jwt",
          scopes: ["items/write", "items/admin"],
        },
        {
          method: "GET",
          path: "/me",
          target: { kind: "lambda", key: "items", functionName: fn.name, functionArn: prod.arn, qualifier: "PROD" },
          authorization: "jwt",
        },
        { method: "DELETE", path: "/items/{id}", target: { kind: "lambda", key: "items", functionName: fn.name, functionArn: fn.arn }, authorization: "iam" },
        { method: "GET", path: "/status", target: { kind: "http", url: "https://status.example.com/health" }, authorization: "none" },
        { method: "ANY", path: "/orders/{proxy+}", target: { kind: "private", listenerArn: LISTENER }, authorization: "iam" },
        { method: "ANY", path: "/legacy/{proxy+}", target: { kind: "private", listenerArn: LISTENER, vpcLinkId: "legacy1" }, authorization: "none" },
        { method: "ANY", path: "$default", target: { kind: "lambda", functionName: "shop-dev-fallback", functionArn: FALLBACK_ARN }, authorization: "none" },
      ],
      jwt: { issuer: ISSUER, audiences: ["client-a", "client-b"] },
      cors: {
        allowOrigins: ["https://app.example.com", "http://localhost:3000"],
        allowMethods: ["GET", "POST", "DELETE"],
        allowHeaders: ["authorization", "content-type"],
        exposeHeaders: ["x-request-id"],
        maxAgeSeconds: 600,
        allowCredentials: true,
      },
      vpcLink: { subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-1a1b2c3d4e5f60718"], securityGroupIds: ["sg-0a1b2c3d4e5f60718"] },
      throttling: { rateLimit: 50, burstLimit: 100 },
      logRetentionDays: 14,
      logsKmsKeyArn: KMS,
      domainMappings: [
        { domainName: "api.example.com", apiMappingKey: "v2" },
        { domainName: pulumi.output("orders.example.com"), key: "orders", apiMappingKey: "" },
      ],
      disableExecuteApiEndpoint: true,
      tags: TAGS,
    });
    await rec.settled();
  });

  test("the API: HTTP, exact CORS, execute-api endpoint disabled, tagged", () => {
    expect(get("api:Api", "orders-api")).toEqual({
      name: "shop-dev-http",
      description: "Orders over HTTP",
      protocolType: "HTTP",
      corsConfiguration: {
        allowOrigins: ["https://app.example.com", "http://localhost:3000"],
        allowMethods: ["GET", "POST", "DELETE"],
        allowHeaders: ["authorization", "content-type"],
        exposeHeaders: ["x-request-id"],
        maxAge: 600,
        allowCredentials: true,
      },
      disableExecuteApiEndpoint: true,
      tags: TAGS,
    });
  });

  test("the JWT authorizer reads the Authorization header and checks issuer and audiences", () => {
    expect(get("authorizer:Authorizer", "orders-jwt")).toEqual({
      apiId,
      name: "shop-dev-http-jwt",
      authorizerType: "JWT",
      identitySources: ["$request.header.Authorization"],
      jwtConfiguration: { issuer: ISSUER, audiences: ["client-a", "client-b"] },
    });
  });

  test("routes: key, authorization, authorizer, scopes and target integration", () => {
    const authorizerId = defaultId("orders-jwt");
    // Registration order is not the program's: compare by route key.
    const byKey = (routes: Record<string, unknown>[]) => Object.fromEntries(routes.map((r) => [r.routeKey, r]));
    expect(byKey(rec.ofType("aws:apigatewayv2/route:Route").map((r) => r.inputs))).toEqual(
      byKey([
        {
          apiId,
          routeKey: "GET /items/{id}",
          target: integration("GET-/items/{id}"),
          authorizationType: "JWT",
          authorizerId,
          authorizationScopes: ["items/read"],
        },
        {
          apiId,
          routeKey: "POST /items",
          target: integration("POST-/items"),
          authorizationType: "JWT",
          authorizerId,
          authorizationScopes: ["items/write", "items/admin"],
        },
        { apiId, routeKey: "GET /me", target: integration("GET-/me"), authorizationType: "JWT", authorizerId },
        { apiId, routeKey: "DELETE /items/{id}", target: integration("DELETE-/items/{id}"), authorizationType: "AWS_IAM" },
        { apiId, routeKey: "GET /status", target: integration("GET-/status"), authorizationType: "NONE" },
        { apiId, routeKey: "ANY /orders/{proxy+}", target: integration("ANY-/orders/{proxy+}"), authorizationType: "AWS_IAM" },
        { apiId, routeKey: "ANY /legacy/{proxy+}", target: integration("ANY-/legacy/{proxy+}"), authorizationType: "NONE" },
        { apiId, routeKey: "$default", target: `integrations/${defaultId("orders-integration-$default")}`, authorizationType: "NONE" },
      ]),
    );
    expect(rec.ofType("aws:apigatewayv2/route:Route")).toHaveLength(8);
    expect(Object.keys(api.routes)).toEqual([
      "GET /items/{id}",
      "POST /items",
      "GET /me",
      "DELETE /items/{id}",
      "GET /status",
      "ANY /orders/{proxy+}",
      "ANY /legacy/{proxy+}",
      "$default",
    ]);
  });

  test("Lambda integrations: AWS_PROXY, payload format 2.0, the alias or function ARN invoked", () => {
    const alias = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:shop-dev-items:PROD`;
    expect(get("integration:Integration", "orders-integration-GET-/items/{id}")).toEqual({
      apiId,
      description: "GET /items/{id}",
      integrationType: "AWS_PROXY",
      payloadFormatVersion: "2.0",
      integrationUri: alias,
    });
    expect(get("integration:Integration", "orders-integration-POST-/items").integrationUri).toBe(alias);
    expect(get("integration:Integration", "orders-integration-DELETE-/items/{id}")).toEqual({
      apiId,
      description: "DELETE /items/{id}",
      integrationType: "AWS_PROXY",
      payloadFormatVersion: "2.0",
      integrationUri: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:shop-dev-items`,
    });
    expect(get("integration:Integration", "orders-integration-$default")).toEqual({
      apiId,
      description: "$default",
      integrationType: "AWS_PROXY",
      payloadFormatVersion: "2.0",
      integrationUri: FALLBACK_ARN,
    });
  });

  test("an HTTP integration proxies to the URL with the route's method", () => {
    expect(get("integration:Integration", "orders-integration-GET-/status")).toEqual({
      apiId,
      description: "GET /status",
      integrationType: "HTTP_PROXY",
      integrationMethod: "GET",
      integrationUri: "https://status.example.com/health",
    });
  });

  test("private integrations: through the created or the given VPC link, to the listener ARN", () => {
    expect(get("integration:Integration", "orders-integration-ANY-/orders/{proxy+}")).toEqual({
      apiId,
      description: "ANY /orders/{proxy+}",
      integrationType: "HTTP_PROXY",
      integrationMethod: "ANY",
      connectionType: "VPC_LINK",
      connectionId: stableId("orders-vpc-link", 6),
      integrationUri: LISTENER,
    });
    expect(get("integration:Integration", "orders-integration-ANY-/legacy/{proxy+}")).toMatchObject({
      connectionType: "VPC_LINK",
      connectionId: "legacy1",
      integrationUri: LISTENER,
    });
    expect(get("vpcLink:VpcLink", "orders-vpc-link")).toEqual({
      name: "shop-dev-http",
      subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-1a1b2c3d4e5f60718"],
      securityGroupIds: ["sg-0a1b2c3d4e5f60718"],
      tags: TAGS,
    });
  });

  test("one invoke permission per function and qualifier, scoped to this API", () => {
    const permissions = rec.ofType("aws:lambda/permission:Permission");
    expect(Object.fromEntries(permissions.map((p) => [p.name, p.inputs]))).toEqual({
      "orders-invoke-items:PROD": {
        action: "lambda:InvokeFunction",
        function: "shop-dev-items",
        principal: "apigateway.amazonaws.com",
        qualifier: "PROD",
        sourceArn: `${executionArn}/*/*`,
      },
      "orders-invoke-items": {
        action: "lambda:InvokeFunction",
        function: "shop-dev-items",
        principal: "apigateway.amazonaws.com",
        sourceArn: `${executionArn}/*/*`,
      },
      "orders-invoke-shop-dev-fallback": {
        action: "lambda:InvokeFunction",
        function: "shop-dev-fallback",
        principal: "apigateway.amazonaws.com",
        sourceArn: `${executionArn}/*/*`,
      },
    });
    expect(api.permissions).toHaveLength(3);
  });

  test("the $default stage: auto-deployed, JSON access logs to its own group, throttled, detailed metrics", () => {
    const group = "/aws/apigateway/shop-dev-http/http/access";
    expect(rec.get("aws:cloudwatch/logGroup:LogGroup", "orders-access-logs").inputs).toEqual({ name: group, retentionInDays: 14, kmsKeyId: KMS, tags: TAGS });
    const stage = get("stage:Stage", "orders-stage");
    expect(stage).toEqual({
      apiId,
      name: "$default",
      autoDeploy: true,
      accessLogSettings: { destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${group}`, format: expect.any(String) },
      defaultRouteSettings: { throttlingRateLimit: 50, throttlingBurstLimit: 100, detailedMetricsEnabled: true },
      tags: TAGS,
    });
    const format = JSON.parse((stage.accessLogSettings as { format: string }).format);
    expect(format).toMatchObject({
      requestId: "$context.requestId",
      routeKey: "$context.routeKey",
      status: "$context.status",
      authorizerError: "$context.authorizer.error",
    });
  });

  test("the stage is deployed after the routes exist", () => {
    const stage = rec.get("aws:apigatewayv2/stage:Stage", "orders-stage");
    const routeUrns = rec.ofType("aws:apigatewayv2/route:Route").map((r) => r.urn);
    expect(stage.dependencies).toEqual(expect.arrayContaining(routeUrns));
  });

  test("mappings on custom domains created elsewhere", () => {
    expect(get("apiMapping:ApiMapping", "orders-mapping-api.example.com/v2")).toEqual({
      apiId,
      domainName: "api.example.com",
      stage: "$default",
      apiMappingKey: "v2",
    });
    expect(get("apiMapping:ApiMapping", "orders-mapping-orders")).toEqual({ apiId, domainName: "orders.example.com", stage: "$default" });
  });

  test("every child is the component's, named after it", () => {
    const component = rec.get("gateway:http-api:HttpApi", "orders");
    const children = rec.resources.filter((r) => r.parentUrn === component.urn);
    expect(children).toHaveLength(1 + 1 + 1 + 8 + 8 + 3 + 1 + 1 + 2);
    for (const child of children) expect(child.name).toMatch(/^orders-/);
  });

  test("the URL is the $default stage's invoke URL", async () => {
    expect(await outputOf(api.url)).toBe(`https://${apiId}.execute-api.${REGION}.amazonaws.com/`);
  });
});

describe("an HTTP API with only what is required", () => {
  let rec: MockRecorder;
  beforeAll(async () => {
    rec = await installMocks({ stack: "dev" });
    const { HttpApi } = await import("../../components/http-api/http-api");
    new HttpApi("plain", {
      name: "plain-http",
      routes: [{ method: "GET", path: "/", target: { kind: "http", url: "https://example.com/" }, authorization: "none" }],
    });
    await rec.settled();
  });

  test("no CORS, no authorizer, no VPC link, no permissions, no mappings; the execute-api endpoint enabled", () => {
    expect(rec.get("aws:apigatewayv2/api:Api", "plain-api").inputs).toEqual({
      name: "plain-http",
      protocolType: "HTTP",
      disableExecuteApiEndpoint: false,
      tags: {},
    });
    for (const type of ["authorizer:Authorizer", "vpcLink:VpcLink", "apiMapping:ApiMapping"]) expect(rec.ofType(`aws:apigatewayv2/${type}`)).toEqual([]);
    expect(rec.ofType("aws:lambda/permission:Permission")).toEqual([]);
  });

  test("logs kept 30 days; the stage has no throttling of its own but detailed metrics", () => {
    expect(rec.get("aws:cloudwatch/logGroup:LogGroup", "plain-access-logs").inputs).toEqual({
      name: "/aws/apigateway/plain-http/http/access",
      retentionInDays: 30,
      tags: {},
    });
    expect(rec.get("aws:apigatewayv2/stage:Stage", "plain-stage").inputs.defaultRouteSettings).toEqual({ detailedMetricsEnabled: true });
  });

  test("bad arguments fail before anything is registered, each problem on its line", async () => {
    const { HttpApi } = await import("../../components/http-api/http-api");
    expect(
      () =>
        new HttpApi("bad", {
          name: "bad-http",
          routes: [{ method: "GET", path: "/x", target: { kind: "http", url: "https://example.com/" }, authorization: "jwt" }],
          cors: { allowOrigins: ["*"], allowCredentials: true },
        }),
    ).toThrow(
      'routes[0].authorization: "jwt" needs the API\'s JWT authorizer (the jwt argument, with issuer and audiences)\n' +
        'cors.allowCredentials: true is not allowed with the "*" origin (browsers and API Gateway refuse credentials for any origin); list the origins',
    );
    await rec.settled();
    expect(rec.resources.filter((r) => r.name.startsWith("bad"))).toEqual([]);
  });
});
