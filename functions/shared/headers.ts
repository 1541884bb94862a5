import type { APIGatewayProxyEvent } from "aws-lambda";

/** API Gateway passes header names as the client sent them, so lookups ignore case. */
export function getHeader(event: Pick<APIGatewayProxyEvent, "headers">, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}
