import { compileErrors, validate } from "@readme/openapi-parser";
import * as fs from "fs";
import * as path from "path";
import { capturedStack } from "../helpers/captured-stack";
import { installMocks } from "../helpers/mocks";
import { stackFileGateway } from "../helpers/stack-config";

/** The OpenAPI document a shipped stack deploys. */
async function documentOf(stack: string): Promise<Record<string, unknown>> {
  const rec = await capturedStack(stack);
  return JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string);
}

/**
 * A real OpenAPI validator: the schema of the OpenAPI 3.0 specification, and its references. API
 * Gateway's greedy path parameter (`/docs/{key+}`, declared as parameter `key`) is its own extension
 * of the path syntax, which plain validators reject; it is checked here as the `{key}` it stands for.
 */
async function problems(document: Record<string, unknown>): Promise<string> {
  const copy = structuredClone(document) as { paths: Record<string, unknown> };
  copy.paths = Object.fromEntries(Object.entries(copy.paths).map(([p, item]) => [p.replace(/\{([^}]+)\+\}/g, "{$1}"), item]));
  const result = await validate(copy as unknown as Parameters<typeof validate>[0]);
  return result.valid ? "" : compileErrors(result);
}

describe("every generated document is valid OpenAPI 3.0", () => {
  test.each(["dev", "prod"])("the shipped %s stack", async (stack) => {
    const document = await documentOf(stack);
    expect(document.openapi).toBe("3.0.1");
    expect(await problems(document)).toBe("");
  });

  test("the edge example (examples/Pulumi.edge.yaml), which imports openapi/pets.yaml", async () => {
    const rec = await capturedStack("edge", "examples/Pulumi.edge.yaml");
    const document = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string) as Record<string, unknown>;
    expect(Object.keys(document.paths as object)).toEqual(expect.arrayContaining(["/pets", "/pets/{petId}", "/hello"]));
    expect(await problems(document)).toBe("");
  });

  test("a stack merging the imported fixture, and one using every integration option", async () => {
    const raw = stackFileGateway("dev") as { api?: Record<string, unknown>; routes: unknown[] };
    raw.api = { ...raw.api, openApiFile: "openapi/pets.yaml" };
    raw.routes.push({
      method: "GET",
      path: "/catalog/{category}",
      authorization: "none",
      validation: { queryStrings: ["page"], headers: ["X-Tenant"] },
      cache: { keyParameters: ["querystring.page", "header.X-Tenant"] },
      integration: {
        type: "http",
        url: "https://${stageVariables.searchHost}/v1/categories/{category}",
        requestParameters: { "integration.request.querystring.pageNumber": "method.request.querystring.page" },
        responses: [
          { selectionPattern: "404", statusCode: 404, template: "integration-error.vtl", headers: { "X-Backend": "integration.response.header.Server" } },
        ],
      },
    });
    const { readOpenApiText } = await import("../../config/openapi-import");
    const pets = fs.readFileSync(path.join(__dirname, "..", "fixtures", "openapi", "pets.yaml"), "utf8");
    const rec = await installMocks({ stack: "dev" });
    const { createApp } = await import("../../app");
    const { parseStackConfig } = await import("../../config");
    createApp(parseStackConfig({ project: "microservice-gateway", stack: "dev" }, raw, { readOpenApi: (f) => readOpenApiText(f, pets) }));
    await rec.settled();
    const document = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string);
    expect(Object.keys(document.paths)).toContain("/pets");
    const string = { schema: { type: "string" } };
    // The route inherits the dev stack's api.cors: its responses declare the CORS headers they set.
    expect(document.paths["/catalog/{category}"].get.responses["404"]).toEqual({
      description: "HTTP 404",
      headers: { "Access-Control-Allow-Origin": string, "Access-Control-Expose-Headers": string, Vary: string, "X-Backend": string },
    });
    expect(Object.keys(document.paths["/catalog/{category}"])).toEqual(["get", "options"]);
    expect(document.paths["/catalog/{category}"].get["x-amazon-apigateway-integration"].requestParameters).toEqual({
      "integration.request.path.category": "method.request.path.category",
      "integration.request.querystring.pageNumber": "method.request.querystring.page",
    });
    expect(await problems(document)).toBe("");
  });

  test("the validator catches a broken document", async () => {
    const document = await documentOf("dev");
    const broken = { ...document, paths: { "/x": { get: { responses: "none" } } } };
    expect(await problems(broken)).not.toBe("");
  });
});
