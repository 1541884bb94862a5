import { execFileSync } from "child_process";
import * as path from "path";
import { describeIntegration, integrationObject, INTEGRATION_MODULES, readIntegration, type ResolvedBackend } from "../../components/rest-api/integrations";
import { dynamoDbActionUri, dynamoDbPolicy } from "../../components/rest-api/integrations/dynamodb";
import type { IntegrationConfig } from "../../config";
import { routeConfig } from "../helpers/route-config";

const LAMBDA_URI = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:shop-items/invocations";
const ROLE = "arn:aws:iam::123456789012:role/api";
const TEMPLATES = { "t.vtl": "T", "integration-error.vtl": "E", "sqs-send-message.vtl": "S", "sfn-start-execution.vtl": "F" };
const responses = [{ selectionPattern: "5\\d{2}", statusCode: 502, template: undefined, headers: {} }];

/** One route of every integration type, the resources it was built from, and what its object's inverse says. */
const cases: [IntegrationConfig, ResolvedBackend, string, Record<string, unknown>][] = [
  [{ type: "mock", statusCode: 200, template: "t.vtl", headers: {} }, {}, "mock", { requestTemplate: '{"statusCode": 200}' }],
  [
    {
      type: "http",
      url: "https://soap.example.com/orders",
      httpMethod: "POST",
      requestTemplate: "t.vtl",
      responseTemplate: undefined,
      requestParameters: {},
      responses,
    },
    {},
    "http",
    { uri: "https://soap.example.com/orders", httpMethod: "POST", requestTemplate: "T", timeoutMs: 29000 },
  ],
  [
    { type: "http_proxy", url: "https://partners.example.com/", httpMethod: "GET", requestParameters: {}, vpcLink: undefined },
    {},
    "http_proxy",
    { uri: "https://partners.example.com/", httpMethod: "GET" },
  ],
  [
    { type: "http_proxy", url: "http://nlb.internal/", httpMethod: "GET", requestParameters: {}, vpcLink: "private" },
    { vpcLinkId: "vl-1" },
    "vpc_link",
    { integrationType: "http_proxy", uri: "http://nlb.internal/" },
  ],
  [
    { type: "backend", backend: "web", path: "/", httpMethod: "GET", requestParameters: {} },
    { uri: "http://nlb.internal:80", vpcLinkId: "vl-1" },
    "vpc_link",
    { uri: "http://nlb.internal:80/" },
  ],
  [{ type: "lambda_proxy", function: "items", target: { kind: "unqualified" } }, { uri: LAMBDA_URI }, "lambda_proxy", { uri: LAMBDA_URI, timeoutMs: 29000 }],
  [
    { type: "lambda", function: "items", target: { kind: "unqualified" }, requestTemplate: "t.vtl", responseTemplate: undefined, responses },
    { uri: LAMBDA_URI },
    "lambda",
    { uri: LAMBDA_URI, requestTemplate: "T" },
  ],
  [
    { type: "sqs", queue: "orders", requestTemplate: "sqs-send-message.vtl" },
    { uri: "arn:aws:apigateway:eu-west-1:sqs:path/123456789012/orders-queue", credentials: ROLE },
    "sqs",
    { queue: "123456789012/orders-queue", requestTemplate: "S" },
  ],
  [
    { type: "stepfunctions", stateMachine: "checkout", requestTemplate: "sfn-start-execution.vtl" },
    {
      uri: "arn:aws:apigateway:eu-west-1:states:action/StartExecution",
      credentials: ROLE,
      stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:checkout",
    },
    "stepfunctions",
    { requestTemplate: '#set($stateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:checkout")\nF' },
  ],
  [
    { type: "dynamodb", table: "items", action: "GetItem", index: undefined, requestTemplate: "t.vtl", responseTemplate: undefined },
    { uri: "arn:aws:apigateway:eu-west-1:dynamodb:action/GetItem", credentials: ROLE, tableName: "items-table", partitionKey: "id" },
    "dynamodb",
    { action: "GetItem", requestTemplate: '#set($tableName = "items-table")\n#set($partitionKey = "id")\nT', timeoutMs: 29000 },
  ],
  [
    { type: "s3", bucket: "docs", objectKey: undefined },
    { uri: "arn:aws:apigateway:eu-west-1:s3:path/docs-bucket/{key}", credentials: ROLE },
    "s3",
    { bucket: "docs-bucket", key: "{key}" },
  ],
];

describe("each integration module recognises exactly the objects it builds (the inverse of its builder)", () => {
  test.each(cases)("%j", (integration, backend, type, fields) => {
    const object = integrationObject(routeConfig("GET", "/x", { integration }), backend, TEMPLATES);
    const described = describeIntegration(JSON.parse(JSON.stringify(object)));
    expect(described).toMatchObject({ type, ...fields });
    const recognising = Object.entries(INTEGRATION_MODULES)
      .filter(([, m]) => m.describe(readIntegration(object)) !== undefined)
      .map(([t]) => t);
    expect(recognising).toHaveLength(1);
  });

  test("every type of the config union has a case here", () => {
    expect(new Set(cases.map(([i]) => i.type))).toEqual(new Set(Object.keys(INTEGRATION_MODULES)));
  });

  test("an integration no module built is unsupported, with its type and URI", () => {
    expect(describeIntegration({ type: "AWS", httpMethod: "POST", uri: "arn:aws:apigateway:eu-west-1:kinesis:action/PutRecord" })).toEqual({
      type: "unsupported",
      integrationType: "aws",
      uri: "arn:aws:apigateway:eu-west-1:kinesis:action/PutRecord",
    });
  });
});

test("the twin's integration modules load without @pulumi", () => {
  const root = path.join(__dirname, "..", "..");
  const script = `require("./local/rest/capture"); require("./local/rest/integrations"); console.log(Object.keys(require.cache).filter((f) => f.includes("@pulumi")).length)`;
  expect(execFileSync(process.execPath, ["-r", "./scripts/register-typescript.cjs", "-e", script], { cwd: root, encoding: "utf8" }).trim()).toBe("0");
});

describe("a DynamoDB route's role", () => {
  const TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/rooms";
  test("GetItem: that action on the table alone", () => {
    expect(dynamoDbPolicy("GetItem", TABLE, undefined)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: [TABLE] }],
    });
  });
  test("a Query of an index: Query on the table and on that index (its ARN is the table's + /index/<name>)", () => {
    expect(dynamoDbPolicy("Query", TABLE, "owner-index")).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["dynamodb:Query"], Resource: [TABLE, `${TABLE}/index/owner-index`] }],
    });
  });
  test("the action's URI in the table's partition and region", () => {
    expect(dynamoDbActionUri("aws-cn", "cn-north-1", "PutItem")).toBe("arn:aws-cn:apigateway:cn-north-1:dynamodb:action/PutItem");
  });
});
