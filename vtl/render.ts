/**
 * Renders a mapping template against a request, as API Gateway would: `$input`, `$util`, `$context`
 * (with its override maps) and `$stageVariables` are in scope.
 *
 * Two entry points: `render` returns the output text only; `renderWithOverrides` also returns what the
 * template set in `$context.requestOverride` / `$context.responseOverride`, which the caller (a test, or
 * a local twin of API Gateway) applies to the integration request or the method response.
 */
import { buildContext, collectOverrides } from "./context";
import { ApiGatewayCompile, parseTemplate } from "./engine";
import { TemplateRuntimeError, VtlError } from "./errors";
import { TemplateInput } from "./input";
import type { RenderOptions, RenderResult, TemplateRequest } from "./types";
import { TemplateUtil } from "./util";

const INLINE = "<inline>";

/** A template parsed once, rendered for any number of requests. */
export interface CompiledTemplate {
  readonly name: string;
  /** The output and the overrides the template set. Throws `VtlError` (render). */
  renderWithOverrides(request: TemplateRequest): RenderResult;
  /** The output only. Throws `VtlError` (render). */
  render(request: TemplateRequest): string;
}

/**
 * Templates parsed once per text: a stack's routes share a few texts (the dev stack's twin compiles 34
 * templates of 15 texts at each start, about half its start-up's template work). Only parses that
 * succeed are kept (an error names its template). Rendering reads the ASTs (every compile has the same
 * config, so velocityjs's one write, `prue` under `unescape`, is never made): the same text shares them.
 */
const templateAsts = new Map<string, ReturnType<typeof parseTemplate>>();
const MAX_TEMPLATES = 1_000;

function parsedTemplate(template: string, templateName: string): ReturnType<typeof parseTemplate> {
  let asts = templateAsts.get(template);
  if (asts === undefined) {
    asts = parseTemplate(template, templateName);
    if (templateAsts.size >= MAX_TEMPLATES) templateAsts.clear();
    templateAsts.set(template, asts);
  }
  return asts;
}

/** Parses `template` once (throws `VtlError` on a syntax error); each render then only evaluates it. */
export function compileTemplate(template: string, options: RenderOptions = {}): CompiledTemplate {
  const templateName = options.templateName ?? INLINE;
  const asts = parsedTemplate(template, templateName);
  // A template of text alone (no reference, no directive: e.g. a mock's `{"statusCode": 200}`)
  // renders as that text for every request, and sets no override: nothing to evaluate.
  if (asts.every((ast) => typeof ast === "string")) {
    const output = (asts as unknown as string[]).join("");
    const renderStatic = (): RenderResult => ({ output, overrides: { request: { header: {}, path: {}, querystring: {} }, response: { header: {} } } });
    return { name: templateName, renderWithOverrides: renderStatic, render: () => output };
  }
  const renderWithOverrides = (request: TemplateRequest): RenderResult => {
    const context = buildContext(request.context, request.requestOverride);
    const variables: Record<string, unknown> = {
      input: new TemplateInput(request),
      util: new TemplateUtil(),
      context,
      stageVariables: { ...request.stageVariables },
    };
    try {
      const output = new ApiGatewayCompile(asts).render(variables, undefined, true);
      return { output, overrides: collectOverrides(context) };
    } catch (e) {
      if (e instanceof VtlError) throw e;
      if (e instanceof TemplateRuntimeError) throw new VtlError("render", templateName, e.message, e.line);
      throw new VtlError("render", templateName, e instanceof Error ? e.message : String(e));
    }
  };
  return { name: templateName, renderWithOverrides, render: (request) => renderWithOverrides(request).output };
}

/** Renders `template` and returns the output and the overrides it set. Throws `VtlError` (syntax or render). */
export function renderWithOverrides(template: string, request: TemplateRequest, options: RenderOptions = {}): RenderResult {
  return compileTemplate(template, options).renderWithOverrides(request);
}

/** Renders `template` and returns its output. Throws `VtlError` (syntax or render). */
export function render(template: string, request: TemplateRequest, options: RenderOptions = {}): string {
  return renderWithOverrides(template, request, options).output;
}
