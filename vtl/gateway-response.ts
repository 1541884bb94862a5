/**
 * Gateway responses (API Gateway's own error answers: validation failures, throttling, auth errors) take
 * a body template too, but AWS documents it as "a GatewayResponse body-mapping template, which is not
 * processed by the Velocity Template Language engine": only simple variable substitution happens
 * (`$context.error.message` "can only be used for simple variable substitution in a GatewayResponse
 * body-mapping template ... and in access logging").
 *
 * `renderGatewayResponse` does exactly that: each `$context.a.b` / `$stageVariables.x` reference is
 * replaced by its value (an empty string when absent), and everything else, directives and `$util`
 * calls included, is left as written. A template meant for gateway responses must therefore not rely on
 * VTL; `error-response.vtl` is written that way.
 */
import { buildContext } from "./context";
import { isPlainObject } from "./json-value";
import type { TemplateRequest } from "./types";

const REFERENCE = /\$(context|stageVariables)((?:\.[A-Za-z0-9_]+)+)/g;

function lookup(root: unknown, path: readonly string[]): string {
  let value: unknown = root;
  for (const key of path) {
    if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, key)) return "";
    value = value[key];
  }
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

/** Renders a gateway-response body template by simple substitution of `$context` and `$stageVariables`. */
export function renderGatewayResponse(template: string, request: TemplateRequest): string {
  const roots: Readonly<Record<string, unknown>> = { context: buildContext(request.context), stageVariables: { ...request.stageVariables } };
  return template.replace(REFERENCE, (_match, root: string, path: string) => lookup(roots[root], path.slice(1).split(".")));
}
