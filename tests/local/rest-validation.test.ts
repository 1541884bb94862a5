import Ajv from "ajv-draft-04";
import {
  componentSchemas,
  mergeParameters,
  REQUEST_VALIDATOR_EXTENSION,
  REQUEST_VALIDATORS,
  REQUEST_VALIDATORS_EXTENSION,
  requestValidation,
  type RequestValidationInput,
} from "../../components/rest-api/models";
import { bodySchemaOf, mediaTypeOf, requestValidatorOf, validateRequest, type RequestToValidate } from "../../local/rest-validation";

/** An operation as openapi.ts writes it for a route's validation settings. */
function operationFor(input: RequestValidationInput, pathParameters: string[] = []): Record<string, unknown> {
  const v = requestValidation(input);
  const path = pathParameters.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  return {
    ...(v.requestBody ? { requestBody: v.requestBody } : {}),
    parameters: mergeParameters(path, v.parameters),
    ...(v.validator ? { [REQUEST_VALIDATOR_EXTENSION]: v.validator } : {}),
  };
}

const CREATE = operationFor({ bodyModel: "ItemCreate" });
const PATCH = operationFor({ bodyModel: "ItemPatch", mediaTypes: ["application/json", "application/merge-patch+json"], requiredHeaders: ["If-Match"] }, ["id"]);
const SEARCH = operationFor({ requiredQueryStrings: ["q", "page"], requiredHeaders: ["X-Tenant"] });
const UNVALIDATED = { requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/ItemCreate" } } }, required: true } };

function documentWith(paths: Record<string, Record<string, unknown>>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: "3.0.1",
    [REQUEST_VALIDATORS_EXTENSION]: REQUEST_VALIDATORS,
    components: { schemas: componentSchemas(["ItemCreate", "ItemPatch"]) },
    paths,
    ...extra,
  };
}

const DOCUMENT = documentWith({ "/items": { post: CREATE, put: UNVALIDATED }, "/items/{id}": { patch: PATCH }, "/search": { get: SEARCH } });

const request = (overrides: Partial<RequestToValidate> = {}): RequestToValidate => ({
  headers: {},
  query: {},
  contentType: "application/json",
  body: "",
  ...overrides,
});

const BAD_BODY = (detail: string) => ({ type: "BAD_REQUEST_BODY", message: "Invalid request body", detail });

describe("request validation, as API Gateway's request validators apply it", () => {
  test("which validator applies: the operation's, else the document's default; an undeclared name validates nothing", () => {
    expect(requestValidatorOf(DOCUMENT, CREATE)).toEqual({ validateRequestBody: true, validateRequestParameters: false });
    expect(requestValidatorOf(DOCUMENT, SEARCH)).toEqual({ validateRequestBody: false, validateRequestParameters: true });
    expect(requestValidatorOf(DOCUMENT, UNVALIDATED)).toBeUndefined();
    const withDefault = { ...DOCUMENT, [REQUEST_VALIDATOR_EXTENSION]: "all" };
    expect(requestValidatorOf(withDefault, UNVALIDATED)).toEqual({ validateRequestBody: true, validateRequestParameters: true });
    expect(requestValidatorOf(withDefault, CREATE)).toEqual({ validateRequestBody: true, validateRequestParameters: false });
    expect(requestValidatorOf(DOCUMENT, { [REQUEST_VALIDATOR_EXTENSION]: "strict" })).toBeUndefined();
  });

  test("an operation without a validator lets anything through", () => {
    expect(validateRequest(DOCUMENT, UNVALIDATED, request({ body: "not json" }))).toBeUndefined();
  });

  test("a valid body passes", () => {
    expect(validateRequest(DOCUMENT, CREATE, request({ body: '{"name":"Widget","price":3.5,"tags":["a","b"]}' }))).toBeUndefined();
  });

  test("an invalid body: Invalid request body, every schema error in detail", () => {
    const body = JSON.stringify({ name: "   ", price: -1, tags: ["a", "a"], id: "x" });
    expect(validateRequest(DOCUMENT, CREATE, request({ body }))).toEqual(
      BAD_BODY(
        "body must NOT have additional properties (id); body/name must match the model's pattern; body/price must be >= 0; " +
          "body/tags must NOT have duplicate items (items ## 1 and 0 are identical)",
      ),
    );
  });

  test("a body that is not JSON fails the JSON model", () => {
    expect(validateRequest(DOCUMENT, CREATE, request({ body: "name=Widget" }))).toEqual(BAD_BODY("body is not valid JSON"));
  });

  test("an empty body is validated as {}", () => {
    expect(validateRequest(DOCUMENT, CREATE, request({ body: "" }))).toEqual(BAD_BODY("body must have required property 'name'"));
    expect(validateRequest(DOCUMENT, PATCH, request({ headers: { "If-Match": "1" }, body: " \n" }))).toEqual(
      BAD_BODY("body must NOT have fewer than 1 properties"),
    );
  });

  test("the model is the one of the request's media type; none for other types; application/json without a Content-Type", () => {
    const bad = '{"name":""}';
    expect(validateRequest(DOCUMENT, CREATE, request({ contentType: "Application/JSON; charset=utf-8", body: bad }))).toEqual(
      BAD_BODY("body/name must NOT have fewer than 1 characters; body/name must match the model's pattern"),
    );
    expect(validateRequest(DOCUMENT, CREATE, request({ contentType: undefined, body: bad }))).toEqual(
      BAD_BODY("body/name must NOT have fewer than 1 characters; body/name must match the model's pattern"),
    );
    expect(validateRequest(DOCUMENT, CREATE, request({ contentType: "text/plain", body: "not json" }))).toBeUndefined();
    expect(
      validateRequest(DOCUMENT, PATCH, request({ headers: { "if-match": "1" }, contentType: "application/merge-patch+json", body: '{"price":"3"}' })),
    ).toBeUndefined();
    expect(
      validateRequest(DOCUMENT, PATCH, request({ headers: { "if-match": "1" }, contentType: "application/merge-patch+json", body: '{"price":-3}' })),
    ).toEqual(BAD_BODY("body/price must be >= 0"));
    expect(mediaTypeOf(undefined)).toBe("application/json");
    expect(mediaTypeOf("  ")).toBe("application/json");
    expect(bodySchemaOf(DOCUMENT, PATCH, "application/merge-patch+json")).toEqual({ $ref: "#/components/schemas/ItemPatch" });
  });

  test("ItemPatch's nullable fields accept null; name may not be null", () => {
    const patch = (body: string) => validateRequest(DOCUMENT, PATCH, request({ headers: { "If-Match": "1" }, body }));
    expect(patch('{"description":null,"price":null,"tags":null}')).toBeUndefined();
    expect(patch('{"name":null}')).toEqual(BAD_BODY("body/name must be string"));
  });

  test("missing or blank required query strings and headers (any case): one 400 naming them, headers first", () => {
    expect(validateRequest(DOCUMENT, SEARCH, request({ query: { q: "lamp", page: "1" }, headers: { "x-tenant": "t1" } }))).toBeUndefined();
    expect(validateRequest(DOCUMENT, SEARCH, request({ query: { q: "lamp" } }))).toEqual({
      type: "BAD_REQUEST_PARAMETERS",
      message: "Missing required request parameters: [X-Tenant, page]",
    });
    expect(validateRequest(DOCUMENT, SEARCH, request({ query: { q: " ", page: "2", Q: "x" }, headers: { "X-TENANT": "" } }))).toEqual({
      type: "BAD_REQUEST_PARAMETERS",
      message: "Missing required request parameters: [X-Tenant, q]",
    });
  });

  test("required path parameters are checked when the route's are given", () => {
    expect(validateRequest(DOCUMENT, PATCH, request({ headers: { "If-Match": "1" }, body: '{"name":"a"}', pathParameters: { id: "" } }))).toEqual({
      type: "BAD_REQUEST_PARAMETERS",
      message: "Missing required request parameters: [id]",
    });
  });

  test('"all": parameters are checked before the body', () => {
    expect(validateRequest(DOCUMENT, PATCH, request({ body: "not json" }))).toEqual({
      type: "BAD_REQUEST_PARAMETERS",
      message: "Missing required request parameters: [If-Match]",
    });
    expect(validateRequest(DOCUMENT, PATCH, request({ headers: { "If-Match": "1" }, body: "not json" }))).toEqual(BAD_BODY("body is not valid JSON"));
  });

  test("parameters and request bodies by $ref, inline schemas and a $default model", () => {
    const document = documentWith(
      {
        "/things": {
          post: {
            [REQUEST_VALIDATOR_EXTENSION]: "all",
            parameters: [{ $ref: "#/components/parameters/Tenant" }],
            requestBody: { $ref: "#/components/requestBodies/Thing" },
          },
        },
      },
      {
        components: {
          schemas: { Name: { type: "string", minLength: 2 } },
          parameters: { Tenant: { name: "tenant", in: "query", required: true, schema: { type: "string" } } },
          requestBodies: {
            Thing: { content: { $default: { schema: { type: "object", required: ["name"], properties: { name: { $ref: "#/components/schemas/Name" } } } } } },
          },
        },
      },
    );
    const operation = (document.paths as Record<string, Record<string, Record<string, unknown>>>)["/things"]!.post!;
    expect(validateRequest(document, operation, request({ body: "{}" }))).toEqual({
      type: "BAD_REQUEST_PARAMETERS",
      message: "Missing required request parameters: [tenant]",
    });
    expect(validateRequest(document, operation, request({ query: { tenant: "t" }, contentType: "text/plain", body: '{"name":"x"}' }))).toEqual(
      BAD_BODY("body/name must NOT have fewer than 2 characters"),
    );
    expect(validateRequest(document, operation, request({ query: { tenant: "t" }, body: '{"name":"xy"}' }))).toBeUndefined();
  });

  test("schemas are compiled once per document", () => {
    const compile = jest.spyOn(Ajv.prototype, "compile");
    try {
      const document = structuredClone(DOCUMENT);
      const create = (document.paths as Record<string, Record<string, Record<string, unknown>>>)["/items"]!.post!;
      for (let i = 0; i < 3; i++) validateRequest(document, create, request({ body: '{"name":"a"}' }));
      expect(compile).toHaveBeenCalledTimes(1);
      validateRequest(structuredClone(document), create, request({ body: '{"name":"a"}' }));
      expect(compile).toHaveBeenCalledTimes(2);
    } finally {
      compile.mockRestore();
    }
  });
});
