/**
 * Runs a request body through a real draft 4 validator (ajv + ajv-draft-04) and through the items
 * handler's own pipeline (`parseJsonObjectBody`, then `validateItem` or `validatePatch`), from the same
 * JSON text, so both see exactly what API Gateway and Lambda would receive.
 */
import Ajv from "ajv-draft-04";
import type { ValidateFunction } from "ajv";
import type { Draft4Schema } from "../../components/rest-api/models";
import { validateItem, validatePatch } from "../../functions/items/validation";
import { parseJsonObjectBody } from "../../functions/shared/body";
import { HttpError } from "../../functions/shared/http";

export type BodyModel = "ItemCreate" | "ItemPatch";

/** A schema verdict: accepted, or the sorted distinct keywords that rejected the body. */
export type SchemaVerdict = "accept" | readonly string[];

export type HandlerVerdict = { readonly ok: true } | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

/**
 * Draft 4, every error reported (so a case can name every keyword that rejects it), strict schema
 * checks. `strictTypes: false` lets through keywords without a `type` beside them, which the OpenAPI
 * form of ItemPatch has on purpose (see components.ts).
 */
export function draft4(options: { strictTypes?: boolean } = {}): Ajv {
  return new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, strictTypes: options.strictTypes ?? true });
}

const compiled = new WeakMap<object, ValidateFunction>();

export function schemaVerdict(ajv: Ajv, schema: Draft4Schema, body: string): SchemaVerdict {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema as object);
    compiled.set(schema, validate);
  }
  if (validate(JSON.parse(body))) return "accept";
  return [...new Set((validate.errors ?? []).map((e) => e.keyword))].sort();
}

const MEDIA_TYPES: Record<BodyModel, string[]> = {
  ItemCreate: ["application/json"],
  ItemPatch: ["application/json", "application/merge-patch+json"],
};

export function handlerVerdict(model: BodyModel, body: string): HandlerVerdict {
  const event = { body, isBase64Encoded: false, headers: { "content-type": "application/json" } };
  try {
    const object = parseJsonObjectBody(event, MEDIA_TYPES[model]);
    if (model === "ItemCreate") validateItem(object);
    else validatePatch(object);
    return { ok: true };
  } catch (error) {
    if (error instanceof HttpError) return { ok: false, status: error.status, code: error.code, message: error.message };
    throw error;
  }
}
