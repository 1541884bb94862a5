import {
  REQUEST_VALIDATOR_EXTENSION,
  REQUEST_VALIDATOR_NAMES,
  REQUEST_VALIDATORS,
  REQUEST_VALIDATORS_EXTENSION,
  isRequestModelName,
  mergeParameters,
  requestValidation,
} from "../../components/rest-api/models";

describe("REQUEST_VALIDATORS", () => {
  it("is the x-amazon-apigateway-request-validators value: all, params-only, body-only", () => {
    expect(REQUEST_VALIDATORS_EXTENSION).toBe("x-amazon-apigateway-request-validators");
    expect(REQUEST_VALIDATOR_EXTENSION).toBe("x-amazon-apigateway-request-validator");
    expect(REQUEST_VALIDATORS).toStrictEqual({
      all: { validateRequestBody: true, validateRequestParameters: true },
      "params-only": { validateRequestBody: false, validateRequestParameters: true },
      "body-only": { validateRequestBody: true, validateRequestParameters: false },
    });
    expect(Object.keys(REQUEST_VALIDATORS)).toEqual([...REQUEST_VALIDATOR_NAMES]);
  });
});

describe("requestValidation", () => {
  it("body only", () => {
    expect(requestValidation({ bodyModel: "ItemCreate" })).toStrictEqual({
      requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/ItemCreate" } } }, required: true },
      parameters: [],
      validator: "body-only",
    });
  });

  it("params only", () => {
    expect(requestValidation({ requiredQueryStrings: ["q"], requiredHeaders: ["X-Tenant"] })).toStrictEqual({
      parameters: [
        { name: "q", in: "query", required: true, schema: { type: "string" } },
        { name: "X-Tenant", in: "header", required: true, schema: { type: "string" } },
      ],
      validator: "params-only",
    });
  });

  it("both", () => {
    expect(requestValidation({ bodyModel: "ItemPatch", requiredHeaders: ["If-Match"] })).toStrictEqual({
      requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/ItemPatch" } } }, required: true },
      parameters: [{ name: "If-Match", in: "header", required: true, schema: { type: "string" } }],
      validator: "all",
    });
  });

  it("neither", () => {
    expect(requestValidation({})).toStrictEqual({ parameters: [] });
    expect(requestValidation({ bodyModel: undefined, requiredQueryStrings: [], requiredHeaders: [] })).toStrictEqual({ parameters: [] });
  });

  it("sorts query strings, then headers, so config order never changes the document", () => {
    const a = requestValidation({ requiredQueryStrings: ["b", "a"], requiredHeaders: ["Y", "X"] });
    const b = requestValidation({ requiredQueryStrings: ["a", "b"], requiredHeaders: ["X", "Y"] });
    expect(a).toStrictEqual(b);
    expect(a.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["query:a", "query:b", "header:X", "header:Y"]);
  });

  it("a query string and a header may share a name", () => {
    expect(requestValidation({ requiredQueryStrings: ["id"], requiredHeaders: ["id"] }).parameters.map((p) => p.in)).toEqual(["query", "header"]);
  });

  it("puts the model under every media type the handler takes (sorted), so none bypasses validation", () => {
    expect(
      requestValidation({ bodyModel: "ItemPatch", mediaTypes: ["application/merge-patch+json", "application/json", "application/json"] }).requestBody,
    ).toStrictEqual({
      content: {
        "application/json": { schema: { $ref: "#/components/schemas/ItemPatch" } },
        "application/merge-patch+json": { schema: { $ref: "#/components/schemas/ItemPatch" } },
      },
      required: true,
    });
  });

  it.each([
    [{ requiredQueryStrings: ["q", "q"] }, 'required query string "q" is listed twice (as "q")'],
    [{ requiredHeaders: ["If-Match", "if-match"] }, 'required header "if-match" is listed twice (as "If-Match")'],
    [{ requiredHeaders: [""] }, 'required header name "" is empty or padded'],
    [{ requiredQueryStrings: [" q"] }, 'required query string name " q" is empty or padded'],
    [{ bodyModel: "ItemCreate" as const, mediaTypes: [] }, "a body model needs at least one media type"],
  ])("refuses %j", (input, message) => {
    expect(() => requestValidation(input)).toThrow(message);
  });

  it("does not mutate its input", () => {
    const query = Object.freeze(["b", "a"]);
    expect(() => requestValidation({ requiredQueryStrings: query })).not.toThrow();
    expect(query).toEqual(["b", "a"]);
  });
});

describe("mergeParameters", () => {
  const path = { name: "id", in: "path", required: true, schema: { type: "string" as const } };
  const cacheKey = { name: "limit", in: "query", required: false, schema: { type: "string" as const } };

  it("makes an existing optional parameter required in place and appends the rest", () => {
    const { parameters } = requestValidation({ requiredQueryStrings: ["limit", "q"], requiredHeaders: ["if-match"] });
    expect(mergeParameters([path, cacheKey], parameters)).toStrictEqual([
      path,
      { name: "limit", in: "query", required: true, schema: { type: "string" } },
      { name: "q", in: "query", required: true, schema: { type: "string" } },
      { name: "if-match", in: "header", required: true, schema: { type: "string" } },
    ]);
  });

  it("matches header names case-insensitively, query strings exactly", () => {
    const existing = [
      { name: "If-Match", in: "header", required: false, schema: { type: "string" as const } },
      { name: "Limit", in: "query", required: false, schema: { type: "string" as const } },
    ];
    const { parameters } = requestValidation({ requiredQueryStrings: ["limit"], requiredHeaders: ["if-match"] });
    expect(mergeParameters(existing, parameters).map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual([
      "header:if-match:true",
      "query:Limit:false",
      "query:limit:true",
    ]);
  });

  it("with nothing extra returns the same parameters", () => {
    expect(mergeParameters([path], [])).toStrictEqual([path]);
  });
});

describe("isRequestModelName", () => {
  it.each([
    ["ItemCreate", true],
    ["ItemPatch", true],
    ["Error", false],
    ["itemcreate", false],
  ])("%s -> %p", (name, expected) => {
    expect(isRequestModelName(name)).toBe(expected);
  });
});
