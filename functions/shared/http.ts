import type { APIGatewayProxyResult } from "aws-lambda";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** The body of every error response. */
export type ErrorBody = {
  error: string;
  message: string;
};

/** An error whose status, machine code and message are safe to send to the client as they are. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export function json(status: number, body: JsonValue, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

export function noContent(headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode: 204, headers, body: "" };
}

export function errorResponse(status: number, code: string, message: string): APIGatewayProxyResult {
  const body: ErrorBody = { error: code, message };
  return json(status, body);
}
