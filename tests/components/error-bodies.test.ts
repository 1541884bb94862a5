import { renderGatewayResponse, renderWithOverrides, type TemplateContext, type TemplateRequest } from "../../vtl";
import { capturedStack } from "../helpers/captured-stack";

// Every error a client of a shipped stack can get from API Gateway itself is a JSON body: the
// integration responses' templates (rendered by Velocity over the backend's answer) and the gateway
// responses' templates (AWS: "not processed by the Velocity Template Language engine", only $context
// and $stageVariables substituted). AWS, "$context Variables for data models, authorizers, mapping
// templates, and CloudWatch access logging": $context.error.* is for gateway responses and access logs.

type Responses = Record<string, { statusCode: string; responseTemplates?: Record<string, string> }>;
interface Operation {
  readonly "x-amazon-apigateway-integration": { readonly type: string; readonly uri?: string; readonly responses?: Responses };
}
interface Document {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly "x-amazon-apigateway-gateway-responses": Record<string, { responseTemplates: Record<string, string> }>;
}

/** What backends answer on errors, as the services write them. */
const ERROR_BODIES: Record<string, string> = {
  "S3 AccessDenied (XML)":
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R</RequestId></Error>',
  "SQS error (XML)":
    "<ErrorResponse><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does not exist.</Message></Error></ErrorResponse>",
  "Step Functions error (JSON)": '{"__type":"com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists","message":"Execution \\"x\\" already exists"}',
  "HTML from a proxy": "<html><body>502 Bad Gateway</body></html>",
  "Lambda error (JSON)": '{"errorMessage":"Invalid order: items must list at least one line","errorType":"InvalidOrder","stackTrace":["at previewOrder"]}',
  empty: "",
};

const CONTEXTS: Record<string, TemplateContext> = {
  full: { requestId: "c0ffee-1", stage: "prod", httpMethod: "POST", resourcePath: "/orders" },
  "no request id": { stage: "prod" },
};

async function documents(stack: string): Promise<Record<string, Document>> {
  const rec = await capturedStack(stack);
  return Object.fromEntries(rec.ofType("aws:apigateway/restApi:RestApi").map((api) => [api.name, JSON.parse(api.inputs.body as string) as Document]));
}

/** Each error response of each operation: the pattern, the status it answers, and its JSON template. */
function errorResponses(document: Document): { label: string; template: string }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, op]) =>
      Object.entries(op["x-amazon-apigateway-integration"].responses ?? {})
        .filter(([, r]) => Number(r.statusCode) >= 400 && r.responseTemplates?.["application/json"] !== undefined)
        .map(([pattern, r]) => ({
          label: `${method.toUpperCase()} ${path} ${pattern} -> ${r.statusCode}`,
          template: r.responseTemplates!["application/json"]!,
        })),
    ),
  );
}

describe.each(["dev", "prod"])("every error body of the %s stack is JSON", (stack) => {
  let docs: Record<string, Document>;
  beforeAll(async () => {
    docs = await documents(stack);
  });

  test("integration error responses, over every backend error body and context, parse as JSON with error, message and requestId", () => {
    const rendered = Object.values(docs).flatMap((doc) =>
      errorResponses(doc).flatMap(({ label, template }) =>
        Object.entries(ERROR_BODIES).flatMap(([bodyName, body]) =>
          Object.entries(CONTEXTS).map(([contextName, context]) => {
            const request: TemplateRequest = { body, context, stageVariables: {} };
            const output = renderWithOverrides(template, request).output;
            let parsed: unknown;
            try {
              parsed = JSON.parse(output);
            } catch {
              parsed = `not JSON: ${output}`;
            }
            return [`${label} | ${bodyName} | ${contextName}`, parsed];
          }),
        ),
      ),
    );
    expect(rendered.length).toBeGreaterThan(0);
    for (const [label, parsed] of rendered) {
      expect([label, parsed]).toEqual([label, { error: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String), requestId: expect.any(String) }]);
    }
  });

  test("no integration response reads $context.error (it is empty outside gateway responses)", () => {
    for (const doc of Object.values(docs))
      for (const { label, template } of errorResponses(doc)) expect([label, template.includes("$context.error")]).toEqual([label, false]);
  });

  test("gateway responses, for every type and message (quotes, newlines, none), parse as JSON", () => {
    const messages = ["Forbidden", 'Invalid request body: "name" is required', "line 1\nline 2", ""];
    for (const doc of Object.values(docs)) {
      for (const [type, response] of Object.entries(doc["x-amazon-apigateway-gateway-responses"])) {
        for (const message of messages) {
          for (const [contextName, context] of Object.entries(CONTEXTS)) {
            const output = renderGatewayResponse(response.responseTemplates["application/json"]!, {
              context: { ...context, error: { message, responseType: type } },
            });
            const label = `${type} | ${JSON.stringify(message)} | ${contextName}`;
            expect([label, JSON.parse(output)]).toEqual([label, { error: expect.any(String), message, requestId: context.requestId ?? "" }]);
          }
        }
      }
    }
  });
});
