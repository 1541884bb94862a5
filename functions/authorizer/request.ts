import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from "aws-lambda";
import { authorize } from "./authorize";
import { bearerCredential, rawCredential, type Credential } from "./bearer";

/**
 * REST API (and WebSocket `$connect`) REQUEST authorizer: the token comes from the `Authorization`
 * header, else from the `token` query parameter (browsers cannot set headers on a WebSocket). Answers
 * are described in `./authorize`.
 */
export async function handler(event: APIGatewayRequestAuthorizerEvent, context?: Context): Promise<APIGatewayAuthorizerResult> {
  return authorize(
    {
      type: "REQUEST",
      credential: () => requestCredential(event),
      methodArn: () => event?.methodArn,
      logKeys: () => ({ apiGatewayRequestId: event?.requestContext?.requestId, stage: event?.requestContext?.stage }),
    },
    context,
  );
}

type CredentialSources = Pick<APIGatewayRequestAuthorizerEvent, "headers" | "multiValueHeaders" | "queryStringParameters" | "multiValueQueryStringParameters">;

/**
 * `Authorization: Bearer <jwt>` (header name in any case), else `?token=<jwt>`. A header that is
 * present decides alone: a bad one is refused, not rescued by the query string. A credential given
 * more than once is refused rather than guessed at.
 */
export function requestCredential(event: CredentialSources): Credential {
  const headers = valuesOf(event.multiValueHeaders, event.headers, (name) => name.toLowerCase() === "authorization");
  if (headers.length > 1) return { problem: "duplicate-token" };
  if (headers.length === 1) return bearerCredential(headers[0]);

  const tokens = valuesOf(event.multiValueQueryStringParameters, event.queryStringParameters, (name) => name === "token");
  if (tokens.length > 1) return { problem: "duplicate-token" };
  return rawCredential(tokens[0]);
}

/** Every value of the matching names; the multi-value map when API Gateway sent one, since the other keeps only the last value. */
function valuesOf(
  multi: Record<string, string[] | undefined> | null | undefined,
  single: Record<string, string | undefined> | null | undefined,
  matches: (name: string) => boolean,
): string[] {
  const found: string[] = [];
  if (multi) {
    for (const [name, values] of Object.entries(multi)) if (matches(name)) found.push(...(values ?? []));
    if (found.length > 0) return found;
  }
  for (const [name, value] of Object.entries(single ?? {})) if (matches(name) && value !== undefined) found.push(value);
  return found;
}
