import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import { rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";
import { ENCODED, ENCODED_TWICE, FAILED, RAW, RAW_AS_TEXT, TEXT, TEXT_ENCODED } from "./binary-payloads";

/**
 * What a non-proxy integration's backend receives from a method request's body, between text and
 * binary: the integration's contentHandling and the request's Content-Type against the API's
 * binaryMediaTypes. Sources:
 * - [table] AWS, "Content type conversions in API Gateway" (api-gateway-payload-encodings-workflow), the
 *   request table; "If the conversion fails, it returns a 500 response";
 * - [s3-none], [s3-text], [s3-binary], [s3-template] LocalStack's test_apigateway_s3.snapshot.json
 *   (AWS-validated, test_apigateway_s3.validation.json), TestApiGatewayS3BinarySupport::
 *   test_apigw_s3_binary_support_request[None], [CONVERT_TO_TEXT], ..._request_convert_to_binary and
 *   ..._request_convert_to_binary_with_request_template: an S3 PutObject route stores what the
 *   integration request carries (here an HTTP backend records it); bodies are a gzip blob ("raw"), its
 *   base64 ("encoded") and a UTF-8 text, sent as `image/png` (binary when the API's binaryMediaTypes is
 *   `image/png`) or `text/plain`; each expected payload is the snapshot's stored object (`get-obj-*`).
 *   A CONVERT_TO_BINARY integration answers 500 for a body that is no base64, and for a request its
 *   `application/json` template would map ("we cannot pass binary data ... to VTL templates").
 */

const BODIES = { raw: RAW, encoded: Buffer.from(ENCODED), text: Buffer.from(TEXT) };

function recordingBackend(): Promise<{ server: Server; base: string; received: Buffer[] }> {
  const received: Buffer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push(Buffer.concat(chunks));
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received })),
  );
}

const route = (contentHandling: string | undefined, requestTemplates?: Record<string, string>) => ({
  put: {
    security: [],
    "x-amazon-apigateway-integration": {
      type: "http",
      httpMethod: "PUT",
      uri: "http://objects.example.com/put",
      ...(contentHandling ? { contentHandling } : {}),
      ...(requestTemplates ? { requestTemplates } : {}),
      responses: { default: { statusCode: "200" } },
    },
  },
});

const document = {
  openapi: "3.0.1",
  paths: {
    "/none": route(undefined),
    "/text": route("CONVERT_TO_TEXT"),
    "/binary": route("CONVERT_TO_BINARY"),
    "/binary-template": route("CONVERT_TO_BINARY", { "application/json": '{"data": "$input.body"}' }),
  },
};

type Expected = string | Buffer | typeof FAILED;

describe("integration requests converted between text and binary", () => {
  let backend: Awaited<ReturnType<typeof recordingBackend>>;
  let plain: RestHarness;
  let png: RestHarness;
  beforeAll(async () => {
    backend = await recordingBackend();
    const httpBackends = { "objects.example.com": backend.base };
    plain = await serveRest(restApiFrom(document), scriptedInvoker({}), { httpBackends });
    png = await serveRest(restApiFrom(document, { binaryMediaTypes: ["image/png"] }), scriptedInvoker({}), { httpBackends });
  });
  afterAll(async () => {
    await Promise.all([plain.close(), png.close()]);
    backend.server.close();
  });

  const put = async (rest: RestHarness, path: string, body: keyof typeof BODIES, contentType: string): Promise<Buffer | typeof FAILED> => {
    const before = backend.received.length;
    const res = await rawRequest(`${rest.url}${path}`, { method: "PUT", headers: { "content-type": contentType }, body: BODIES[body] });
    if (res.status !== 200) return { status: res.status, body: res.text };
    expect(backend.received.length).toBe(before + 1);
    return backend.received.at(-1)!;
  };
  const expected = (value: Expected) => (typeof value === "string" ? Buffer.from(value) : value);

  test.each<[string, keyof typeof BODIES, string, Expected]>([
    // [s3-none] and [s3-text], no binaryMediaTypes: every body is text, passed as its UTF-8 string.
    ["/none", "raw", "image/png", RAW_AS_TEXT],
    ["/none", "encoded", "image/png", ENCODED],
    ["/none", "text", "image/png", TEXT],
    ["/text", "raw", "image/png", RAW_AS_TEXT],
    ["/text", "encoded", "image/png", ENCODED],
    ["/text", "text", "image/png", TEXT],
    // [s3-binary]: text is base64-decoded; no base64 is a 500.
    ["/binary", "encoded", "image/png", RAW],
    ["/binary", "raw", "image/png", FAILED],
    ["/binary", "text", "text/plain", FAILED],
    // [s3-template]: a request the template would map is a 500; one it would not is decoded.
    ["/binary-template", "encoded", "image/png", RAW],
    ["/binary-template", "encoded", "application/json", FAILED],
  ])("no binary media types: PUT %s, %s body as %s", async (path, body, contentType, want) => {
    expect(await put(plain, path, body, contentType)).toEqual(expected(want));
  });

  test.each<[string, keyof typeof BODIES, string, Expected]>([
    // [s3-none]: a binary body stays binary; a text one is its UTF-8 string.
    ["/none", "raw", "image/png", RAW],
    ["/none", "encoded", "image/png", ENCODED],
    ["/none", "text", "image/png", TEXT],
    ["/none", "raw", "text/plain", RAW_AS_TEXT],
    ["/none", "encoded", "text/plain", ENCODED],
    ["/none", "text", "text/plain", TEXT],
    // [s3-text]: a binary body is base64-encoded; a text one is its UTF-8 string.
    ["/text", "raw", "image/png", ENCODED],
    ["/text", "encoded", "image/png", ENCODED_TWICE],
    ["/text", "text", "image/png", TEXT_ENCODED],
    ["/text", "raw", "text/plain", RAW_AS_TEXT],
    ["/text", "encoded", "text/plain", ENCODED],
    ["/text", "text", "text/plain", TEXT],
    // [s3-binary]: a binary body passes as it is; a text one is base64-decoded (no base64: 500).
    ["/binary", "raw", "image/png", RAW],
    ["/binary", "encoded", "image/png", ENCODED],
    ["/binary", "text", "image/png", TEXT],
    ["/binary", "raw", "text/plain", FAILED],
    ["/binary", "text", "text/plain", FAILED],
    ["/binary", "encoded", "text/plain", RAW],
  ])("binaryMediaTypes image/png: PUT %s, %s body as %s", async (path, body, contentType, want) => {
    expect(await put(png, path, body, contentType)).toEqual(expected(want));
  });
});
