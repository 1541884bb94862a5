import { renderWithOverrides, type OverrideValue, type TemplateRequest } from "../vtl";

export interface IntegrationResponseEntry {
  readonly statusCode: string;
  readonly responseTemplates?: Readonly<Record<string, string>>;
  readonly responseParameters?: Readonly<Record<string, string>>;
}

export interface TwinAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * The integration response API Gateway picks for a backend answer: the first selection pattern (a
 * regular expression over the whole status, or a Lambda error message) that matches, else `default`.
 */
export function selectIntegrationResponse(
  responses: Readonly<Record<string, IntegrationResponseEntry>> | undefined,
  selector: string,
): IntegrationResponseEntry | undefined {
  const entries = Object.entries(responses ?? {});
  return entries.find(([pattern]) => pattern !== "default" && new RegExp(`^${pattern}$`).test(selector))?.[1] ?? responses?.default;
}

/**
 * The method's answer from one integration response: its status and static headers, its JSON template
 * rendered over the backend's body, and what the template set through `$context.responseOverride`.
 */
export function integrationAnswer(selected: IntegrationResponseEntry, request: TemplateRequest, backendBody: string): TwinAnswer {
  const template = selected.responseTemplates?.["application/json"];
  const rendered = template !== undefined ? renderWithOverrides(template, { ...request, body: backendBody }) : undefined;
  return { status: rendered?.overrides.response.status ?? Number(selected.statusCode), headers: integrationResponseHeaders(selected, rendered?.overrides.response.header), body: rendered?.output ?? backendBody };
}

/**
 * The headers one integration response sets: JSON, its static parameters (`'value'`; the twin has no
 * backend headers to map), then what its template set through `$context.responseOverride.header`, which wins.
 */
export function integrationResponseHeaders(selected: IntegrationResponseEntry | undefined, overrides: Readonly<Record<string, OverrideValue>> | undefined): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  for (const [key, value] of Object.entries(selected?.responseParameters ?? {})) {
    if (/^'.*'$/.test(value)) headers[key.replace(/^method\.response\.header\./, "").toLowerCase()] = value.slice(1, -1);
  }
  for (const [name, value] of Object.entries(overrides ?? {})) headers[name.toLowerCase()] = ([] as string[]).concat(value).join(",");
  return headers;
}
