import { errorTemplate, INTEGRATION_ERROR_TEMPLATE, need, serviceUri, type IntegrationModule, type IntegrationResponseObject } from "./shared";

/** S3 GetObject: the bucket and key (the key may hold `{key}`). */
export interface S3Description {
  readonly type: "s3";
  readonly bucket: string;
  readonly key: string;
  readonly responses: Readonly<Record<string, IntegrationResponseObject>>;
}

/** `GetObject` of a fixed key or the route's `{key}`; Content-Type and ETag passed through, missing objects 404. */
export const s3Integration: IntegrationModule<"s3", S3Description> = {
  object: (route, i, backend, templates) => ({
    type: "aws",
    httpMethod: "GET",
    uri: need(route, backend.uri, "object URI"),
    credentials: need(route, backend.credentials, "role"),
    passthroughBehavior: "when_no_match",
    timeoutInMillis: route.timeoutMs,
    ...(i.objectKey === undefined ? { requestParameters: { "integration.request.path.key": "method.request.path.key" } } : {}),
    responses: {
      default: {
        statusCode: "200",
        responseParameters: {
          "method.response.header.Content-Type": "integration.response.header.Content-Type",
          "method.response.header.ETag": "integration.response.header.ETag",
        },
      },
      // Without s3:ListBucket, S3 answers 403 for a missing object: both are "not found" to the client.
      "40[34]": { statusCode: "404", responseTemplates: errorTemplate(templates, INTEGRATION_ERROR_TEMPLATE, 404) },
      "5\\d{2}": { statusCode: "502", responseTemplates: errorTemplate(templates, INTEGRATION_ERROR_TEMPLATE, 502) },
    },
  }),
  templateFiles: () => [INTEGRATION_ERROR_TEMPLATE],
  describe: (i) => {
    const service = serviceUri(i.uri);
    if (i.type !== "aws" || service?.service !== "s3" || service.kind !== "path") return undefined;
    const [bucket = "", ...key] = service.rest.split("/");
    return { type: "s3", bucket, key: key.join("/"), responses: i.responses };
  },
};
