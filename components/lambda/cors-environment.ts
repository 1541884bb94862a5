import { CORS_ENVIRONMENT } from "../../functions/shared/cors-environment";

/**
 * The environment that tells a function the CORS of its Lambda proxy routes: a proxy integration passes
 * the function's headers as they are, so the function sends them (functions/shared/cors.ts reads these).
 */
export { CORS_ENVIRONMENT };

export interface FunctionCors {
  readonly allowOrigins: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly allowCredentials: boolean;
}

/** The variables for a function's CORS; none without it. */
export function corsEnvironment(cors: FunctionCors | undefined): Record<string, string> {
  if (!cors) return {};
  return {
    [CORS_ENVIRONMENT.allowOrigins]: cors.allowOrigins.join(","),
    ...(cors.exposeHeaders.length > 0 ? { [CORS_ENVIRONMENT.exposeHeaders]: cors.exposeHeaders.join(",") } : {}),
    ...(cors.allowCredentials ? { [CORS_ENVIRONMENT.allowCredentials]: "true" } : {}),
  };
}
