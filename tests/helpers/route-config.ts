import type { RouteConfig } from "../../config";

/** A resolved Lambda proxy route with every default; override any field. */
export function routeConfig(method: RouteConfig["method"], path: string, extra: Partial<RouteConfig> = {}): RouteConfig {
  return {
    api: "public",
    method,
    path,
    integration: { type: "lambda_proxy", function: "fn", target: { kind: "unqualified" } },
    timeoutMs: 29000,
    authorization: "none",
    scopes: [],
    authorizer: undefined,
    summary: "",
    description: "",
    apiKeyRequired: false,
    validation: undefined,
    cache: undefined,
    throttling: undefined,
    cors: undefined,
    ...extra,
  };
}
