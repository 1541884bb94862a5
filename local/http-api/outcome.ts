import { HTTP_API_ERRORS, type HttpApiErrorType } from "../gateway-errors";
import type { Claims } from "../tokens";

/** One request to the HTTP API as the twin reads it. */
export interface HttpRequest {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQueryString: string;
  /** Lower-case names, repeated ones joined with commas (as payload 2.0 has them). */
  readonly headers: Record<string, string>;
  readonly requestId: string;
  readonly started: number;
  readonly sourceIp: string;
  readonly domainName: string;
  readonly protocol: string;
}

/** What the HTTP API answers, with what its access log records. */
export interface Outcome {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer | string;
  readonly routeKey?: string;
  readonly claims?: Claims;
  readonly authorizerError?: string;
  readonly errorMessage?: string;
  readonly errorType?: string;
  readonly integrationStatus?: number;
  readonly integrationLatencyMs?: number;
  readonly integrationRequestId?: string;
  readonly integrationError?: string;
  /** The gateway's answer to a CORS preflight: its headers are final. */
  readonly preflight?: boolean;
}

/** The gateway's own error answer: `{"message": ...}` at its status. */
export function gatewayError(type: HttpApiErrorType, extra: Partial<Outcome> = {}, headers: Record<string, string> = {}): Outcome {
  const { status, message } = HTTP_API_ERRORS[type];
  return {
    status,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ message }),
    errorMessage: message,
    errorType: type,
    ...extra,
  };
}

/** A route the twin cannot serve: 502 with a JSON message saying why. */
export function notServed(what: string, routeKey: string): Outcome {
  return {
    status: 502,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ error: "not_served_locally", message: `the local twin cannot serve this ${what}` }),
    routeKey,
    errorMessage: "not served locally",
    errorType: "INTEGRATION_FAILURE",
  };
}
