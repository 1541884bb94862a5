import * as fs from "fs";
import * as path from "path";
import { render, stripHeaderComment } from "../../vtl";
import { capturedStack, type CapturedStack } from "../helpers/captured-stack";
import { stableId } from "../helpers/mocks";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
type Op = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const template = (file: string) => stripHeaderComment(fs.readFileSync(path.join(__dirname, "..", "..", "templates", file), "utf8"));
/** integration-error.vtl is told the status it answers. */
const errorTemplate = (status: number) => `#set($statusCode = ${status})\n${template("integration-error.vtl")}`;
/**
 * The CORS headers of a stack's api.cors (one origin, ETag exposed) on every non-proxy integration
 * response (AWS, "CORS for REST APIs in API Gateway": non-proxy integrations set them in their responses).
 */
const corsParameters = (origin: string) => ({
  "method.response.header.Access-Control-Allow-Origin": `'${origin}'`,
  "method.response.header.Vary": "'Origin'",
  "method.response.header.Access-Control-Expose-Headers": "'ETag'",
});
const CORS = corsParameters("https://app.example.com");
const corsHeaders = {
  "Access-Control-Allow-Origin": { schema: { type: "string" } },
  "Access-Control-Expose-Headers": { schema: { type: "string" } },
  Vary: { schema: { type: "string" } },
};

describe("the integration catalog in the prod stack", () => {
  let rec: CapturedStack;
  let paths: Record<string, Record<string, Op>>;
  beforeAll(async () => {
    rec = await capturedStack("prod");
    paths = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string).paths;
  });
  const integration = (p: string, m: string) => paths[p]![m]!["x-amazon-apigateway-integration"];

  /** Pulumi names the queue and the state machine; the mocks do it as `<resource name>-<7 characters>`. */
  const autoName = (resource: string) => `${resource}-${stableId(resource, 7)}`;
  const queueName = () => autoName("queue-orders-queue");
  const roleArn = (name: string) => expect.stringMatching(new RegExp(`^arn:aws:iam::${ACCOUNT}:role/${name}-`));

  test("SQS: SendMessage to the queue, under a role allowed only that, answering 202 with the message id", () => {
    const queueArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:${queueName()}`;
    expect(integration("/orders", "post")).toEqual({
      type: "aws",
      httpMethod: "POST",
      uri: `arn:aws:apigateway:${REGION}:sqs:path/${ACCOUNT}/${queueName()}`,
      credentials: roleArn("queue-orders-apigateway-role"),
      passthroughBehavior: "never",
      timeoutInMillis: 29000,
      requestParameters: { "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'" },
      requestTemplates: { "application/json": template("sqs-send-message.vtl") },
      responses: {
        default: {
          statusCode: "202",
          responseTemplates: {
            "application/json": `{"messageId": "$input.path('$.SendMessageResponse.SendMessageResult.MessageId')", "requestId": "$context.requestId"}`,
          },
          responseParameters: CORS,
        },
        "4\\d{2}": { statusCode: "400", responseTemplates: { "application/json": errorTemplate(400) }, responseParameters: CORS },
        "5\\d{2}": { statusCode: "502", responseTemplates: { "application/json": errorTemplate(502) }, responseParameters: CORS },
      },
    });
    expect(paths["/orders"]!.post!.responses).toEqual({
      "202": { description: "HTTP 202", headers: corsHeaders },
      "400": { description: "HTTP 400", headers: corsHeaders },
      "502": { description: "HTTP 502", headers: corsHeaders },
    });
    const role = rec.get("aws:iam/role:Role", "queue-orders-apigateway-role").inputs;
    expect(JSON.parse((role.inlinePolicies as { policy: string }[])[0]!.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: queueArn }],
    });
    expect(JSON.parse(role.assumeRolePolicy as string).Statement[0].Principal).toEqual({ Service: "apigateway.amazonaws.com" });
  });

  test("DynamoDB: GetItem on the items table called by API Gateway itself, under a role allowed only that", () => {
    // AWS, "Tutorial: Create a REST API as an Amazon DynamoDB proxy": an AWS integration, POST to
    // arn:aws:apigateway:<region>:dynamodb:action/<Action>, with an execution role for API Gateway.
    const tableName = autoName("items-table");
    expect(integration("/items-direct/{id}", "get")).toEqual({
      type: "aws",
      httpMethod: "POST",
      uri: `arn:aws:apigateway:${REGION}:dynamodb:action/GetItem`,
      credentials: roleArn("api-dynamodb-items-getitem"),
      passthroughBehavior: "never",
      timeoutInMillis: 29000,
      requestTemplates: { "application/json": `#set($tableName = "${tableName}")\n#set($partitionKey = "id")\n${template("dynamodb-get-item.vtl")}` },
      responses: {
        default: { statusCode: "200", responseTemplates: { "application/json": template("dynamodb-item-response.vtl") }, responseParameters: CORS },
        "4\\d{2}": { statusCode: "400", responseTemplates: { "application/json": errorTemplate(400) }, responseParameters: CORS },
        "5\\d{2}": { statusCode: "502", responseTemplates: { "application/json": errorTemplate(502) }, responseParameters: CORS },
      },
      cacheKeyParameters: ["method.request.path.id"],
    });
    const role = rec.get("aws:iam/role:Role", "api-dynamodb-items-getitem");
    expect(rec.parentOf(role)?.type).toBe("gateway:rest-api:RestApi");
    expect(JSON.parse((role.inputs.inlinePolicies as { policy: string }[])[0]!.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: [`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${tableName}`] }],
    });
    expect(JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0].Principal).toEqual({ Service: "apigateway.amazonaws.com" });
  });

  test("the SQS template in the document renders the form body SQS expects", () => {
    const tpl = integration("/orders", "post").requestTemplates["application/json"];
    expect(render(tpl, { body: '{"sku":"A&B 1"}', context: { requestId: "r-1" } })).toBe(
      "Action=SendMessage&MessageBody=%7B%22sku%22%3A%22A%26B+1%22%7D&MessageAttribute.1.Name=requestId&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=r-1",
    );
  });

  test("the queue: encrypted, with a dead-letter queue after 5 receives", () => {
    const queue = rec.get("aws:sqs/queue:Queue", "queue-orders-queue").inputs;
    expect(queue).toMatchObject({ sqsManagedSseEnabled: true, visibilityTimeoutSeconds: 30, messageRetentionSeconds: 345600 });
    expect(JSON.parse(queue.redrivePolicy as string)).toEqual({
      deadLetterTargetArn: expect.stringMatching(new RegExp(`^arn:aws:sqs:${REGION}:${ACCOUNT}:queue-orders-dlq-`)),
      maxReceiveCount: 5,
    });
  });

  test("Step Functions: StartExecution of the state machine the template names, under a role allowed only that", () => {
    const machine = rec.get("aws:sfn/stateMachine:StateMachine", "sfn-checkout-state-machine");
    const arn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${autoName("sfn-checkout-state-machine")}`;
    const i = integration("/checkout", "post");
    expect(i).toMatchObject({
      type: "aws",
      httpMethod: "POST",
      uri: `arn:aws:apigateway:${REGION}:states:action/StartExecution`,
      passthroughBehavior: "never",
    });
    expect(i.credentials).toEqual(roleArn("sfn-checkout-apigateway-role"));
    const tpl = i.requestTemplates["application/json"] as string;
    expect(tpl.startsWith(`#set($stateMachineArn = "${arn}")\n`)).toBe(true);
    expect(JSON.parse(render(tpl, { body: `{"orderId":"o-1","note":"it's"}`, context: { requestId: "r-2" } }))).toEqual({
      stateMachineArn: arn,
      name: "r-2",
      input: `{"orderId":"o-1","note":"it's"}`,
    });
    const role = rec.get("aws:iam/role:Role", "sfn-checkout-apigateway-role").inputs;
    expect(JSON.parse((role.inlinePolicies as { policy: string }[])[0]!.policy).Statement).toEqual([
      { Effect: "Allow", Action: ["states:StartExecution"], Resource: arn },
    ]);
    expect(machine.inputs).toMatchObject({
      type: "STANDARD",
      tracingConfiguration: { enabled: true },
      loggingConfiguration: { level: "ERROR", includeExecutionData: false },
    });
    expect(JSON.parse(machine.inputs.definition as string).StartAt).toBe("Validate");
  });

  test("mock: API Gateway answers itself, with the header the method declares", () => {
    expect(integration("/examples/items/{id}", "get")).toEqual({
      type: "mock",
      passthroughBehavior: "when_no_match",
      requestTemplates: { "application/json": '{"statusCode": 200}' },
      responses: {
        default: {
          statusCode: "200",
          responseTemplates: { "application/json": template("mock-response.vtl") },
          responseParameters: { "method.response.header.X-Mock": "'true'", ...CORS },
        },
      },
      cacheKeyParameters: ["method.request.path.id"],
    });
    expect(paths["/examples/items/{id}"]!.get!.responses).toEqual({
      "200": { description: "HTTP 200", headers: { "X-Mock": { schema: { type: "string" } }, ...corsHeaders } },
    });
  });

  test("http: the SOAP backend each stage names, reached through templates both ways, its 5XX mapped to 502", () => {
    expect(integration("/legacy/quotes", "post")).toEqual({
      type: "http",
      httpMethod: "POST",
      uri: "https://${stageVariables.legacyHost}/soap/quotes",
      passthroughBehavior: "when_no_templates",
      timeoutInMillis: 10000,
      requestParameters: { "integration.request.header.Content-Type": "'text/xml; charset=utf-8'" },
      requestTemplates: { "application/json": template("json-to-soap-request.vtl") },
      responses: {
        default: { statusCode: "200", responseTemplates: { "application/json": template("soap-to-json-response.vtl") }, responseParameters: CORS },
        "5\\d{2}": { statusCode: "502", responseTemplates: { "application/json": errorTemplate(502) }, responseParameters: CORS },
      },
    });
  });

  test("http_proxy: everything under /partners passed through, the greedy path mapped, a header added", () => {
    expect(integration("/partners/{proxy+}", "x-amazon-apigateway-any-method")).toEqual({
      type: "http_proxy",
      httpMethod: "ANY",
      uri: "https://${stageVariables.partnerHost}/{proxy}",
      passthroughBehavior: "when_no_match",
      timeoutInMillis: 29000,
      requestParameters: {
        "integration.request.path.proxy": "method.request.path.proxy",
        "integration.request.header.X-Forwarded-By": "'microservice-gateway'",
      },
    });
  });

  test("the search route renames its query for the backend and caches by it", () => {
    const i = integration("/search", "get");
    expect(i.requestTemplates["application/json"]).toBe(template("rename-query-parameters.vtl"));
    expect(i.cacheKeyParameters).toEqual(["method.request.querystring.q", "method.request.querystring.p", "method.request.querystring.size"]);
    expect(JSON.parse(render(i.requestTemplates["application/json"], { queryString: { q: "red shoes", p: "2" } }))).toEqual({
      search: "red shoes",
      page: 2,
      pageSize: 20,
    });
  });
});

describe("S3: the documentation pages, from a private bucket", () => {
  let rec: CapturedStack;
  let paths: Record<string, Record<string, Op>>;
  beforeAll(async () => {
    rec = await capturedStack("dev");
    paths = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string).paths;
  });
  const bucketName = `bucket-docs-bucket-${stableId("bucket-docs-bucket", 7)}`;

  test("GetObject of the key the path names, under a role allowed only that; content type passed through", () => {
    const i = paths["/docs/{key+}"]!.get!["x-amazon-apigateway-integration"];
    expect(i).toMatchObject({
      type: "aws",
      httpMethod: "GET",
      uri: `arn:aws:apigateway:${REGION}:s3:path/${bucketName}/{key}`,
      passthroughBehavior: "when_no_match",
      requestParameters: { "integration.request.path.key": "method.request.path.key" },
    });
    expect(i.responses.default).toEqual({
      statusCode: "200",
      responseParameters: {
        "method.response.header.Content-Type": "integration.response.header.Content-Type",
        "method.response.header.ETag": "integration.response.header.ETag",
        ...corsParameters("http://localhost:3000"),
      },
    });
    expect(i.responses["40[34]"]).toEqual({
      statusCode: "404",
      responseTemplates: { "application/json": errorTemplate(404) },
      responseParameters: corsParameters("http://localhost:3000"),
    });
    expect(paths["/docs"]!.get!["x-amazon-apigateway-integration"].uri).toBe(`arn:aws:apigateway:${REGION}:s3:path/${bucketName}/index.html`);
    const role = rec.get("aws:iam/role:Role", "bucket-docs-apigateway-role").inputs;
    expect(JSON.parse((role.inlinePolicies as { policy: string }[])[0]!.policy).Statement).toEqual([
      { Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::${bucketName}/*` },
    ]);
  });

  test("the bucket: no public access, owner-enforced, encrypted, versioned; filled from docs-site/", () => {
    expect(rec.get("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "bucket-docs-public-access").inputs).toEqual({
      bucket: bucketName,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(rec.get("aws:s3/bucketVersioning:BucketVersioning", "bucket-docs-versioning").inputs.versioningConfiguration).toEqual({ status: "Enabled" });
    expect(rec.get("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "bucket-docs-encryption").inputs.rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true },
    ]);
    const objects = rec.ofType("aws:s3/bucketObjectv2:BucketObjectv2").map((o) => [o.inputs.key, o.inputs.contentType]);
    expect(objects.sort()).toEqual([
      ["index.html", "text/html; charset=utf-8"],
      ["style.css", "text/css; charset=utf-8"],
    ]);
    expect(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.binaryMediaTypes).toEqual([
      "image/png",
      "image/jpeg",
      "image/gif",
      "application/pdf",
      "font/woff2",
      "application/octet-stream",
    ]);
  });
});

describe("a Lambda integration without proxy", () => {
  test("maps the event and the answer with templates, and the function's errors to statuses", async () => {
    const { integrationObject } = await import("../../components/rest-api/integrations");
    const route = {
      method: "POST",
      path: "/quotes",
      integration: {
        type: "lambda",
        function: "hello",
        target: { kind: "alias", alias: "PROD" },
        requestTemplate: "reshape-body.vtl",
        responseTemplate: undefined,
        responses: [{ selectionPattern: ".*NotFound.*", statusCode: 404, template: undefined, headers: {} }],
      },
      timeoutMs: 5000,
    } as unknown as Parameters<typeof integrationObject>[0];
    expect(integrationObject(route, { uri: "invoke-uri" }, { "reshape-body.vtl": "TEMPLATE" })).toEqual({
      type: "aws",
      httpMethod: "POST",
      uri: "invoke-uri",
      passthroughBehavior: "when_no_templates",
      timeoutInMillis: 5000,
      requestTemplates: { "application/json": "TEMPLATE" },
      responses: { default: { statusCode: "200" }, ".*NotFound.*": { statusCode: "404" } },
    });
  });
});
