import type { APIGatewayProxyResult } from "aws-lambda";
import { json } from "../shared/http";
import type { Item } from "./model";

export const etag = (version: number): string => `"${version}"`;

export function itemResponse(status: number, item: Item, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return json(status, item, { ETag: etag(item.version), ...headers });
}
