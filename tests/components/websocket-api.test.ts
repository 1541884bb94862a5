import { CONNECT_TOKEN_SOURCE } from "../../components/websocket-api/websocket-api";
import { WEBSOCKET_ACCESS_LOG_FORMAT, connectionsResourceArns, manageConnectionsPolicy } from "../../components/websocket-api/websocket-policy";
import { capturedStack, type CapturedStack, type StackOutputs } from "../helpers/captured-stack";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

describe("@connections grants (pure)", () => {
  test("exactly the methods, on exactly the stages", () => {
    expect(connectionsResourceArns("arn:aws:execute-api:us-east-1:1:abc", ["dev", "test"], ["POST", "GET"])).toEqual([
      "arn:aws:execute-api:us-east-1:1:abc/dev/POST/@connections/*",
      "arn:aws:execute-api:us-east-1:1:abc/dev/GET/@connections/*",
      "arn:aws:execute-api:us-east-1:1:abc/test/POST/@connections/*",
      "arn:aws:execute-api:us-east-1:1:abc/test/GET/@connections/*",
    ]);
    expect(manageConnectionsPolicy("arn:aws:execute-api:us-east-1:1:abc", ["prod"], ["DELETE"])).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["execute-api:ManageConnections"], Resource: ["arn:aws:execute-api:us-east-1:1:abc/prod/DELETE/@connections/*"] }],
    });
  });

  test("the access log line names the connection, event and route, never the message", () => {
    const fields = JSON.parse(WEBSOCKET_ACCESS_LOG_FORMAT) as Record<string, string>;
    expect(fields).toMatchObject({
      connectionId: "$context.connectionId",
      eventType: "$context.eventType",
      routeKey: "$context.routeKey",
      status: "$context.status",
    });
    expect(Object.values(fields).some((v) => /body|message\}?$/i.test(v) && !v.startsWith("$context.error"))).toBe(false);
  });
});

describe("the dev stack's WebSocket API under mocks", () => {
  let rec: CapturedStack;
  let outputs: StackOutputs;
  let apiId: string;
  beforeAll(async () => {
    rec = await capturedStack("dev");
    outputs = rec.outputs;
    apiId = rec.get("aws:apigatewayv2/stage:Stage", "websocket-dev-stage").inputs.apiId as string;
  });

  test("a WEBSOCKET API choosing routes by $request.body.action", () => {
    expect(rec.get("aws:apigatewayv2/api:Api", "websocket-api").inputs).toEqual({
      name: "microservice-gateway-dev-ws",
      description: "",
      protocolType: "WEBSOCKET",
      routeSelectionExpression: "$request.body.action",
      tags: { project: "microservice-gateway", stack: "dev", environment: "dev", owner: "platform-team" },
    });
  });

  test("every route is a Lambda proxy integration of its function", () => {
    const routes = rec.ofType("aws:apigatewayv2/route:Route").filter((r) => r.name.startsWith("websocket-"));
    expect(routes.map((r) => r.inputs.routeKey).sort()).toEqual(["$connect", "$default", "$disconnect", "leave", "sendMessage", "whoami"]);
    const send = rec.get("aws:apigatewayv2/integration:Integration", "websocket-sendMessage-integration");
    expect(send.inputs).toEqual({
      apiId,
      integrationType: "AWS_PROXY",
      integrationMethod: "POST",
      integrationUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:microservice-gateway-dev-wsSendMessage/invocations`,
      contentHandlingStrategy: "CONVERT_TO_TEXT",
    });
    expect(rec.get("aws:apigatewayv2/route:Route", "websocket-sendMessage-route").inputs).toEqual({
      apiId,
      routeKey: "sendMessage",
      target: expect.stringMatching(/^integrations\/websocket-sendMessage-integration-/),
      authorizationType: "NONE",
    });
  });

  test("the connection table: keyed by connection id, a room index, TTL on expiresAt", () => {
    expect(rec.get("aws:dynamodb/table:Table", "connections-table").inputs).toMatchObject({
      hashKey: "connectionId",
      attributes: [
        { name: "connectionId", type: "S" },
        { name: "room", type: "S" },
      ],
      globalSecondaryIndexes: [{ name: "room-index", keySchemas: [{ attributeName: "room", keyType: "HASH" }], projectionType: "ALL" }],
      ttl: { attributeName: "expiresAt", enabled: true },
    });
  });

  test("only the functions that use @connections may, on exactly their methods and this API's stages", () => {
    const exec = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${apiId}`;
    const policyOf = (key: string) => JSON.parse(rec.get("aws:iam/rolePolicy:RolePolicy", `websocket-${key}-connections`).inputs.policy as string);
    expect(policyOf("wsSendMessage")).toEqual(manageConnectionsPolicy(exec, ["dev", "test"], ["POST"]));
    expect(policyOf("wsWhoami").Statement[0].Resource).toEqual([
      `${exec}/dev/POST/@connections/*`,
      `${exec}/dev/GET/@connections/*`,
      `${exec}/test/POST/@connections/*`,
      `${exec}/test/GET/@connections/*`,
    ]);
    expect(policyOf("wsLeave")).toEqual(manageConnectionsPolicy(exec, ["dev", "test"], ["POST", "DELETE"]));
    expect(
      rec
        .ofType("aws:iam/rolePolicy:RolePolicy")
        .filter((p) => p.name.startsWith("websocket-"))
        .map((p) => p.name)
        .sort(),
    ).toEqual(["websocket-wsDefault-connections", "websocket-wsLeave-connections", "websocket-wsSendMessage-connections", "websocket-wsWhoami-connections"]);
  });

  test("invoke permissions are scoped to this API", () => {
    const grants = rec.ofType("aws:lambda/permission:Permission").filter((p) => p.name.startsWith("websocket-invoke-"));
    expect(grants.map((g) => g.inputs.function).sort()).toEqual(
      ["wsAuthorizer", "wsConnect", "wsDefault", "wsDisconnect", "wsLeave", "wsSendMessage", "wsWhoami"].map((k) => `microservice-gateway-dev-${k}`),
    );
    for (const g of grants) expect(g.inputs.sourceArn).toBe(`arn:aws:execute-api:${REGION}:${ACCOUNT}:${apiId}/*`);
  });

  test("each stack stage gets a stage: access logs, execution logs with retention, throttling; redeployed on change", () => {
    const stage = rec.get("aws:apigatewayv2/stage:Stage", "websocket-dev-stage");
    expect(stage.inputs).toMatchObject({
      name: "dev",
      deploymentId: expect.any(String),
      accessLogSettings: {
        destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/apigateway/microservice-gateway-dev-ws/dev/access`,
        format: WEBSOCKET_ACCESS_LOG_FORMAT,
      },
      defaultRouteSettings: { loggingLevel: "INFO", dataTraceEnabled: false, detailedMetricsEnabled: true, throttlingRateLimit: 50, throttlingBurstLimit: 100 },
    });
    expect(rec.get("aws:cloudwatch/logGroup:LogGroup", "websocket-dev-execution-logs").inputs).toMatchObject({
      name: `/aws/apigateway/${apiId}/dev`,
      retentionInDays: 30,
    });
    const deployment = rec.get("aws:apigatewayv2/deployment:Deployment", "websocket-deployment");
    expect(deployment.inputs.triggers).toEqual({ routes: expect.stringMatching(/^[0-9a-f]{64}$/) });
    for (const route of rec.ofType("aws:apigatewayv2/route:Route").filter((r) => r.name.startsWith("websocket-")))
      expect(deployment.dependencies).toContain(route.urn);
  });

  test("outputs: the wss:// URL and the @connections callback URL of each stage", async () => {
    expect(outputs.websocketUrls.dev!).toBe(`wss://${apiId}.execute-api.${REGION}.amazonaws.com/dev`);
    expect(outputs.websocketCallbackUrls.test!).toBe(`https://${apiId}.execute-api.${REGION}.amazonaws.com/test/@connections`);
  });
});

describe("the $connect authorizer", () => {
  test("a REQUEST authorizer on the token query string (browsers cannot set headers on the upgrade), verifying the pool's ID tokens", async () => {
    const rec = await capturedStack("dev");
    const { outputs } = rec;
    const authorizer = rec.get("aws:apigatewayv2/authorizer:Authorizer", "websocket-authorizer");
    expect(CONNECT_TOKEN_SOURCE).toBe("route.request.querystring.token");
    expect(authorizer.inputs).toMatchObject({
      name: "microservice-gateway-dev-ws-connect",
      authorizerType: "REQUEST",
      identitySources: ["route.request.querystring.token"],
      authorizerUri: expect.stringMatching(/function:microservice-gateway-dev-wsAuthorizer\/invocations$/),
    });
    const connect = rec.get("aws:apigatewayv2/route:Route", "websocket-connect-route");
    expect(connect.inputs).toMatchObject({ routeKey: "$connect", authorizationType: "CUSTOM", authorizerId: expect.stringMatching(/^websocket-authorizer-/) });
    expect(rec.get("aws:apigatewayv2/route:Route", "websocket-sendMessage-route").inputs.authorizerId).toBeUndefined();
    const env = (rec.get("aws:lambda/function:Function", "wsAuthorizer-function").inputs.environment as { variables: Record<string, string> }).variables;
    expect(env.JWT_ISSUER).toBe(outputs.cognitoIssuer!);
    expect(env.JWT_ISSUER).toMatch(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_[A-Za-z0-9]{9}$/);
    expect(env.JWT_AUDIENCE).toBe(outputs.cognitoClientId!);
    // Other functions do not get the token settings.
    expect(
      (rec.get("aws:lambda/function:Function", "wsConnect-function").inputs.environment as { variables: Record<string, string> }).variables.JWT_ISSUER,
    ).toBeUndefined();
    expect(rec.ofType("aws:lambda/permission:Permission").map((p) => p.name)).toContain("websocket-invoke-wsAuthorizer");
  });
});
