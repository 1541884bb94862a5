/**
 * The schema of the `gateway` config key: the top-level keys are in config/gateway.ts, each section's
 * in config/sections/, and what a REST route's request goes to (`routes[].integration`, one module per
 * integration type) in config/integrations/.
 */
export { integrationSchema } from "./integrations";
export type { GatewayInput } from "./gateway";
export type { BackendInput } from "./sections/backends";
export type { CorsInput, RouteCorsInput } from "./sections/cors";
export type { AliasInput, FunctionInput } from "./sections/function";
export type { RouteInput } from "./sections/route";
