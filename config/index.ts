export * from "./constants";
export type * from "./types";
export { DEFAULTS } from "./defaults";
export { ConfigError, parseStackConfig } from "./parse";
export { pathParameterNames, pathSegments, resourceShape } from "./route-paths";
export { configWarnings } from "./warnings";
