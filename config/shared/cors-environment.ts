/**
 * The environment that tells a function the CORS of its Lambda proxy routes: a proxy integration passes
 * the function's headers as they are, so the function sends them (functions/shared/cors.ts reads these).
 * The names are written twice, here for the stack and in functions/shared/cors-environment.ts, so a
 * function's bundle holds only functions/; tests/config/boundaries.test.ts keeps the two equal.
 */
export const CORS_ENVIRONMENT = {
  /** Comma-separated origins, or `*`. */
  allowOrigins: "CORS_ALLOW_ORIGINS",
  /** Comma-separated header names; unset for none. */
  exposeHeaders: "CORS_EXPOSE_HEADERS",
  /** `true`, or unset. */
  allowCredentials: "CORS_ALLOW_CREDENTIALS",
} as const;

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
