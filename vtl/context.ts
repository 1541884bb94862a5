/**
 * `$context` for one render, and the overrides a template sets in it.
 *
 * AWS ("Use a mapping template to override an API's request and response parameters and status codes"):
 * a request template may set `$context.requestOverride.header.<name>`, `.path.<name>` and
 * `.querystring.<name>`; a response template `$context.responseOverride.status` and
 * `.header.<name>`, e.g. `#set($context.responseOverride.status = 400)`. And: "Overrides are final. An
 * override may only be applied to each parameter once. Trying to override the same parameter multiple
 * times will result in 5XX responses from Amazon API Gateway." Setting one twice therefore throws here.
 */
import { TemplateRuntimeError } from "./errors";
import { javaString } from "./java-text";
import { isPlainObject } from "./json-value";
import type { OverrideValue, RequestOverrides, TemplateContext, TemplateOverrides } from "./types";

/** One handler per map label, shared by every render: a handler (and its closure) per map was a visible share of a small template's render. */
const writeOnceHandlers = new Map<string, ProxyHandler<Record<string, unknown>>>();

function writeOnceHandler(label: string): ProxyHandler<Record<string, unknown>> {
  let handler = writeOnceHandlers.get(label);
  if (handler === undefined) {
    handler = {
      set(target, key, value: unknown) {
        if (typeof key === "string" && Object.prototype.hasOwnProperty.call(target, key)) {
          throw new TemplateRuntimeError(
            `${label}.${key} is set twice; AWS: "Overrides are final. An override may only be applied to each parameter once" (API Gateway answers 5XX)`,
          );
        }
        return Reflect.set(target, key, value);
      },
    };
    writeOnceHandlers.set(label, handler);
  }
  return handler;
}

/** The write-once maps of one render's `$context`, each with its own object: read without their proxies (collectOverrides). */
const MADE_MAPS = Symbol("write-once maps");
type MadeMaps = Map<object, Record<string, unknown>>;

/** A map whose keys can each be set once; `initial` holds what it starts with (set without the check). */
function writeOnce(made: MadeMaps, label: string, initial: Record<string, unknown> = {}): Record<string, unknown> {
  const proxy = new Proxy<Record<string, unknown>>(initial, writeOnceHandler(label));
  made.set(proxy, initial);
  return proxy;
}

function stringifyAuthorizer(authorizer: NonNullable<TemplateContext["authorizer"]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(authorizer)) {
    if (value === undefined) continue;
    out[key] = typeof value === "object" ? { ...value } : String(value);
  }
  return out;
}

/**
 * The `$context` map for a render: the request's context plus the override maps. A response template
 * reads what the request template set in `$context.requestOverride` (LocalStack's
 * test_integration_mock_with_request_overrides_in_response_template, recorded from AWS).
 */
export function buildContext(context: TemplateContext | undefined, requestOverride?: RequestOverrides): Record<string, unknown> {
  const { identity, authorizer, error } = context ?? {};
  // A loop, not `...rest`: V8's generic copy with excluded keys was a visible share of a small template's render.
  const value: Record<string, unknown> = {};
  for (const key in context) {
    if (key !== "identity" && key !== "authorizer" && key !== "error" && Object.prototype.hasOwnProperty.call(context, key))
      value[key] = (context as Record<string, unknown>)[key];
  }
  if (identity) value.identity = { ...identity };
  if (authorizer) value.authorizer = stringifyAuthorizer(authorizer);
  if (error) {
    value.error = { ...error, messageString: error.messageString ?? JSON.stringify(error.message ?? "") };
  }
  const made: MadeMaps = new Map();
  value.requestOverride = writeOnce(made, "$context.requestOverride", {
    header: writeOnce(made, "$context.requestOverride.header", requestOverride && { ...requestOverride.header }),
    path: writeOnce(made, "$context.requestOverride.path", requestOverride && { ...requestOverride.path }),
    querystring: writeOnce(made, "$context.requestOverride.querystring", requestOverride && { ...requestOverride.querystring }),
  });
  value.responseOverride = writeOnce(made, "$context.responseOverride", { header: writeOnce(made, "$context.responseOverride.header") });
  // Under a symbol: templates reach string keys only, and for-in and keySet() list none.
  (value as Record<symbol, unknown>)[MADE_MAPS] = made;
  return value;
}

function overrideValue(value: unknown): OverrideValue {
  return Array.isArray(value) ? value.map(javaString) : javaString(value);
}

function overrideMap(holder: unknown, key: string, made: MadeMaps | undefined): Record<string, OverrideValue> {
  const found = isPlainObject(holder) ? holder[key] : undefined;
  if (!isPlainObject(found)) return {};
  const map = made?.get(found) ?? found;
  const out: Record<string, OverrideValue> = {};
  for (const name in map) {
    const value = map[name];
    if (value !== null && value !== undefined && Object.prototype.hasOwnProperty.call(map, name)) out[name] = overrideValue(value);
  }
  return out;
}

function overrideStatus(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = javaString(value).trim();
  if (!/^\d{3}$/.test(text) || Number(text) < 100 || Number(text) > 599) {
    throw new TemplateRuntimeError(`$context.responseOverride.status must be an HTTP status code (100-599), got "${javaString(value)}"`);
  }
  return Number(text);
}

/** Reads the overrides a template set in a `$context` built by `buildContext`. */
export function collectOverrides(context: Record<string, unknown>): TemplateOverrides {
  const made = (context as Record<symbol, unknown>)[MADE_MAPS] as MadeMaps | undefined;
  const request = context.requestOverride;
  const response = context.responseOverride;
  const status = overrideStatus(isPlainObject(response) ? response.status : undefined);
  return {
    request: { header: overrideMap(request, "header", made), path: overrideMap(request, "path", made), querystring: overrideMap(request, "querystring", made) },
    response: status === undefined ? { header: overrideMap(response, "header", made) } : { status, header: overrideMap(response, "header", made) },
  };
}
