/**
 * CORS rules both the stack configuration (config/) and the HTTP API component (components/http-api/)
 * check: allowed methods, origin and header patterns, and the HTTP API's CORS argument check.
 */

/** The API's CORS configuration; API Gateway answers preflight requests itself and adds the headers to responses. */
export interface HttpApiCors {
  /** `["*"]`, or origins like `https://app.example.com` and `http://localhost:3000`. */
  readonly allowOrigins: readonly string[];
  /** HTTP methods or `*`. @default undefined (none besides simple requests) */
  readonly allowMethods?: readonly string[];
  /** @default undefined */
  readonly allowHeaders?: readonly string[];
  /** @default undefined */
  readonly exposeHeaders?: readonly string[];
  /** How long browsers cache a preflight answer, 0 to 86400. @default undefined (browser default) */
  readonly maxAgeSeconds?: number;
  /** Cannot be true with the `*` origin. @default false */
  readonly allowCredentials?: boolean;
}

/** The methods a preflight answer may allow, or `*`. */
export const CORS_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "*"] as const;
/** Browsers cap preflight caching lower; API Gateway accepts at most a day. */
export const CORS_MAX_AGE_SECONDS = 86400;

/** An origin: http or https, a lowercase host, an optional port, no path. */
export const CORS_ORIGIN_PATTERN = /^https?:\/\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/;
/** A header name (an HTTP token) or `*`. */
export const CORS_HEADER_PATTERN = /^(\*|[A-Za-z0-9!#$%&'*+.^_`|~-]+)$/;

/** Problems with the CORS arguments (empty when they are valid). */
export function corsProblems(cors: HttpApiCors): string[] {
  const problems: string[] = [];
  if (cors.allowOrigins.length === 0) problems.push('cors.allowOrigins: at least one origin is required ("*" or origins like https://app.example.com)');
  cors.allowOrigins.forEach((origin, i) => {
    if (origin !== "*" && !CORS_ORIGIN_PATTERN.test(origin)) {
      problems.push(
        `cors.allowOrigins[${i}]: ${JSON.stringify(origin)} is not "*" or an origin (http:// or https://, a lowercase host, an optional port, no path), e.g. https://app.example.com or http://localhost:3000`,
      );
    }
  });
  const wildcard = cors.allowOrigins.includes("*");
  if (wildcard && cors.allowOrigins.length > 1) problems.push('cors.allowOrigins: "*" must be the only origin when given');
  if (wildcard && cors.allowCredentials === true) {
    problems.push(
      'cors.allowCredentials: true is not allowed with the "*" origin (browsers and API Gateway refuse credentials for any origin); list the origins',
    );
  }
  (cors.allowMethods ?? []).forEach((method, i) => {
    if (!(CORS_METHODS as readonly string[]).includes(method)) {
      problems.push(`cors.allowMethods[${i}]: ${JSON.stringify(method)} is not one of ${CORS_METHODS.join(", ")}`);
    }
  });
  for (const field of ["allowHeaders", "exposeHeaders"] as const) {
    (cors[field] ?? []).forEach((header, i) => {
      if (!CORS_HEADER_PATTERN.test(header)) problems.push(`cors.${field}[${i}]: ${JSON.stringify(header)} is not a header name or "*"`);
    });
  }
  const maxAge = cors.maxAgeSeconds;
  if (maxAge !== undefined && !(Number.isInteger(maxAge) && maxAge >= 0 && maxAge <= CORS_MAX_AGE_SECONDS)) {
    problems.push(`cors.maxAgeSeconds: ${maxAge} is not an integer from 0 to ${CORS_MAX_AGE_SECONDS}`);
  }
  return problems;
}
