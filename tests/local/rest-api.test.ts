import * as fs from "fs";
import * as path from "path";
import type { FunctionInvoker } from "../../local/model";
import type { RestTwin } from "../../local/rest-api";
import { stripHeaderComment } from "../../vtl";
import { restApiFrom, serveRest } from "./rest-harness";

const RESHAPE = stripHeaderComment(fs.readFileSync(path.join(__dirname, "..", "..", "templates", "reshape-body.vtl"), "utf8"));
const FN = (name: string, qualifier = "") =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}${qualifier}/invocations`;

const api = restApiFrom(
  {
    openapi: "3.0.1",
    paths: {
      "/orders": {
        post: {
          security: [],
          "x-amazon-apigateway-integration": {
            type: "aws",
            httpMethod: "POST",
            uri: FN("reshape"),
            requestTemplates: { "application/json": RESHAPE },
            responses: {
              default: { statusCode: "201", responseTemplates: { "application/json": "{\"accepted\": $input.json('$.id')}" } },
              "Invalid.*": { statusCode: "400", responseTemplates: { "application/json": '{"error": "invalid", "message": $input.json(\'$.errorMessage\')}' } },
            },
          },
        },
      },
      "/hello": {
        get: { security: [], "x-amazon-apigateway-integration": { type: "aws_proxy", httpMethod: "POST", uri: FN("hello", ":${stageVariables.lambdaAlias}") } },
      },
      "/keyed": {
        get: { security: [{ api_key: [], custom: [] }], "x-amazon-apigateway-integration": { type: "aws_proxy", httpMethod: "POST", uri: FN("hello") } },
      },
    },
    components: {
      securitySchemes: {
        custom: {
          type: "apiKey",
          name: "Authorization",
          in: "header",
          "x-amazon-apigateway-authtype": "custom",
          "x-amazon-apigateway-authorizer": {
            type: "token",
            authorizerUri: FN("auth"),
            authorizerResultTtlInSeconds: 0,
            identitySource: "method.request.header.Authorization",
          },
        },
      },
    },
  },
  { stage: { variables: { lambdaAlias: "DEV", sourceSystem: "twin" } } },
);

describe("the twin's REST integrations and pipeline order", () => {
  const calls: { name: string; event: any; qualifier?: string }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  let twin: RestTwin;
  beforeAll(async () => {
    const invoker: FunctionInvoker = {
      async invoke(name, event, options) {
        calls.push({ name, event, ...(options?.qualifier ? { qualifier: options.qualifier } : {}) });
        if (name === "reshape") {
          const e = event as { customer: { name: string | null } };
          if (e.customer.name === null) throw Object.assign(new Error("Invalid order: no customer"), { errorType: "ValidationError" });
          if (e.customer.name === "crash") throw new Error("Cannot read properties of undefined");
          return { id: "o-1" };
        }
        if (name === "auth") throw new Error("Unauthorized");
        return { statusCode: 200, body: "hi" };
      },
      async close() {},
    };
    twin = (await serveRest(api, invoker)).twin;
  });
  afterAll(() => twin.close());

  test("a Lambda (non-proxy) integration: the request template makes the event, the default response maps the result", async () => {
    const response = await fetch(`${twin.url}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customerName: "Ada", email: "ada@example.com", street: "1 Main", city: "X", items: [{ sku: "A1", qty: 2 }] }),
    });
    expect([response.status, await response.json()]).toEqual([201, { accepted: "o-1" }]);
    const call = calls.find((c) => c.name === "reshape")!;
    expect(call.event).toMatchObject({
      customer: { name: "Ada", email: "ada@example.com" },
      shipping: { address: { street: "1 Main", city: "X" } },
      lines: [{ productId: "A1", quantity: 2 }],
      meta: { stage: "dev", source: "twin" },
    });
  });

  test("a function error is mapped by the integration response whose pattern matches its message", async () => {
    const response = await fetch(`${twin.url}/orders`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect([response.status, await response.json()]).toEqual([400, { error: "invalid", message: "Invalid order: no customer" }]);
  });

  test("an error no selection pattern matches takes the default response, as a result would (source: 'Handle Lambda errors in API Gateway': unmapped errors are returned as 200 OK)", async () => {
    const response = await fetch(`${twin.url}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customerName: "crash" }),
    });
    expect([response.status, await response.json()]).toEqual([201, { accepted: null }]);
  });

  test("a qualified Lambda proxy URI invokes the alias the stage variable names", async () => {
    await fetch(`${twin.url}/hello`);
    expect(calls.filter((c) => c.name === "hello").at(-1)).toMatchObject({ qualifier: "DEV" });
  });

  // AWS Knowledge Center, "How can I use Amazon API Gateway logs for troubleshooting?": "After the Lambda authorizer
  // logs, API Gateway verifies the usage plan for the API request" (where the API key is checked).
  test("the authorizer runs before the API key is checked (its 401, not the missing key's 403)", async () => {
    const before = calls.filter((c) => c.name === "auth").length;
    const response = await fetch(`${twin.url}/keyed`, { headers: { authorization: "Bearer x" } });
    expect(response.status).toBe(401);
    expect(calls.filter((c) => c.name === "auth").length).toBe(before + 1);
  });
});
