import type { TwinHttpCors } from "../http-api-capture";

/**
 * An HTTP API's CORS configuration at work (AWS, "Configuring CORS for an HTTP API"): preflights answered
 * by the gateway, the configured headers on responses to an allowed origin, the integrations' own
 * CORS headers dropped.
 */

/** The `access-control-allow-origin` value for `origin`, or undefined when the configuration does not allow it. */
export function allowedOrigin(cors: TwinHttpCors, origin: string): string | undefined {
  for (const allowed of cors.allowOrigins) {
    if (allowed === "*") return "*";
    const pattern = new RegExp(
      `^${allowed
        .split("*")
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
      "i",
    );
    if (pattern.test(origin)) return origin;
  }
  return undefined;
}

/** The headers a preflight request from an allowed origin gets (none for another origin). */
export function preflightHeaders(cors: TwinHttpCors, origin: string): Record<string, string> {
  const allow = allowedOrigin(cors, origin);
  if (allow === undefined) return {};
  return {
    "access-control-allow-origin": allow,
    ...(cors.allowMethods.length > 0 ? { "access-control-allow-methods": cors.allowMethods.join(",") } : {}),
    ...(cors.allowHeaders.length > 0 ? { "access-control-allow-headers": cors.allowHeaders.join(",") } : {}),
    ...(cors.maxAge !== undefined ? { "access-control-max-age": String(cors.maxAge) } : {}),
    ...(cors.allowCredentials ? { "access-control-allow-credentials": "true" } : {}),
  };
}

/** A response's headers as the API sends them: the integration's CORS headers replaced by the configured ones. */
export function withCors(
  cors: TwinHttpCors | undefined,
  origin: string | undefined,
  headers: Record<string, string | string[]>,
): Record<string, string | string[]> {
  if (!cors) return headers;
  const out = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith("access-control-")));
  const allow = origin === undefined ? undefined : allowedOrigin(cors, origin);
  if (allow === undefined) return out;
  return {
    ...out,
    "access-control-allow-origin": allow,
    ...(cors.exposeHeaders.length > 0 ? { "access-control-expose-headers": cors.exposeHeaders.join(",") } : {}),
    ...(cors.allowCredentials ? { "access-control-allow-credentials": "true" } : {}),
  };
}
