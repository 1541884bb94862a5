import { z } from "zod";
import { checkBackendRoute } from "../backend-references";
import type { HttpMethod } from "../constants";
import { httpMethodSchema, integrationConfig } from "./shared";

/** An HTTP proxy to a private backend of gateway.backends, through its VPC link. */
export interface BackendIntegration {
  readonly type: "backend";
  readonly backend: string;
  /** The path on the backend, with the route's path parameters as `{name}`. */
  readonly path: string;
  readonly httpMethod: HttpMethod;
  readonly requestParameters: Readonly<Record<string, string>>;
}

/** A `{proxy+}` route forwards its greedy path to the backend; any other route the backend's root. */
export function defaultBackendPath(routePath: string): string {
  const greedy = /\{([A-Za-z0-9_]+)\+\}$/.exec(routePath);
  return greedy ? `/{${greedy[1]}}` : "/";
}

export const backendSchema = z.strictObject({
  type: z.literal("backend"),
  /** A key of gateway.backends: reached through its own VPC link and internal load balancer. */
  backend: z.string(),
  /** The path on the backend, with the route's path parameters as `{name}`. @default `/{proxy}` for a `{proxy+}` route, else `/` */
  path: z.string().optional(),
  /** @default the route's method */
  httpMethod: httpMethodSchema.optional(),
  requestParameters: z.record(z.string(), z.string()).optional(),
});

export const backendConfig = integrationConfig({
  schema: backendSchema,
  resolve: (i, route): BackendIntegration => ({
    type: "backend",
    backend: i.backend,
    path: i.path ?? defaultBackendPath(route.path),
    httpMethod: i.httpMethod ?? route.method,
    requestParameters: i.requestParameters ?? {},
  }),
  check: (i, { input, route, index }) => checkBackendRoute(input, route, index, i),
  untemplatedResponses: () => [],
});
