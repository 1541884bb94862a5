/**
 * The environment that tells a function the CORS of its Lambda proxy routes, defined in config/shared
 * (the stack configuration checks a function's environment against it).
 */
export { CORS_ENVIRONMENT, corsEnvironment, type FunctionCors } from "../../config/shared/cors-environment";
