import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { ApiGatewayManagementApiClient } from "@aws-sdk/client-apigatewaymanagementapi";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { isGone } from "../../functions/websocket/management";
import { createPoster, MAX_ATTEMPTS, PostError, prepareData } from "../../functions/websocket/poster";

/**
 * The broadcast's poster against a raw server that records what arrives: the request the SDK would
 * send (path encoding, content type, SigV4 for execute-api with the client's credentials and region,
 * verified here by signing the received request again), its standard retries and its error names.
 */
const CREDENTIALS = { accessKeyId: "AKIDPOSTER", secretAccessKey: "poster-secret", sessionToken: "poster-session" };
const REGION = "eu-west-1";

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

let server: Server;
let endpoint: string;
const received: Received[] = [];
/** Answers to give, in order; then 200. */
let answers: { status: number; errorType?: string; message?: string | null }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      const answer = answers.shift();
      if (answer === undefined || answer.status === 200) return void res.writeHead(200).end();
      res
        .writeHead(answer.status, { "x-amzn-errortype": answer.errorType ?? "", "content-type": "application/json" })
        .end(JSON.stringify({ message: answer.message ?? null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  answers = [];
});

const client = () => new ApiGatewayManagementApiClient({ endpoint, region: REGION, credentials: CREDENTIALS });
const data = prepareData(Buffer.from('{"type":"message","message":"hi"}', "utf8"));

describe("the broadcast poster", () => {
  it("sends the SDK's request: POST to the encoded connection path, the bytes, and a valid SigV4 signature for execute-api", async () => {
    await createPoster(client(), endpoint, 4).post("a+b/c=!", data);
    expect(received).toHaveLength(1);
    const [req] = received as [Received];
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/prod/@connections/a%2Bb%2Fc%3D%21");
    expect(req.body.equals(data.bytes)).toBe(true);
    expect(req.headers["content-type"]).toBe("application/octet-stream");
    expect(req.headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(data.bytes).digest("hex"));
    expect(req.headers["x-amz-security-token"]).toBe(CREDENTIALS.sessionToken);
    const authorization = String(req.headers.authorization);
    const date = String(req.headers["x-amz-date"]);
    expect(authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=AKIDPOSTER/${date.slice(0, 8)}/${REGION}/execute-api/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`,
      ),
    );

    // The signature verifies: signing the request as it arrived, at its date, gives the same one.
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)![1]!.split(";");
    const headers = Object.fromEntries(signedHeaders.map((name) => [name, String(req.headers[name])]));
    const verifier = new SignatureV4({ service: "execute-api", region: REGION, credentials: CREDENTIALS, sha256: Hash.bind(null, "sha256") });
    const again = await verifier.sign(
      { method: "POST", protocol: "http:", hostname: "127.0.0.1", path: req.url, query: {}, headers, body: req.body },
      {
        signingDate: new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`),
      },
    );
    expect(again.headers.authorization).toBe(authorization);
  });

  it("retries throttling and 5xx as the SDK's standard mode does (3 attempts), then succeeds", async () => {
    answers = [
      { status: 503, errorType: "ServiceUnavailableException" },
      { status: 429, errorType: "LimitExceededException", message: "Rate exceeded" },
    ];
    await createPoster(client(), endpoint, 4).post("retried", data);
    expect(received.map((r) => r.url)).toEqual(Array(3).fill("/prod/@connections/retried"));
  });

  it("gives up after 3 attempts with the service's error name and status", async () => {
    answers = [
      { status: 500, errorType: "InternalServerErrorException", message: "Internal server error" },
      { status: 500, errorType: "InternalServerErrorException" },
      { status: 500, errorType: "InternalServerErrorException:http://internal.amazon.com/coral/" },
    ];
    const error = (await createPoster(client(), endpoint, 4)
      .post("failing", data)
      .catch((e: unknown) => e)) as PostError;
    expect(error).toBeInstanceOf(PostError);
    expect({ name: error.name, status: error.$metadata.httpStatusCode, attempts: error.$metadata.attempts }).toEqual({
      name: "InternalServerErrorException",
      status: 500,
      attempts: MAX_ATTEMPTS,
    });
    expect(received).toHaveLength(MAX_ATTEMPTS);
  });

  it("does not retry a stale connection (410 GoneException) or a refusal (403): isGone tells them apart", async () => {
    answers = [
      { status: 410, errorType: "GoneException" },
      { status: 403, errorType: "ForbiddenException", message: "Forbidden" },
    ];
    const poster = createPoster(client(), endpoint, 4);
    const gone = await poster.post("stale", data).catch((e: unknown) => e);
    const forbidden = (await poster.post("other-stage", data).catch((e: unknown) => e)) as PostError;
    expect(isGone(gone)).toBe(true);
    expect(isGone(forbidden)).toBe(false);
    expect([forbidden.name, forbidden.message, forbidden.$metadata.httpStatusCode]).toEqual(["ForbiddenException", "Forbidden", 403]);
    expect(received).toHaveLength(2);
  });

  it("keeps its connections open and reuses them, at most maxSockets at once", async () => {
    const poster = createPoster(client(), endpoint, 2);
    let opened = 0;
    const count = (): void => void opened++;
    server.on("connection", count);
    try {
      await Promise.all(Array.from({ length: 10 }, (_, i) => poster.post(`c${i}`, data)));
      expect(opened).toBe(2);
      await Promise.all(Array.from({ length: 10 }, (_, i) => poster.post(`d${i}`, data)));
      // The second round opened no connection: the first round's two were kept alive.
      expect(opened).toBe(2);
    } finally {
      server.off("connection", count);
    }
    expect(received).toHaveLength(20);
  });
});
