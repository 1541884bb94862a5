import { createHash } from "node:crypto";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { ApiGatewayManagementApiClient } from "@aws-sdk/client-apigatewaymanagementapi";
import { createSigner, escapeUri } from "./sigv4";

/**
 * `PostToConnection` for a broadcast's many posts, without the SDK's per-request pipeline.
 *
 * Measured (docs/testing.md, Benchmark): the SDK spends about 350-400 µs of CPU per post (middleware
 * stack, endpoint rules, serde, retry bookkeeping, signing, HTTP), so a broadcast to 10,000
 * connections is CPU-bound at about 4 s whatever the pool size; this path spends about 150 µs. It
 * sends what the SDK sends and keeps its guarantees:
 * - the same signed request: SigV4 for `execute-api` with the management client's credentials and
 *   region (the SDK's default chain, memoized and refreshed by it), every header as the SDK's signer
 *   makes it (`sigv4.ts`, tested against it) at about a third of its CPU, the body's hash computed once
 *   per broadcast (every post carries the same bytes);
 * - the SDK's standard retries: 3 attempts, for throttling (429, `LimitExceededException`, ...), 5xx
 *   (500, 502, 503, 504) and transient network errors, with full-jitter exponential backoff (base
 *   100 ms, 500 ms when throttled; at most 20 s);
 * - errors named as the SDK names them (`x-amzn-errortype`: `GoneException`, ...) with
 *   `$metadata.httpStatusCode`, so callers tell a stale connection from a failure as before;
 * - keep-alive connections, at most `maxSockets` open to the endpoint (the broadcast's pool size).
 */
export interface Poster {
  /** POSTs `data` to `@connections/{connectionId}`; resolves on 2xx, rejects with a {@link PostError} otherwise. */
  post(connectionId: string, data: PreparedData): Promise<void>;
}

/** A body ready to post: its bytes and their SHA-256 (hex), computed once for every post of a broadcast. */
export interface PreparedData {
  readonly bytes: Buffer;
  readonly sha256: string;
}

export function prepareData(bytes: Buffer): PreparedData {
  return { bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** A failed post, shaped as the SDK's service exceptions: `name` from `x-amzn-errortype`, the HTTP status in `$metadata`. */
export class PostError extends Error {
  readonly $metadata: { readonly httpStatusCode?: number; readonly attempts: number };
  readonly code?: string;

  constructor(name: string, message: string, metadata: { httpStatusCode?: number; attempts: number }, code?: string) {
    super(message);
    this.name = name;
    this.$metadata = metadata;
    if (code !== undefined) this.code = code;
  }
}

export const MAX_ATTEMPTS = 3;
const RETRY_DELAY_BASE_MS = 100;
const THROTTLING_RETRY_DELAY_BASE_MS = 500;
const MAX_RETRY_DELAY_MS = 20_000;
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);
/** The SDK's throttling error codes (@smithy/service-error-classification) that the management API can answer. */
const THROTTLING_ERRORS = new Set([
  "LimitExceededException",
  "ThrottlingException",
  "TooManyRequestsException",
  "Throttling",
  "ThrottledException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "TransactionInProgressException",
  "ProvisionedThroughputExceededException",
  "BandwidthLimitExceeded",
  "EC2ThrottledException",
  "PriorRequestNotComplete",
]);
const TRANSIENT_NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT"]);

type Retry = "throttling" | "transient" | undefined;

function retryKind(error: PostError): Retry {
  const status = error.$metadata.httpStatusCode;
  if (status === 429 || THROTTLING_ERRORS.has(error.name)) return "throttling";
  if ((status !== undefined && TRANSIENT_STATUSES.has(status)) || (error.code !== undefined && TRANSIENT_NETWORK_CODES.has(error.code))) return "transient";
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The answer's status and error; reads (and discards) the body otherwise. */
function readAnswer(res: IncomingMessage, attempts: number): Promise<PostError | undefined> {
  return new Promise((resolve, reject) => {
    const status = res.statusCode ?? 0;
    const chunks: Buffer[] = [];
    res.on("data", (chunk: Buffer) => {
      if (status >= 300) chunks.push(chunk);
    });
    res.on("error", reject);
    res.on("end", () => {
      if (status >= 200 && status < 300) return resolve(undefined);
      const header = res.headers["x-amzn-errortype"];
      const name = (Array.isArray(header) ? header[0] : header)?.split(":")[0] ?? (status >= 500 ? "InternalServerErrorException" : "UnknownError");
      let message = "UnknownError";
      try {
        const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { message?: unknown; Message?: unknown };
        const text = parsed.message ?? parsed.Message;
        if (typeof text === "string") message = text;
      } catch {
        // Not JSON: the name says enough.
      }
      resolve(new PostError(name, message, { httpStatusCode: status, attempts }));
    });
  });
}

/**
 * A poster to the management endpoint `endpoint` (`https://{api-id}.execute-api.{region}.amazonaws.com/{stage}`,
 * or a local server), signing with `client`'s credentials and region.
 */
export function createPoster(client: ApiGatewayManagementApiClient, endpoint: string, maxSockets: number): Poster {
  const url = new URL(endpoint);
  const secure = url.protocol === "https:";
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets }) : new HttpAgent({ keepAlive: true, maxSockets });
  const send = secure ? httpsRequest : httpRequest;
  const basePath = url.pathname.replace(/\/+$/, "");
  const port = url.port === "" ? undefined : Number(url.port);
  const sign = createSigner("execute-api", client.config.region, client.config.credentials);

  const attempt = async (connectionId: string, data: PreparedData, attempts: number): Promise<PostError | undefined> => {
    const path = `${basePath}/@connections/${escapeUri(connectionId)}`;
    const headers = await sign({
      method: "POST",
      path,
      headers: {
        host: url.host,
        "content-type": "application/octet-stream",
        "content-length": String(data.bytes.length),
        "x-amz-content-sha256": data.sha256,
      },
    });
    const options: RequestOptions = { method: "POST", host: url.hostname, port, path, agent, headers };
    try {
      return await new Promise<PostError | undefined>((resolve, reject) => {
        const req = send(options, (res) => readAnswer(res, attempts).then(resolve, reject));
        req.on("error", reject);
        req.end(data.bytes);
      });
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      return new PostError(e.name || "Error", e.message, { attempts }, e.code);
    }
  };

  return {
    async post(connectionId, data) {
      for (let attempts = 1; ; attempts++) {
        const error = await attempt(connectionId, data, attempts);
        if (error === undefined) return;
        const kind = retryKind(error);
        if (kind === undefined || attempts >= MAX_ATTEMPTS) throw error;
        const base = kind === "throttling" ? THROTTLING_RETRY_DELAY_BASE_MS : RETRY_DELAY_BASE_MS;
        await sleep(Math.floor(Math.min(MAX_RETRY_DELAY_MS, Math.random() * 2 ** attempts * base)));
      }
    },
  };
}
