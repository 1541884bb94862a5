import type { APIGatewayProxyEvent } from "aws-lambda";
import { HttpError } from "./http";

type QueryEvent = Pick<APIGatewayProxyEvent, "queryStringParameters" | "multiValueQueryStringParameters">;

/** A query parameter that may appear at most once; `code` is the error code used when it repeats. */
export function singleQueryParam(event: QueryEvent, name: string, code: string): string | undefined {
  const values = event.multiValueQueryStringParameters?.[name];
  if (values !== undefined && values.length > 1) {
    throw new HttpError(400, code, `query parameter ${name} must be given at most once`);
  }
  return event.queryStringParameters?.[name] ?? undefined;
}
