import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";

/**
 * An S3 GetObject route answers through its default integration response, whose header mappings read
 * S3's answer (AWS, "x-amazon-apigateway-integration.responseParameters object":
 * `integration.response.header.<name>` sources). S3's headers: Content-Type as stored, and `ETag`, the
 * quoted MD5 of an object uploaded in one part (AWS, Amazon S3 API reference, "Object": "The ETag is an
 * MD5 hash of the object" for objects "created by the PUT Object ... operation" and not encrypted with
 * SSE-KMS). A method response has only the headers its integration response maps ("x-amazon-apigateway-
 * integration.response object": "Only the header and body parameters of the integration response can be
 * mapped to the header parameters of the method").
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twin-s3-"));
const file = path.join(dir, "index.html");
fs.writeFileSync(file, "<h1>docs</h1>");
const md5 = createHash("md5").update("<h1>docs</h1>").digest("hex");

const s3Route = (responseParameters: Record<string, string> | undefined) => ({
  get: {
    security: [],
    "x-amazon-apigateway-integration": {
      type: "aws",
      httpMethod: "GET",
      uri: "arn:aws:apigateway:us-east-1:s3:path/docs-bucket/index.html",
      credentials: "arn:aws:iam::123456789012:role/s3-read",
      responses: { default: { statusCode: "200", ...(responseParameters ? { responseParameters } : {}) } },
    },
  },
});

const document = {
  openapi: "3.0.1",
  paths: {
    "/mapped": s3Route({
      "method.response.header.Content-Type": "integration.response.header.Content-Type",
      "method.response.header.ETag": "integration.response.header.ETag",
    }),
    "/unmapped": s3Route(undefined),
  },
};

describe("an S3 GetObject route's answer headers", () => {
  let rest: RestHarness;
  beforeAll(async () => {
    rest = await serveRest(restApiFrom(document), scriptedInvoker({}), {
      buckets: { "docs-bucket": { "index.html": { file, contentType: "text/html" } } },
    });
  });
  afterAll(async () => {
    await rest.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("the route's mappings pass S3's Content-Type and ETag", async () => {
    const res = await rawRequest(`${rest.url}/mapped`);
    expect([res.status, res.headers["content-type"], res.headers.etag, res.text]).toEqual([200, "text/html", `"${md5}"`, "<h1>docs</h1>"]);
  });

  test("without mappings S3's ETag is not passed", async () => {
    const res = await rawRequest(`${rest.url}/unmapped`);
    expect([res.status, res.headers.etag, res.text]).toEqual([200, undefined, "<h1>docs</h1>"]);
  });
});
