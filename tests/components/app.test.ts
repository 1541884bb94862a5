import { currentDeployment, restApiComponent } from "../helpers/deployments";
import { REST_ACCESS_LOG_FORMAT } from "../../components/observability/access-log-format";
import { apiSettingsHash, documentHash } from "../../components/rest-api/document-hash";
import { capturedStack, type CapturedStack, type StackOutputs } from "../helpers/captured-stack";
import type { RecordedResource } from "../helpers/mocks";
import { loadTemplate } from "../../vtl";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const invokeArn = (arn: string) => `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arn}/invocations`;

const body = (rec: CapturedStack) => JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string);

describe("the dev stack under mocks", () => {
  let rec: CapturedStack;
  let outputs: StackOutputs;
  let apiId: string;
  beforeAll(async () => {
    rec = await capturedStack("dev");
    outputs = rec.outputs;
    apiId = outputs.restApiId;
  });

  test("registers the expected resources", () => {
    const counts: Record<string, number> = {};
    for (const r of rec.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
    expect(counts).toEqual({
      "gateway:data:Table": 2,
      "gateway:lambda:Function": 9 + 7,
      "gateway:observability:ApiGatewayAccount": 1,
      "gateway:rest-api:RestApi": 1,
      "gateway:rest-api:Stage": 2,
      "aws:dynamodb/table:Table": 2,
      // Functions (9 REST, 7 WebSocket); REST and WebSocket stage access and execution logs; the state machine; the ECS
      // service; the HTTP API's access logs.
      "aws:cloudwatch/logGroup:LogGroup": 16 + 2 * 2 + 2 * 2 + 1 + 1 + 1,
      "aws:iam/role:Role": 16 + 1 + 3 + 1 + 1,
      "gateway:integrations:ContentBucket": 1,
      "aws:s3/bucket:Bucket": 1,
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 1,
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 1,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 1,
      "aws:s3/bucketVersioning:BucketVersioning": 1,
      "aws:s3/bucketObjectv2:BucketObjectv2": 2,
      "gateway:integrations:Queue": 1,
      "gateway:integrations:StateMachine": 1,
      "aws:sqs/queue:Queue": 2,
      "aws:sfn/stateMachine:StateMachine": 1,
      // Functions, the ECS execution role, and the four WebSocket functions that use @connections.
      "aws:iam/rolePolicy:RolePolicy": 16 + 1 + 4,
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 1,
      "aws:apigateway/account:Account": 1,
      "aws:apigateway/methodSettings:MethodSettings": 2,
      "aws:lambda/function:Function": 16,
      "aws:lambda/alias:Alias": 3,
      "aws:apigateway/restApi:RestApi": 1,
      "aws:apigateway/deployment:Deployment": 1,
      "aws:apigateway/documentationVersion:DocumentationVersion": 1,
      "aws:apigateway/clientCertificate:ClientCertificate": 1,
      "aws:apigateway/stage:Stage": 2,
      // REST: 9 routes' functions and aliases, /me's hello, the authorizer; WebSocket: 7; HTTP API: 3.
      "aws:lambda/permission:Permission": 9 + 1 + 1 + 7 + 3,
      "gateway:observability:Monitoring": 1,
      "aws:kms/key:Key": 1,
      "aws:kms/alias:Alias": 1,
      "aws:sns/topic:Topic": 1,
      "aws:cloudwatch/metricAlarm:MetricAlarm": 2 * 4,
      "aws:cloudwatch/dashboard:Dashboard": 1,
      "gateway:network:Network": 1,
      "awsx:ec2:Vpc": 1,
      "gateway:backends:FargateService": 1,
      "gateway:backends:Ec2Fleet": 1,
      "gateway:backends:InternalLoadBalancer": 2,
      "gateway:network:VpcLink": 2,
      "aws:apigateway/vpcLink:VpcLink": 2,
      "aws:lb/loadBalancer:LoadBalancer": 2,
      "aws:lb/targetGroup:TargetGroup": 2,
      "aws:lb/listener:Listener": 2,
      "aws:ecs/cluster:Cluster": 1,
      "aws:ecs/taskDefinition:TaskDefinition": 1,
      "aws:ecs/service:Service": 1,
      "aws:ec2/securityGroup:SecurityGroup": 2 + 1,
      "aws:ec2/launchTemplate:LaunchTemplate": 1,
      "aws:autoscaling/group:Group": 1,
      "aws:autoscaling/policy:Policy": 1,
      "gateway:access:CognitoUserPool": 1,
      "aws:cognito/userPool:UserPool": 1,
      "aws:cognito/userPoolClient:UserPoolClient": 1,
      "aws:cognito/resourceServer:ResourceServer": 1,
      "gateway:websocket-api:WebSocketApi": 1,
      // WebSocket and HTTP APIs.
      "aws:apigatewayv2/api:Api": 2,
      "aws:apigatewayv2/authorizer:Authorizer": 2,
      "aws:apigatewayv2/deployment:Deployment": 1,
      // WebSocket 6, HTTP API 5 (the unauthorized OPTIONS route for CORS preflights to /service1 among them).
      "aws:apigatewayv2/integration:Integration": 6 + 5,
      "aws:apigatewayv2/route:Route": 6 + 5,
      "aws:apigatewayv2/stage:Stage": 2 + 1,
      "aws:apigatewayv2/vpcLink:VpcLink": 1,
      "gateway:http-api:HttpApi": 1,
    });
  });

  test("every resource sits under its component", () => {
    const parentType = (r: RecordedResource) => rec.parentOf(r)?.type;
    const expectedParent = (r: RecordedResource): string => {
      if (r.type.startsWith("aws:dynamodb")) return "gateway:data:Table";
      if (r.name.startsWith("apigateway-account-")) return "gateway:observability:ApiGatewayAccount";
      if (r.name.startsWith("monitoring-")) return "gateway:observability:Monitoring";
      if (r.name.startsWith("queue-")) return "gateway:integrations:Queue";
      if (r.name.startsWith("bucket-")) return "gateway:integrations:ContentBucket";
      if (r.name.startsWith("sfn-")) return "gateway:integrations:StateMachine";
      if (r.name.startsWith("websocket-")) return "gateway:websocket-api:WebSocketApi";
      if (r.name.startsWith("http-")) return "gateway:http-api:HttpApi";
      if (r.name.startsWith("cognito-")) return "gateway:access:CognitoUserPool";
      if (/^service\d-(nlb|targets|listener)$/.test(r.name)) return "gateway:backends:InternalLoadBalancer";
      if (r.name.endsWith("-vpc-link-link")) return "gateway:network:VpcLink";
      if (r.name.startsWith("service1-")) return "gateway:backends:FargateService";
      if (r.name.startsWith("service2-")) return "gateway:backends:Ec2Fleet";
      if (/^api-(dev|test)-/.test(r.name)) return "gateway:rest-api:Stage";
      if (r.name.startsWith("api-")) return "gateway:rest-api:RestApi";
      return "gateway:lambda:Function";
    };
    for (const r of rec.resources.filter((x) => x.custom)) {
      expect([r.name, parentType(r)]).toEqual([r.name, expectedParent(r)]);
    }
    for (const stage of rec.ofType("gateway:rest-api:Stage")) {
      expect(rec.parentOf(stage)?.type).toBe("gateway:rest-api:RestApi");
    }
  });

  test("the REST API body is the OpenAPI document with Lambda proxy integrations", () => {
    const api = rec.get("aws:apigateway/restApi:RestApi", "api-api");
    expect(api.inputs).toMatchObject({
      name: "microservice-gateway-dev",
      description: "Microservice gateway (development)",
      endpointConfiguration: { types: "REGIONAL" },
      putRestApiMode: "overwrite",
      failOnWarnings: true,
      tags: { project: "microservice-gateway", stack: "dev", environment: "dev", owner: "platform-team" },
    });
    const doc = body(rec);
    expect(Object.keys(doc.paths)).toEqual([
      "/checkout",
      "/docs",
      "/docs/{key+}",
      "/examples/items/{id}",
      "/hello",
      "/items",
      "/items/{id}",
      "/legacy/quotes",
      "/me",
      "/orders",
      "/orders/preview",
      "/partners/{proxy+}",
      "/search",
      "/service1",
      "/service1/{proxy+}",
      "/service2",
      "/service2/{proxy+}",
    ]);
    // OPTIONS: the CORS preflight of api.cors; the proxies to the services opt out (cors: false).
    expect(Object.keys(doc.paths["/items/{id}"])).toEqual(["delete", "get", "options", "patch", "put"]);
    expect(
      Object.entries(doc.paths)
        .filter(([, item]) => "options" in (item as object))
        .map(([p]) => p),
    ).toEqual([
      "/checkout",
      "/docs",
      "/docs/{key+}",
      "/examples/items/{id}",
      "/hello",
      "/items",
      "/items/{id}",
      "/legacy/quotes",
      "/me",
      "/orders",
      "/orders/preview",
      "/search",
    ]);
    expect(doc.paths["/hello"].get["x-amazon-apigateway-integration"]).toEqual({
      type: "aws_proxy",
      httpMethod: "POST",
      uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fnArn("microservice-gateway-dev-hello")}:\${stageVariables.lambdaAlias}/invocations`,
      passthroughBehavior: "when_no_match",
      timeoutInMillis: 29000,
      // The function answers a listed Origin with itself: a cached answer is kept per Origin.
      cacheKeyParameters: ["method.request.header.Origin"],
    });
    expect(doc.paths["/items/{id}"].patch["x-amazon-apigateway-integration"].uri).toBe(invokeArn(fnArn("microservice-gateway-dev-itemsUpdate")));
    expect(doc.paths["/items"].post.summary).toBe("Create an item");
  });

  test("the deployment is triggered by the hash of the document and of the API settings a deployment snapshots", () => {
    const deployment = currentDeployment(rec);
    const api = rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs;
    expect(api.policy).toBeUndefined();
    expect(deployment.inputs).toEqual({
      restApi: apiId,
      description: `microservice-gateway-dev: release 1.0.0 ${restApiComponent(rec).inputs.releaseId}, document ${documentHash(body(rec)).slice(0, 12)}`,
      triggers: {
        documentHash: documentHash(body(rec)),
        apiSettingsHash: apiSettingsHash({ policy: undefined, binaryMediaTypes: api.binaryMediaTypes as string[], endpointType: "REGIONAL" }),
      },
    });
  });

  test("stages carry their variables, description, tracing and tags, on the deployment", () => {
    const deploymentUrn = currentDeployment(rec).urn;
    const dev = rec.get("aws:apigateway/stage:Stage", "api-dev-stage");
    const accessLogs = rec.get("aws:cloudwatch/logGroup:LogGroup", "api-dev-access-logs");
    expect(dev.inputs).toEqual({
      restApi: apiId,
      deployment: expect.stringMatching(/^[a-z0-9]{6}$/),
      stageName: "dev",
      description: `Development; reaches the DEV alias ($LATEST) (release ${restApiComponent(rec).inputs.releaseId})`,
      documentationVersion: "1.0.0",
      clientCertificateId: expect.stringMatching(/^api-client-certificate-/),
      variables: {
        lambdaAlias: "DEV",
        legacyHost: "legacy.example.com",
        searchHost: "search.example.com",
        partnerHost: "partners.example.com",
        sourceSystem: "dev-gateway",
      },
      xrayTracingEnabled: true,
      accessLogSettings: {
        destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/apigateway/microservice-gateway-dev/dev/access`,
        format: REST_ACCESS_LOG_FORMAT,
      },
      tags: { project: "microservice-gateway", stack: "dev", environment: "dev", owner: "platform-team", stage: "dev" },
    });
    expect(dev.propertyDependencies.deployment).toEqual([deploymentUrn]);
    expect(dev.propertyDependencies.accessLogSettings).toEqual([accessLogs.urn]);
    expect(rec.get("aws:apigateway/stage:Stage", "api-test-stage").inputs.variables).toMatchObject({ lambdaAlias: "TEST" });
  });

  test("each stage: JSON access logs and execution logs kept 30 days, stage-wide logging and throttling", () => {
    expect(rec.get("aws:cloudwatch/logGroup:LogGroup", "api-dev-access-logs").inputs).toMatchObject({
      name: "/aws/apigateway/microservice-gateway-dev/dev/access",
      retentionInDays: 30,
    });
    expect(rec.get("aws:cloudwatch/logGroup:LogGroup", "api-test-execution-logs").inputs).toMatchObject({
      name: `API-Gateway-Execution-Logs_${apiId}/test`,
      retentionInDays: 30,
    });
    const settings = rec.get("aws:apigateway/methodSettings:MethodSettings", "api-dev-settings");
    expect(settings.inputs).toEqual({
      restApi: apiId,
      stageName: "dev",
      methodPath: "*/*",
      settings: { loggingLevel: "INFO", dataTraceEnabled: false, metricsEnabled: true, throttlingRateLimit: 50, throttlingBurstLimit: 100 },
    });
    expect(settings.propertyDependencies.stageName).toEqual([rec.get("aws:apigateway/stage:Stage", "api-dev-stage").urn]);
    // Execution logging fails until the account has its CloudWatch role.
    expect(settings.dependencies).toContain(rec.get("aws:apigateway/account:Account", "apigateway-account-settings").urn);
  });

  test("the account's CloudWatch role: assumed by API Gateway, with AWS's push-to-CloudWatch policy", () => {
    const role = rec.get("aws:iam/role:Role", "apigateway-account-cloudwatch-role");
    expect(JSON.parse(role.inputs.assumeRolePolicy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    expect(rec.get("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "apigateway-account-cloudwatch-policy").inputs).toEqual({
      role: expect.stringMatching(/^apigateway-account-cloudwatch-role-/),
      policyArn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    });
    expect(rec.get("aws:apigateway/account:Account", "apigateway-account-settings").inputs).toEqual({
      cloudwatchRoleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\/apigateway-account-cloudwatch-role-/),
    });
  });

  const CORS_HEADERS = {
    "method.response.header.Access-Control-Allow-Origin": "'http://localhost:3000'",
    "method.response.header.Access-Control-Expose-Headers": "'ETag'",
    "method.response.header.Vary": "'Origin'",
  };

  test("POST /orders/preview: a Lambda integration without proxy, its templates from templates/, a refused order mapped to 400 and any other error to 502", () => {
    expect(body(rec).paths["/orders/preview"].post["x-amazon-apigateway-integration"]).toEqual({
      type: "aws",
      httpMethod: "POST",
      uri: invokeArn(fnArn("microservice-gateway-dev-orderPreview")),
      passthroughBehavior: "when_no_templates",
      timeoutInMillis: 10000,
      requestTemplates: { "application/json": loadTemplate("reshape-body") },
      // The dev stack's api.cors: each answer names the allowed origin (AWS, "Enable CORS on a resource using the API Gateway console").
      responses: {
        default: { statusCode: "200", responseTemplates: { "application/json": loadTemplate("order-preview") }, responseParameters: CORS_HEADERS },
        "Invalid order: .*": { statusCode: "400", responseTemplates: { "application/json": loadTemplate("order-refused") }, responseParameters: CORS_HEADERS },
        "(?!Invalid order: )[\\s\\S]+": {
          statusCode: "502",
          responseTemplates: { "application/json": `#set($statusCode = 502)\n${loadTemplate("integration-error")}` },
          responseParameters: CORS_HEADERS,
        },
      },
    });
    // reshape-body.vtl reads the stage's sourceSystem variable: every stage sets it.
    expect(rec.ofType("aws:apigateway/stage:Stage").map((s) => [s.inputs.stageName, (s.inputs.variables as Record<string, string>).sourceSystem])).toEqual([
      ["dev", "dev-gateway"],
      ["test", "test-gateway"],
    ]);
  });

  test("one invoke permission per function and per alias a stage variable reaches, scoped to this API", () => {
    // The REST API's; the WebSocket API's are tested with it (tests/components/websocket-api.test.ts).
    const permissions = rec
      .ofType("aws:lambda/permission:Permission")
      .filter((p) => p.name.startsWith("api-invoke-"))
      .map((p) => p.inputs);
    const sourceArn = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${apiId}/*`;
    expect(permissions.find((p) => p.qualifier === "DEV")).toEqual({
      action: "lambda:InvokeFunction",
      function: "microservice-gateway-dev-hello",
      principal: "apigateway.amazonaws.com",
      qualifier: "DEV",
      sourceArn,
    });
    expect(permissions.map((p) => `${p.function}:${p.qualifier ?? ""}`).sort()).toEqual([
      "microservice-gateway-dev-hello:",
      "microservice-gateway-dev-hello:DEV",
      "microservice-gateway-dev-hello:TEST",
      "microservice-gateway-dev-itemsCreate:",
      "microservice-gateway-dev-itemsDelete:",
      "microservice-gateway-dev-itemsGet:",
      "microservice-gateway-dev-itemsList:",
      "microservice-gateway-dev-itemsReplace:",
      "microservice-gateway-dev-itemsUpdate:",
      "microservice-gateway-dev-orderPreview:",
    ]);
    expect(new Set(permissions.map((p) => p.sourceArn))).toEqual(new Set([sourceArn]));
  });

  test("functions: newest Node.js runtime, ESM bundle with source map, versions published, JSON logs", () => {
    const fn = rec.get("aws:lambda/function:Function", "itemsGet-function").inputs;
    expect(fn).toMatchObject({
      name: "microservice-gateway-dev-itemsGet",
      runtime: "nodejs24.x",
      handler: "index.handler",
      architectures: ["arm64"],
      memorySize: 256,
      timeout: 10,
      publish: true,
      loggingConfig: { logFormat: "JSON", logGroup: "/aws/lambda/microservice-gateway-dev-itemsGet" },
      tracingConfig: { mode: "Active" },
      role: expect.stringMatching(/^arn:aws:iam::123456789012:role\/itemsGet-role-/),
    });
    expect((fn.environment as { variables: Record<string, string> }).variables).toEqual({
      ITEMS_TABLE_NAME: expect.stringMatching(/^items-table-[a-z0-9]{7}$/),
      NODE_OPTIONS: "--enable-source-maps",
      POWERTOOLS_SERVICE_NAME: "microservice-gateway-dev-itemsGet",
      // Its Lambda proxy routes' CORS (api.cors): the function sends the headers itself.
      CORS_ALLOW_ORIGINS: "http://localhost:3000",
      CORS_EXPOSE_HEADERS: "ETag",
    });
    const assets = (fn.code as { assets: Record<string, { text: string }> }).assets;
    expect(Object.keys(assets).sort()).toEqual(["index.mjs", "index.mjs.map"]);
    expect(assets["index.mjs"]!.text.length).toBeGreaterThan(1000);
    expect(JSON.parse(assets["index.mjs.map"]!.text).version).toBe(3);
    expect(rec.get("aws:cloudwatch/logGroup:LogGroup", "itemsGet-logs").inputs).toMatchObject({
      name: "/aws/lambda/microservice-gateway-dev-itemsGet",
      retentionInDays: 30,
    });
  });

  test("roles are scoped to the function's own log group and the table's ARN", () => {
    const tableArn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/`;
    const policy = (name: string) => JSON.parse(rec.get("aws:iam/rolePolicy:RolePolicy", `${name}-policy`).inputs.policy as string);
    const get = policy("itemsGet");
    expect(get.Statement[0]).toEqual({
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/microservice-gateway-dev-itemsGet:*`,
    });
    expect(get.Statement[2].Resource).toEqual([
      expect.stringMatching(new RegExp(`^${tableArn}items-table-[a-z0-9]{7}$`)),
      expect.stringMatching(/\/index\/\*$/),
    ]);
    expect(get.Statement[2].Action).not.toContain("dynamodb:PutItem");
    expect(policy("itemsCreate").Statement[2].Action).toContain("dynamodb:PutItem");
    expect(policy("hello").Statement).toHaveLength(2);
  });

  test("aliases: DEV on $LATEST, TEST on the published version, PROD on version 1", () => {
    const alias = (name: string) => rec.get("aws:lambda/alias:Alias", `hello-${name}`).inputs;
    expect(alias("DEV")).toEqual({
      name: "DEV",
      description: "What is being developed now",
      functionName: "microservice-gateway-dev-hello",
      functionVersion: "$LATEST",
    });
    expect(alias("TEST").functionVersion).toBe("1");
    expect(alias("PROD")).toEqual({
      name: "PROD",
      description: "Version 1, with 5% of traffic on the newest version",
      functionName: "microservice-gateway-dev-hello",
      functionVersion: "1",
    });
  });

  test("the table: on demand, encrypted, no deletion protection in dev", () => {
    expect(rec.get("aws:dynamodb/table:Table", "items-table").inputs).toEqual({
      billingMode: "PAY_PER_REQUEST",
      hashKey: "id",
      attributes: [{ name: "id", type: "S" }],
      serverSideEncryption: { enabled: true },
      pointInTimeRecovery: { enabled: false },
      deletionProtectionEnabled: false,
      tags: { project: "microservice-gateway", stack: "dev", environment: "dev", owner: "platform-team" },
    });
  });

  test("stack outputs: invoke URL per stage, table name, function and alias ARNs", async () => {
    expect(outputs.invokeUrls.dev!).toBe(`https://${apiId}.execute-api.${REGION}.amazonaws.com/dev`);
    expect(outputs.invokeUrls.test!).toBe(`https://${apiId}.execute-api.${REGION}.amazonaws.com/test`);
    expect(outputs.tableNames.items!).toMatch(/^items-table-[a-z0-9]{7}$/);
    expect(outputs.functionArns.hello!).toBe(fnArn("microservice-gateway-dev-hello"));
    expect(outputs.aliasArns.hello!.PROD!).toBe(`${fnArn("microservice-gateway-dev-hello")}:PROD`);
    // The deployed stage's document, exported by API Gateway (OpenAPI 3 with its extensions).
    expect(JSON.parse(outputs.openApiExports.test!).servers).toEqual([{ url: `https://${apiId}.execute-api.${REGION}.amazonaws.com/test` }]);
  });
});
