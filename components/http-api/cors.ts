import type { HttpApiCors } from "./types";

export { CORS_HEADER_PATTERN, CORS_MAX_AGE_SECONDS, CORS_METHODS, CORS_ORIGIN_PATTERN, corsProblems } from "../../config/shared/cors";

/** The `corsConfiguration` of an `aws.apigatewayv2.Api`: only the fields the arguments set. */
export interface HttpApiCorsConfiguration {
  readonly allowOrigins: string[];
  readonly allowMethods?: string[];
  readonly allowHeaders?: string[];
  readonly exposeHeaders?: string[];
  readonly maxAge?: number;
  readonly allowCredentials?: boolean;
}

/** The Api's CORS configuration from valid arguments. */
export function corsConfiguration(cors: HttpApiCors): HttpApiCorsConfiguration {
  return {
    allowOrigins: [...cors.allowOrigins],
    ...(cors.allowMethods ? { allowMethods: [...cors.allowMethods] } : {}),
    ...(cors.allowHeaders ? { allowHeaders: [...cors.allowHeaders] } : {}),
    ...(cors.exposeHeaders ? { exposeHeaders: [...cors.exposeHeaders] } : {}),
    ...(cors.maxAgeSeconds !== undefined ? { maxAge: cors.maxAgeSeconds } : {}),
    ...(cors.allowCredentials !== undefined ? { allowCredentials: cors.allowCredentials } : {}),
  };
}
