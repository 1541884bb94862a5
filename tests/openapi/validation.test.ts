import { compileErrors, validate } from "@readme/openapi-parser";
import { installMocks } from "../helpers/mocks";
import { parseForStack, stackFileGateway } from "../helpers/stack-config";

/** Runs a stack's program under mocks and returns the OpenAPI document it deploys. */
async function documentOf(stack: string, raw: unknown = stackFileGateway(stack)): Promise<Record<string, unknown>> {
  const rec = await installMocks({ stack });
  const { createApp } = await import("../../app");
  createApp(parseForStack(stack, raw));
  await rec.settled();
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

  test("the validator catches a broken document", async () => {
    const document = await documentOf("dev");
    const broken = { ...document, paths: { "/x": { get: { responses: "none" } } } };
    expect(await problems(broken)).not.toBe("");
  });
});
