import { isUtf8 } from "buffer";

/**
 * What API Gateway does to a non-proxy integration's payloads between text and binary (AWS, "Content
 * type conversions in API Gateway", api-gateway-payload-encodings-workflow, its two tables; the
 * response table as LocalStack's AWS-validated TestApiGatewayS3BinarySupport recorded it, in
 * test_apigateway_s3.snapshot.json). A payload is binary when its media type (the request's
 * Content-Type; the integration response's Content-Type) matches one of the API's binaryMediaTypes,
 * text otherwise; a text payload API Gateway passes on is a UTF-8 string (bytes that are not UTF-8
 * become U+FFFD); converting text to binary reads it as base64, and text that is not base64 is a 500
 * ("If the conversion fails, it returns a 500 response, which indicates an API configuration error").
 */

export type ContentHandling = "CONVERT_TO_TEXT" | "CONVERT_TO_BINARY";

/** An integration's or integration response's `contentHandling`; undefined when unset or unknown. */
export function contentHandlingOf(value: unknown): ContentHandling | undefined {
  const upper = typeof value === "string" ? value.toUpperCase() : "";
  return upper === "CONVERT_TO_TEXT" || upper === "CONVERT_TO_BINARY" ? upper : undefined;
}

/** Standard base64 with its padding, as API Gateway's decoder reads it (nothing else in between). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes a base64 text stands for; undefined when it is no base64. */
function base64Decoded(text: string): Buffer | undefined {
  return BASE64.test(text) ? Buffer.from(text, "base64") : undefined;
}

/** A payload as the UTF-8 string API Gateway makes of text: valid UTF-8 as it is, other bytes replaced. */
function utf8(payload: Buffer): Buffer {
  return isUtf8(payload) ? payload : Buffer.from(payload.toString("utf8"), "utf8");
}

/**
 * The integration request's payload from the method request's body (the request table): a binary body
 * stays binary unless CONVERT_TO_TEXT base64-encodes it; a text body is its UTF-8 string unless
 * CONVERT_TO_BINARY base64-decodes it. Undefined: the body is no base64 (API Gateway's 500).
 */
export function integrationRequestPayload(body: Buffer, binary: boolean, handling: ContentHandling | undefined): Buffer | undefined {
  if (body.length === 0) return body;
  if (binary) return handling === "CONVERT_TO_TEXT" ? Buffer.from(body.toString("base64"), "latin1") : body;
  return handling === "CONVERT_TO_BINARY" ? base64Decoded(body.toString("latin1")) : utf8(body);
}

/**
 * The method response's payload from the integration's (the response table): CONVERT_TO_TEXT
 * base64-encodes a binary payload and passes text as its UTF-8 string; CONVERT_TO_BINARY base64-decodes
 * text and passes binary as it is; without contentHandling the request's first Accept media type
 * decides: a binary Accept decodes text and keeps binary, a text Accept encodes binary and keeps text.
 * Undefined: text to decode that is no base64 (API Gateway's 500).
 */
export function methodResponsePayload(
  payload: string | Buffer,
  payloadBinary: boolean,
  acceptBinary: boolean,
  handling: ContentHandling | undefined,
): string | Buffer | undefined {
  const toBinary = handling === "CONVERT_TO_BINARY" || (handling === undefined && acceptBinary);
  if (payloadBinary) return toBinary ? payload : Buffer.from(payload).toString("base64");
  if (toBinary) return base64Decoded(typeof payload === "string" ? payload : payload.toString("latin1"));
  return typeof payload === "string" ? payload : utf8(payload);
}
