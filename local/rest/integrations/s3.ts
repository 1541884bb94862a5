import { createHash } from "crypto";
import * as fs from "fs";
import { contentType } from "../../../components/integrations/content-type";
import type { RestAnswer } from "../context";
import { responseAnswer, selectResponse, type IntegrationContext } from "../integration";
import type { S3Description } from "../../../components/rest-api/integrations/s3";
import type { RestIntegration } from "../model";

/** What S3 answers for a key it will not reveal (403 without s3:ListBucket), as its REST API writes errors. */
export const S3_ACCESS_DENIED = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';

/**
 * S3 GetObject from the bucket's captured objects (each read from the file the stack uploads): an
 * object is its file with its content type; a missing key is S3's 403 AccessDenied, mapped by the
 * route's integration responses (selected on "403").
 */
export function s3(ctx: IntegrationContext, integration: RestIntegration<S3Description>): RestAnswer {
  const objects = ctx.deps.buckets[integration.description.bucket];
  if (!objects) return ctx.error("INTEGRATION_FAILURE", { status: 500, message: "Internal server error" });
  const key = integration.description.key.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const raw = ctx.pathParameters[name] ?? "";
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  });
  const object = Object.prototype.hasOwnProperty.call(objects, key) ? objects[key] : undefined;
  if (!object || !fs.existsSync(object.file)) {
    const selected = selectResponse(integration.responses, "403");
    if (!selected) return ctx.error("API_CONFIGURATION_ERROR", { status: 500 });
    return responseAnswer(ctx, selected, S3_ACCESS_DENIED, { status: 403 });
  }
  const body = fs.readFileSync(object.file);
  // S3's own headers (its ETag is the quoted MD5 of an object uploaded in one part), mapped by the route's default response.
  const s3Headers = { "content-type": object.contentType ?? contentType(key), etag: `"${createHash("md5").update(body).digest("hex")}"` };
  const selected = selectResponse(integration.responses, "200");
  if (!selected) return ctx.error("API_CONFIGURATION_ERROR", { status: 500 });
  return responseAnswer(ctx, selected, body, { status: 200 }, s3Headers);
}
