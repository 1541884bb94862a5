import type { DynamoDbDescription } from "../../../components/rest-api/integrations/dynamodb";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../dynamodb-local";
import type { RestAnswer } from "../context";
import { renderRequestTemplate, responseAnswer, selectResponse, type IntegrationContext } from "../integration";
import type { RestIntegration } from "../model";
import { notServedHere } from "./backend";

/** Where the twin's DynamoDB routes go: DynamoDB Local, and the local name of each deployed table. */
export interface DynamoDbTarget {
  readonly endpoint: string;
  /** Deployed table name (as the stack's templates name it) → the table's name in DynamoDB Local. */
  readonly tables: Readonly<Record<string, string>>;
}

/** DynamoDB's JSON protocol (`X-Amz-Target: DynamoDB_20120810.<Action>`); DynamoDB Local reads the key id, not the signature. */
function headers(action: string): Record<string, string> {
  const date = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  const scope = `${date.slice(0, 8)}/${LOCAL_REGION}/dynamodb/aws4_request`;
  return {
    "content-type": "application/x-amz-json-1.0",
    "x-amz-target": `DynamoDB_20120810.${action}`,
    "x-amz-date": date,
    authorization: `AWS4-HMAC-SHA256 Credential=${LOCAL_CREDENTIALS.accessKeyId}/${scope}, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=local`,
  };
}

/** The request with its deployed table name replaced by the local one (a body that is not JSON goes as it is). */
function localRequest(payload: string, tables: DynamoDbTarget["tables"]): string {
  try {
    const request = JSON.parse(payload) as Record<string, unknown>;
    const local = typeof request.TableName === "string" ? tables[request.TableName] : undefined;
    return local === undefined ? payload : JSON.stringify({ ...request, TableName: local });
  } catch {
    return payload;
  }
}

/**
 * A DynamoDB action, as API Gateway's AWS integration calls it: the request template's output is the
 * action's JSON request, sent to DynamoDB Local; DynamoDB's status selects the integration response
 * (its errors are 400 or 500 with a `__type` and a message), whose template renders its answer. No
 * answer within the integration timeout is 504; DynamoDB Local out of reach is 502.
 */
export async function dynamoDb(ctx: IntegrationContext, integration: RestIntegration<DynamoDbDescription>): Promise<RestAnswer> {
  const target = ctx.deps.dynamoDb;
  if (!target) return notServedHere("DynamoDB integration (the twin was started without DynamoDB Local)");
  const payload = integration.requestTemplate ? renderRequestTemplate(ctx, integration.requestTemplate).output : ctx.body.toString("utf8");
  const started = performance.now();
  let status: number;
  let body: string;
  try {
    const response = await fetch(target.endpoint, {
      method: "POST",
      headers: headers(integration.description.action),
      body: localRequest(payload, target.tables),
      signal: AbortSignal.timeout(integration.timeoutMs),
    });
    status = response.status;
    body = await response.text();
  } catch (error) {
    if ((error as Error).name === "TimeoutError") return ctx.error("INTEGRATION_TIMEOUT", { status: 504 });
    return ctx.error("INTEGRATION_FAILURE", { status: 502, message: "Internal server error" });
  }
  const latency = Math.round(performance.now() - started);
  const selected = selectResponse(integration.responses, String(status));
  if (!selected) return { ...ctx.error("API_CONFIGURATION_ERROR", { status: 500 }), integrationLatencyMs: latency };
  return responseAnswer(ctx, selected, body, { status, latencyMs: latency });
}
