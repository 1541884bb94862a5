import type { TwinModel } from "./model";
import { functionPrefix } from "./route-table";
import { functionTarget } from "./rest/capture";
import type { TwinRestStage } from "./rest/model";
import { substituteStageVariables } from "./rest/stage-variables";

/** Which of the twin's servers wrote an access-log line. */
export type ApiKind = "rest" | "websocket" | "http";

/**
 * `npm start`'s default request log: one short line per request from the access-log line a server
 * wrote (its stage's JSON format), e.g. `rest GET /dev/items 200 12 ms itemsList`: the API, method,
 * path, status, latency and, when a function ran, its name (without the stack's common prefix). A
 * WebSocket event shows its type and route key, and the integration's latency.
 */
export function shortRequestLog(model: TwinModel, stage: Pick<TwinRestStage, "variables"> | undefined): (api: ApiKind, line: string) => string {
  const prefix = functionPrefix(Object.keys(model.functions));
  const short = (name: string | undefined) => (name === undefined ? undefined : prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name);
  const restFunctions = new Map<string, string>();
  const publicApi = model.restApis.find((a) => a.kind === "public");
  for (const route of publicApi?.routes ?? []) {
    const integration = route.integration.description;
    if (integration.type !== "lambda" && integration.type !== "lambda_proxy") continue;
    const target = functionTarget(substituteStageVariables(integration.uri, stage?.variables ?? {}));
    if (target) restFunctions.set(`${route.method} ${route.resource}`, target.functionName);
  }
  const httpFunctions = new Map(
    (model.httpApi?.routes ?? []).flatMap((r) => (r.integration.kind === "lambda" ? [[r.routeKey, r.integration.functionName] as const] : [])),
  );
  const wsFunctions = new Map((model.websocket?.routes ?? []).map((r) => [r.routeKey, r.functionName]));
  const ran = (integrationLatency: string | undefined) => integrationLatency !== undefined && integrationLatency !== "-";
  const ms = (value: string | undefined) => (value === undefined || value === "-" ? "" : ` ${value} ms`);
  const named = (name: string | undefined) => (name === undefined ? "" : ` ${name}`);
  return (api, line) => {
    let f: Record<string, string>;
    try {
      f = JSON.parse(line) as Record<string, string>;
    } catch {
      return line;
    }
    if (api === "rest") {
      const fn = ran(f.integrationLatency) ? (restFunctions.get(`${f.httpMethod} ${f.resourcePath}`) ?? restFunctions.get(`ANY ${f.resourcePath}`)) : undefined;
      return `rest ${f.httpMethod} ${f.path} ${f.status}${ms(f.responseLatency)}${named(short(fn))}`;
    }
    if (api === "http") {
      const fn = ran(f.integrationLatency) ? httpFunctions.get(f.routeKey ?? "") : undefined;
      return `http ${f.httpMethod} ${f.path} ${f.status}${ms(f.responseLatency)}${named(short(fn))}`;
    }
    const fn = ran(f.integrationLatency) ? wsFunctions.get(f.routeKey ?? "") : undefined;
    return `ws ${f.eventType} ${f.routeKey} ${f.status}${ms(f.integrationLatency)}${named(short(fn))}`;
  };
}
