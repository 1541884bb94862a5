/**
 * The mapping templates shipped in `templates/*.vtl`: their names, their text, and rendering them.
 *
 * Each file starts with a header of `##` comment lines saying what it does and what it expects. The
 * header renders to nothing in VTL, but it is not worth deploying (and a gateway-response template is
 * not VTL at all, so there it would be sent as is): `loadTemplate` returns the text without it.
 */
import { TEMPLATES_DIR } from "../config/paths";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { renderWithOverrides } from "./render";
import type { RenderResult, TemplateRequest } from "./types";

export const TEMPLATE_NAMES = [
  "json-to-soap-request",
  "soap-to-json-response",
  "rename-query-parameters",
  "reshape-body",
  "order-preview",
  "order-refused",
  "sqs-send-message",
  "sfn-start-execution",
  "mock-response",
  "error-response",
  "integration-error",
  "dynamodb-get-item",
  "dynamodb-item-response",
] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** The folder holding the `.vtl` files. */
export { TEMPLATES_DIR };

/** The path of a template file. */
export function templatePath(name: TemplateName): string {
  return resolve(TEMPLATES_DIR, `${name}.vtl`);
}

/** The file as written, header included. */
export function readTemplateSource(name: TemplateName): string {
  return readFileSync(templatePath(name), "utf8");
}

/** Removes the leading `##` comment lines. */
export function stripHeaderComment(source: string): string {
  const lines = source.split("\n");
  let first = 0;
  while (first < lines.length && lines[first].startsWith("##")) first++;
  return lines.slice(first).join("\n");
}

/** The template text to deploy (header removed). */
export function loadTemplate(name: TemplateName): string {
  return stripHeaderComment(readTemplateSource(name));
}

/** Renders a shipped template (the whole file, so error lines match the file) with its overrides. */
export function renderTemplateWithOverrides(name: TemplateName, request: TemplateRequest): RenderResult {
  return renderWithOverrides(readTemplateSource(name), request, { templateName: `${name}.vtl` });
}

/** Renders a shipped template and returns its output. */
export function renderTemplate(name: TemplateName, request: TemplateRequest): string {
  return renderTemplateWithOverrides(name, request).output;
}
