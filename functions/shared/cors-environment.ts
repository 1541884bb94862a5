/**
 * The environment variables a function reads its Lambda proxy routes' CORS from (functions/shared/cors.ts);
 * the stack sets them (components/lambda/cors-environment.ts). Here, so a function's bundle holds only
 * functions/.
 */
export const CORS_ENVIRONMENT = {
  /** Comma-separated origins, or `*`. */
  allowOrigins: "CORS_ALLOW_ORIGINS",
  /** Comma-separated header names; unset for none. */
  exposeHeaders: "CORS_EXPOSE_HEADERS",
  /** `true`, or unset. */
  allowCredentials: "CORS_ALLOW_CREDENTIALS",
} as const;
