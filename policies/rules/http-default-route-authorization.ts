import type { StackValidationPolicy } from "@pulumi/policy";
import { authorizationConfig, HTTP_ROUTE_FIX, orPublic, PUBLIC_ROUTE_KEYS_SCHEMA, type MethodAuthorizationConfig } from "../lib/route-authorization";
import { dependsThrough, ofType, shown, TYPES } from "../lib/stack";
import { read } from "../lib/unknown";

/**
 * A `$default` route is an HTTP API's catch-all (every request no other route matches) or a WebSocket
 * API's fallback for messages, which rides on the authorized `$connect`. Only the route's API says
 * which, so this stack rule reads the API the route's apiId came from (a property dependency, known at
 * the first preview); it blocks at preview. Routes of an API outside the stack are not judged here.
 */
export const httpDefaultRouteAuthorization: StackValidationPolicy = {
  name: "http-default-route-authorization",
  description: "The $default (catch-all) route of an HTTP API in the stack requires authorization, unless $default is listed in publicRouteKeys.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { publicRouteKeys: PUBLIC_ROUTE_KEYS_SCHEMA } },
  validateStack: (args, report) => {
    const config = authorizationConfig(args.getConfig<Partial<MethodAuthorizationConfig>>());
    if (config.publicRouteKeys.includes("$default")) return;
    const apis = ofType(args.resources, TYPES.v2Api);
    for (const route of ofType(args.resources, TYPES.v2Route)) {
      if (read(() => route.props.routeKey) !== "$default") continue;
      const api = apis.find((a) => dependsThrough(route, "apiId", a));
      if (!api || read(() => api.props.protocolType) !== "HTTP") continue;
      const type = read(() => route.props.authorizationType);
      if (typeof type === "string" && type !== "NONE") continue;
      if (typeof type === "symbol") continue;
      const name = read(() => api.props.name);
      report(
        `Route "${route.name}" is the catch-all of HTTP API "${typeof name === "string" ? name : api.name}" and lets anyone call any path no other route matches (authorizationType is ${shown(type)}). ${HTTP_ROUTE_FIX}, ${orPublic("$default")}`,
        route.urn,
      );
    }
  },
};
