import { z } from "zod";
import { formatValue } from "../format";
import { pathParameterNames } from "../route-paths";
import { at, integrationConfig, list } from "./shared";

export interface S3Integration {
  readonly type: "s3";
  readonly bucket: string;
  /** A fixed key, or undefined when the route's `key` path parameter names the object. */
  readonly objectKey: string | undefined;
}

export const s3Schema = z.strictObject({
  type: z.literal("s3"),
  /** A key of gateway.buckets whose objects the route reads (GET or HEAD). */
  bucket: z.string(),
  /** A fixed object key; otherwise the route's `{key}` or `{key+}` path parameter names it. */
  objectKey: z.string().optional(),
});

export const s3Config = integrationConfig({
  schema: s3Schema,
  resolve: (i): S3Integration => ({ type: "s3", bucket: i.bucket, objectKey: i.objectKey }),
  check: (i, { input, route, base }) => {
    const buckets = Object.keys(input.buckets ?? {});
    const problems: string[] = [];
    if (!buckets.includes(i.bucket))
      problems.push(`${at(...base, "bucket")}: ${formatValue(i.bucket)} is not a bucket in gateway.buckets (defined: ${list(buckets)})`);
    if (i.objectKey === undefined && !pathParameterNames(route.path).includes("key")) {
      problems.push(`${at(...base)}: give objectKey, or a {key} or {key+} path parameter naming the object (${formatValue(route.path)} has none)`);
    }
    if (route.method !== "GET" && route.method !== "HEAD") problems.push(`${at(...base)}: an S3 route reads objects: GET or HEAD, not ${route.method}`);
    return problems;
  },
  // An S3 route answers the object as S3 sends it, without a mapping template.
  untemplatedResponses: () => [["integration", "type"]],
});
