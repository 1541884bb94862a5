/**
 * API Gateway mapping templates, rendered by a real Velocity engine (velocityjs) with an emulation of
 * API Gateway's template variables (`$input`, `$util`, `$context`, `$stageVariables`). Used by the tests
 * of `templates/*.vtl`, and meant to serve a local twin of API Gateway.
 */
export { compileTemplate, render, renderWithOverrides } from "./render";
export type { CompiledTemplate } from "./render";
export { renderGatewayResponse } from "./gateway-response";
export { VtlError } from "./errors";
export type { VtlErrorKind } from "./errors";
export { escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode, base64Decode } from "./util";
export { evaluateJsonPath, parseJsonPath } from "./json-path";
export type { JsonPathResult, JsonPathSegment } from "./json-path";
export {
  TEMPLATE_NAMES,
  TEMPLATES_DIR,
  loadTemplate,
  readTemplateSource,
  renderTemplate,
  renderTemplateWithOverrides,
  stripHeaderComment,
  templatePath,
} from "./templates";
export type { TemplateName } from "./templates";
export type {
  AuthorizerValue,
  JsonValue,
  OverrideValue,
  RenderOptions,
  RenderResult,
  RequestOverrides,
  ResponseOverrides,
  TemplateAuthorizer,
  TemplateContext,
  TemplateError,
  TemplateIdentity,
  TemplateOverrides,
  TemplateRequest,
} from "./types";
