import { compileTemplate, type CompiledTemplate } from "../../vtl";

/**
 * Which request template a non-proxy integration applies, by the request's Content-Type, and what
 * happens when none is defined for it (AWS, "Method request behavior for payloads without mapping
 * templates for REST APIs in API Gateway", integration-passthrough-behaviors):
 * - a request without a Content-Type is read as `application/json`;
 * - WHEN_NO_MATCH (the default): a content type without a template passes the body through untransformed;
 * - WHEN_NO_TEMPLATES: the body passes through only when the integration defines no template at all;
 *   otherwise an unmapped content type is refused with HTTP 415 Unsupported Media Type;
 * - NEVER: an unmapped content type (or any, when no template is defined) is refused with 415.
 * Proxy integrations (AWS_PROXY, HTTP_PROXY) have no templates and always pass the request through.
 * The media type is compared without its parameters and case (`application/json; charset=utf-8`).
 */

export type PassthroughBehavior = "when_no_match" | "when_no_templates" | "never";

/** An integration's request templates by lower-cased media type, and its passthrough behavior. */
export interface RequestTemplates {
  readonly byType: ReadonlyMap<string, CompiledTemplate>;
  readonly passthrough: PassthroughBehavior;
  /** AWS_PROXY and HTTP_PROXY: no templates, nothing refused. */
  readonly proxy: boolean;
}

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const BEHAVIORS: readonly PassthroughBehavior[] = ["when_no_match", "when_no_templates", "never"];

/**
 * Reads an `x-amazon-apigateway-integration` object's request templates (compiled once) and passthrough
 * behavior; `json` is the integration's own `application/json` template, used as that type's.
 */
export function requestTemplatesOf(integration: unknown, name: string, json: CompiledTemplate | undefined): RequestTemplates {
  const o = isObject(integration) ? integration : {};
  const byType = new Map<string, CompiledTemplate>();
  for (const [type, text] of Object.entries(isObject(o.requestTemplates) ? o.requestTemplates : {})) {
    if (typeof text === "string") byType.set(type.toLowerCase(), compileTemplate(text, { templateName: `${name} request` }));
  }
  if (json !== undefined) byType.set("application/json", json);
  const behavior = String(o.passthroughBehavior ?? "when_no_match").toLowerCase() as PassthroughBehavior;
  const type = String(o.type ?? "").toLowerCase();
  return { byType, passthrough: BEHAVIORS.includes(behavior) ? behavior : "when_no_match", proxy: type === "aws_proxy" || type === "http_proxy" };
}

/** The media type of a Content-Type header, `application/json` when there is none. */
function mediaType(contentType: string | undefined): string {
  if (contentType === undefined) return "application/json";
  const semicolon = contentType.indexOf(";");
  const type = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return type === "" ? "application/json" : type;
}

/**
 * The template for a request's Content-Type: a compiled template, `undefined` to pass the body
 * through untransformed, or `"unsupported"` for API Gateway's 415.
 */
export function requestTemplateFor(templates: RequestTemplates, contentType: string | undefined): CompiledTemplate | undefined | "unsupported" {
  if (templates.proxy) return undefined;
  const template = templates.byType.get(mediaType(contentType));
  if (template !== undefined) return template;
  if (templates.passthrough === "never") return "unsupported";
  if (templates.passthrough === "when_no_templates" && templates.byType.size > 0) return "unsupported";
  return undefined;
}
