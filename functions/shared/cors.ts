import type { APIGatewayProxyResult } from "aws-lambda";
import { CORS_ENVIRONMENT } from "./cors-environment";

/**
 * The CORS headers of a Lambda proxy answer. A proxy integration returns the function's headers as they
 * are, so the function sends them itself (AWS, "CORS for REST APIs in API Gateway"), from the
 * environment the stack sets from its routes' CORS (components/lambda/cors-environment.ts). A listed
 * Origin is answered with itself, any other with no Access-Control-Allow-Origin; `Vary: Origin` says the
 * answer depends on it (MDN, "Access-Control-Allow-Origin").
 */
export function corsHeaders(origin: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> {
  const allowed = list(env[CORS_ENVIRONMENT.allowOrigins]);
  if (allowed.length === 0) return {};
  const expose = list(env[CORS_ENVIRONMENT.exposeHeaders]);
  const exposed: Record<string, string> = expose.length > 0 ? { "access-control-expose-headers": expose.join(",") } : {};
  if (allowed.includes("*")) return { "access-control-allow-origin": "*", ...exposed };
  if (origin === undefined || !allowed.includes(origin)) return { vary: "Origin" };
  return {
    "access-control-allow-origin": origin,
    vary: "Origin",
    ...(env[CORS_ENVIRONMENT.allowCredentials] === "true" ? { "access-control-allow-credentials": "true" } : {}),
    ...exposed,
  };
}

const list = (value: string | undefined): string[] =>
  (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");

/** The answer with the CORS headers for the request's Origin; a Vary the route set keeps its names. */
export function withCorsHeaders(
  result: APIGatewayProxyResult,
  origin: string | undefined,
  env?: Readonly<Record<string, string | undefined>>,
): APIGatewayProxyResult {
  const cors = corsHeaders(origin, env);
  if (Object.keys(cors).length === 0) return result;
  const headers: Record<string, boolean | number | string> = { ...result.headers };
  const varyKey = Object.keys(headers).find((k) => k.toLowerCase() === "vary");
  if (cors.vary !== undefined && varyKey !== undefined) {
    const names = String(headers[varyKey])
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
    delete headers[varyKey];
    cors.vary = names.some((n) => n.toLowerCase() === "origin") ? names.join(", ") : [...names, "Origin"].join(", ");
  }
  return { ...result, headers: { ...headers, ...cors } };
}
