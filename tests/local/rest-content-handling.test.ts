import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";
import { ENCODED, ENCODED_TWICE, FAILED, RAW, RAW_AS_TEXT, TEXT, TEXT_ENCODED } from "./binary-payloads";

/**
 * What a non-proxy integration's answer becomes between text and binary: the integration response's
 * contentHandling, the payload's Content-Type and the request's first Accept media type against the
 * API's binaryMediaTypes. Sources:
 * - [table] AWS, "Content type conversions in API Gateway" (api-gateway-payload-encodings-workflow), the
 *   response table; "If the conversion fails, it returns a 500 response, which indicates an API
 *   configuration error";
 * - [s3-none], [s3-text], [s3-binary] LocalStack's test_apigateway_s3.snapshot.json (AWS-validated,
 *   test_apigateway_s3.validation.json), TestApiGatewayS3BinarySupport::
 *   test_apigw_s3_binary_support_response_no_content_handling, ..._response_convert_to_text,
 *   ..._response_convert_to_binary: an S3 GetObject route whose objects are a gzip blob ("raw"), its
 *   base64 ("encoded") and a UTF-8 text, answered by S3 as `binary/octet-stream` (a text payload) or
 *   `image/png` (binary: the API's binaryMediaTypes is `image/png`), requested with `Accept: image/png`
 *   or `text/plain`; each expected body below is the snapshot's.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twin-binary-"));
const files = { raw: RAW, encoded: Buffer.from(ENCODED), text: Buffer.from(TEXT) };
for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
const objects = Object.fromEntries(
  Object.keys(files).flatMap((name) => [
    [`${name}.octet`, { file: path.join(dir, name), contentType: "binary/octet-stream" }],
    [`${name}.png`, { file: path.join(dir, name), contentType: "image/png" }],
  ]),
);

const s3Route = (contentHandling: string | undefined) => ({
  get: {
    security: [],
    "x-amazon-apigateway-integration": {
      type: "aws",
      httpMethod: "GET",
      uri: "arn:aws:apigateway:us-east-1:s3:path/bin-bucket/{object_path}",
      credentials: "arn:aws:iam::123456789012:role/s3-read",
      responses: { default: { statusCode: "200", ...(contentHandling ? { contentHandling } : {}) } },
    },
  },
});

const document = {
  openapi: "3.0.1",
  paths: {
    "/none/{object_path+}": s3Route(undefined),
    "/text/{object_path+}": s3Route("CONVERT_TO_TEXT"),
    "/binary/{object_path+}": s3Route("CONVERT_TO_BINARY"),
  },
};

type Expected = string | Buffer | typeof FAILED;

describe("integration responses converted between text and binary", () => {
  let plain: RestHarness;
  let png: RestHarness;
  beforeAll(async () => {
    const buckets = { "bin-bucket": objects };
    plain = await serveRest(restApiFrom(document), scriptedInvoker({}), { buckets });
    png = await serveRest(restApiFrom(document, { binaryMediaTypes: ["image/png"] }), scriptedInvoker({}), { buckets });
  });
  afterAll(async () => {
    await Promise.all([plain.close(), png.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = async (rest: RestHarness, route: string, key: string, accept: string): Promise<Buffer | typeof FAILED> => {
    const res = await rawRequest(`${rest.url}/${route}/${key}`, { headers: { accept } });
    return res.status === 200 ? res.body : { status: res.status, body: res.text };
  };
  const expected = (value: Expected) => (typeof value === "string" ? Buffer.from(value) : value);

  test.each<[string, string, string, Expected]>([
    // [s3-none], without binaryMediaTypes: text-no-media, raw-no-media, encoded-no-media.
    ["none", "text.octet", "text/plain", TEXT],
    ["none", "raw.octet", "image/png", RAW_AS_TEXT],
    ["none", "encoded.octet", "image/png", ENCODED],
    // [s3-text]: the same three.
    ["text", "text.octet", "text/plain", TEXT],
    ["text", "raw.octet", "image/png", RAW_AS_TEXT],
    ["text", "encoded.octet", "image/png", ENCODED],
    // [s3-binary]: encoded-no-media; a payload that is no base64 cannot be decoded [table].
    ["binary", "encoded.octet", "image/png", RAW],
    ["binary", "raw.octet", "image/png", FAILED],
  ])("no binary media types: %s %s (Accept %s)", async (route, key, accept, want) => {
    expect(await get(plain, route, key, accept)).toEqual(expected(want));
  });

  test.each<[string, string, string, Expected]>([
    // [s3-none]: a text payload to a binary Accept is base64-decoded (no base64: 500), binary stays binary.
    ["none", "encoded.octet", "image/png", RAW],
    ["none", "raw.octet", "image/png", FAILED],
    ["none", "text.octet", "image/png", FAILED],
    ["none", "encoded.png", "image/png", ENCODED],
    ["none", "raw.png", "image/png", RAW],
    ["none", "text.png", "image/png", TEXT],
    // [s3-none]: to a text Accept, text is its UTF-8 string and binary is base64-encoded.
    ["none", "encoded.octet", "text/plain", ENCODED],
    ["none", "raw.octet", "text/plain", RAW_AS_TEXT],
    ["none", "text.octet", "text/plain", TEXT],
    ["none", "encoded.png", "text/plain", ENCODED_TWICE],
    ["none", "raw.png", "text/plain", ENCODED],
    ["none", "text.png", "text/plain", TEXT_ENCODED],
    // [s3-text]: whatever the Accept, text is its UTF-8 string and binary is base64-encoded.
    ["text", "encoded.octet", "image/png", ENCODED],
    ["text", "raw.octet", "image/png", RAW_AS_TEXT],
    ["text", "text.octet", "image/png", TEXT],
    ["text", "encoded.png", "image/png", ENCODED_TWICE],
    ["text", "raw.png", "image/png", ENCODED],
    ["text", "text.png", "image/png", TEXT_ENCODED],
    ["text", "encoded.octet", "text/plain", ENCODED],
    ["text", "raw.octet", "text/plain", RAW_AS_TEXT],
    ["text", "text.octet", "text/plain", TEXT],
    ["text", "encoded.png", "text/plain", ENCODED_TWICE],
    ["text", "raw.png", "text/plain", ENCODED],
    ["text", "text.png", "text/plain", TEXT_ENCODED],
    // [s3-binary]: whatever the Accept, text is base64-decoded and binary passes as it is.
    ["binary", "encoded.octet", "image/png", RAW],
    ["binary", "encoded.png", "image/png", ENCODED],
    ["binary", "raw.png", "image/png", RAW],
    ["binary", "text.png", "image/png", TEXT],
    ["binary", "encoded.octet", "text/plain", RAW],
    ["binary", "encoded.png", "text/plain", ENCODED],
    ["binary", "raw.png", "text/plain", RAW],
    ["binary", "text.png", "text/plain", TEXT],
    ["binary", "text.octet", "text/plain", FAILED],
  ])("binaryMediaTypes image/png: %s %s (Accept %s)", async (route, key, accept, want) => {
    expect(await get(png, route, key, accept)).toEqual(expected(want));
  });

  test("only the first Accept media type counts ([table], Important: 'API Gateway honors only the first Accept media type')", async () => {
    expect(await get(png, "none", "raw.png", "text/html, image/png")).toEqual(Buffer.from(ENCODED));
    expect(await get(png, "none", "raw.png", "image/png, text/html")).toEqual(RAW);
  });
});
