import { requestValidation as rule } from "../../policies/rules/request-validation";
import { check, fake, messages } from "../helpers/policy-harness";

const BODY_FIX =
  "Define a validator with validateRequestBody: true in the document's x-amazon-apigateway-request-validators and name it in x-amazon-apigateway-request-validator, on the document (every method) or on the operation.";
const VALIDATORS = {
  all: { validateRequestBody: true, validateRequestParameters: true },
  "params-only": { validateRequestBody: false, validateRequestParameters: true },
};
const op = (extra: Record<string, unknown> = {}) => ({ security: [{ cognito: [] }], ...extra });

/** A document validating every body through its document-level validator; override one field to break it. */
const document = (items: Record<string, unknown> = {}, root: Record<string, unknown> = {}) => ({
  openapi: "3.0.1",
  info: { title: "shop", version: "1.0.0" },
  "x-amazon-apigateway-request-validators": VALIDATORS,
  "x-amazon-apigateway-request-validator": "all",
  paths: { "/items": { get: op(), post: op(), ...items }, "/items/{id}": { put: op(), patch: op(), delete: op() } },
  ...root,
});
const restApi = (body: unknown) =>
  fake("aws:apigateway/restApi:RestApi", "shop", { name: "shop", body: typeof body === "string" ? body : JSON.stringify(body) });
const method = (inputs: Record<string, unknown>) =>
  fake("aws:apigateway/method:Method", "items-post", {
    restApi: "a1b2c3d4e5",
    resourceId: "r1",
    httpMethod: "POST",
    authorization: "AWS_IAM",
    requestValidatorId: "v1",
    ...inputs,
  });

describe("request-validation: REST API body", () => {
  test("passes: a document-level validator that validates bodies", async () => {
    expect(await check(rule, [restApi(document())])).toEqual([]);
  });

  test("passes: an operation-level validator overriding a document-level one that does not validate bodies", async () => {
    const body = {
      ...document({}, { "x-amazon-apigateway-request-validator": "params-only" }),
      paths: { "/items": { get: op(), post: op({ "x-amazon-apigateway-request-validator": "all" }) } },
    };
    expect(await check(rule, [restApi(body)])).toEqual([]);
  });

  test("passes: GET, DELETE and the rest without a validator", async () => {
    const body = document({}, { "x-amazon-apigateway-request-validator": undefined });
    expect(await check(rule, [restApi({ ...body, paths: { "/items": { get: op(), delete: op(), head: op(), options: op() } } })])).toEqual([]);
  });

  test("fails: POST, PUT and PATCH with no validator anywhere", async () => {
    const body = document({}, { "x-amazon-apigateway-request-validator": undefined });
    const violations = await check(rule, [restApi(body)]);
    expect(violations[0]).toEqual({
      policy: "request-validation",
      enforcementLevel: "advisory",
      resource: "aws:apigateway/restApi:RestApi::shop",
      message: `RestApi "shop" accepts unvalidated request bodies on "POST /items" (x-amazon-apigateway-request-validator is unset). ${BODY_FIX}`,
    });
    expect(violations.map((v) => v.message)).toEqual([
      `RestApi "shop" accepts unvalidated request bodies on "POST /items" (x-amazon-apigateway-request-validator is unset). ${BODY_FIX}`,
      `RestApi "shop" accepts unvalidated request bodies on "PUT /items/{id}" (x-amazon-apigateway-request-validator is unset). ${BODY_FIX}`,
      `RestApi "shop" accepts unvalidated request bodies on "PATCH /items/{id}" (x-amazon-apigateway-request-validator is unset). ${BODY_FIX}`,
    ]);
  });

  test("fails: an ANY operation (which takes POST) with no validator", async () => {
    const body = { openapi: "3.0.1", info: { title: "shop", version: "1" }, paths: { "/{proxy+}": { "x-amazon-apigateway-any-method": op() } } };
    expect(await messages(rule, [restApi(body)])).toEqual([
      `RestApi "shop" accepts unvalidated request bodies on "ANY /{proxy+}" (x-amazon-apigateway-request-validator is unset). ${BODY_FIX}`,
    ]);
  });

  test("fails: a validator name the document does not define", async () => {
    expect(await messages(rule, [restApi(document({ post: op({ "x-amazon-apigateway-request-validator": "body" }) }))])).toEqual([
      `RestApi "shop" names a request validator it does not define for "POST /items" (x-amazon-apigateway-request-validator is "body", which x-amazon-apigateway-request-validators does not define). ${BODY_FIX}`,
    ]);
  });

  test("fails: a validator that does not validate bodies", async () => {
    expect(await messages(rule, [restApi(document({ post: op({ "x-amazon-apigateway-request-validator": "params-only" }) }))])).toEqual([
      `RestApi "shop" does not validate request bodies on "POST /items" (x-amazon-apigateway-request-validators.params-only.validateRequestBody is false). ${BODY_FIX}`,
    ]);
  });

  test("fails (advisory wording): a body that is not JSON", async () => {
    expect(await messages(rule, [restApi("{ not json")])).toEqual([
      'RestApi "shop" has a body this policy cannot read, so the request validation of its methods cannot be checked (body is neither a JSON nor a YAML object). Give the body as an OpenAPI 3.0 document in JSON or YAML, or check this by hand and disable the policy for this stack.',
    ]);
  });
});

describe("request-validation: classic REST methods", () => {
  test("passes: a POST with a request validator, a GET without one", async () => {
    expect(await check(rule, [method({}), method({ httpMethod: "GET", requestValidatorId: undefined })])).toEqual([]);
  });

  test("fails: a PUT without a request validator", async () => {
    expect(await check(rule, [method({ httpMethod: "PUT", requestValidatorId: undefined })])).toEqual([
      {
        policy: "request-validation",
        enforcementLevel: "advisory",
        resource: "aws:apigateway/method:Method::items-post",
        message:
          'Method "items-post" accepts unvalidated requests on PUT (requestValidatorId is unset). Create an aws.apigateway.RequestValidator with validateRequestBody: true and set it as the method\'s requestValidatorId.',
      },
    ]);
  });
});
