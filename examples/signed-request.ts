/**
 * Calls an IAM-authorized (SigV4) route of the REST API with the AWS SDK's signer:
 *
 *   eval "$(aws configure export-credentials --format env)"      # or the caller role's credentials
 *   npm run signed-request -- https://<api>.execute-api.<region>.amazonaws.com/prod/orders POST '{"sku":"A1"}'
 *
 * Credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN; the region
 * from the URL (or AWS_REGION for a custom domain).
 */
import { parseOrExit } from "../preview/cli-args";

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignedRequestInput {
  readonly url: string;
  readonly method: string;
  readonly body?: string;
  readonly region: string;
  readonly credentials: SigningCredentials;
  /** @default "execute-api" */
  readonly service?: string;
  /** @default now */
  readonly signingDate?: Date;
  /** Extra headers to sign. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The region of an `execute-api` URL, or undefined for a custom domain. */
export function regionOfUrl(url: string): string | undefined {
  return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(url).hostname)?.[1];
}

/** The headers a SigV4-signed request carries (Authorization, X-Amz-Date, X-Amz-Security-Token when temporary). */
export async function signedHeaders(input: SignedRequestInput): Promise<Record<string, string>> {
  const url = new URL(input.url);
  // The signer loads here: --help and usage errors answer without it.
  const [{ Hash }, { SignatureV4 }] = await Promise.all([import("@smithy/hash-node"), import("@smithy/signature-v4")]);
  const signer = new SignatureV4({
    service: input.service ?? "execute-api",
    region: input.region,
    credentials: input.credentials,
    sha256: Hash.bind(null, "sha256"),
    // execute-api signs the payload hash into the signature; it needs no x-amz-content-sha256 header (S3 does).
    applyChecksum: false,
  });
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const previous = query[key];
    query[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  const signed = await signer.sign(
    {
      method: input.method.toUpperCase(),
      protocol: url.protocol,
      hostname: url.hostname,
      path: url.pathname,
      query,
      headers: { host: url.host, ...(input.body !== undefined ? { "content-type": "application/json" } : {}), ...input.headers },
      ...(input.body !== undefined ? { body: input.body } : {}),
    },
    input.signingDate ? { signingDate: input.signingDate } : {},
  );
  return signed.headers as Record<string, string>;
}

export const SIGNED_REQUEST_USAGE = "usage: npm run signed-request -- <url> [METHOD] [JSON body]";

export const SIGNED_REQUEST_HELP = `${SIGNED_REQUEST_USAGE}

Sends one SigV4-signed request (service execute-api) to an IAM-authorized route and prints the status
line and the body. Credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN;
the region from an execute-api URL, else AWS_REGION. The local twin accepts any credentials:
  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=y AWS_REGION=us-east-1 npm run signed-request -- http://127.0.0.1:3000/prod/orders POST '{"sku":"A1"}'

  METHOD       GET (default), POST, PUT, PATCH, DELETE, HEAD or OPTIONS
  JSON body    sent as application/json

Exit status: 0 a 2xx answer, 1 any other answer or a failure, 2 bad usage or missing credentials.`;

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

export interface SignedRequestArgs {
  readonly url: string;
  readonly method: (typeof METHODS)[number];
  readonly body: string | undefined;
}

/** The arguments, or "help"; throws naming what is wrong. */
export function parseSignedRequestArgs(argv: readonly string[]): SignedRequestArgs | "help" {
  if (argv.includes("--help") || argv.includes("-h")) return "help";
  const [url, method = "GET", body, ...rest] = argv;
  if (url === undefined) throw new Error(`a URL is required; ${SIGNED_REQUEST_USAGE}`);
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new Error(`${JSON.stringify(url)} is not an http(s) URL; ${SIGNED_REQUEST_USAGE}`);
  const upper = method.toUpperCase();
  if (!(METHODS as readonly string[]).includes(upper))
    throw new Error(`METHOD ${JSON.stringify(method)} is not one of ${METHODS.join(", ")}; ${SIGNED_REQUEST_USAGE}`);
  if (rest.length > 0) throw new Error(`unexpected argument ${JSON.stringify(rest[0])}; ${SIGNED_REQUEST_USAGE}`);
  return { url, method: upper as SignedRequestArgs["method"], body };
}

async function main(): Promise<number> {
  const parsed = parseOrExit(process.argv.slice(2), parseSignedRequestArgs, SIGNED_REQUEST_HELP);
  if ("exit" in parsed) return parsed.exit;
  const { url, method, body } = parsed.args;
  const region = regionOfUrl(url) ?? process.env.AWS_REGION;
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (!region || !accessKeyId || !secretAccessKey) {
    process.stderr.write("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_REGION for a custom domain)\n");
    return 2;
  }
  const headers = await signedHeaders({
    url,
    method,
    ...(body !== undefined ? { body } : {}),
    region,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
  });
  const response = await fetch(url, { method: method.toUpperCase(), headers, ...(body !== undefined ? { body } : {}) });
  process.stdout.write(`${response.status} ${response.statusText}\n${await response.text()}\n`);
  return response.ok ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`signed-request failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
