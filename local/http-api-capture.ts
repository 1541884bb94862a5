import type { RecordedResource } from "../preview/mocks";
import { mockResourceState } from "../preview/mock-state";

/**
 * What the twin serves of the stack's HTTP API (API Gateway v2, protocol HTTP), taken from the
 * resources the program registers under mocks: the API (CORS), its routes with their integrations
 * and authorization, the JWT authorizer and the `$default` stage's throttling.
 */

/** The API's `corsConfiguration`, with the unset lists empty. */
export interface TwinHttpCors {
  /** `*`, origins (`https://app.example.com`) or prefixes with a wildcard (`https://*`). */
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  /** Seconds; undefined: no `access-control-max-age`. */
  readonly maxAge: number | undefined;
  readonly allowCredentials: boolean;
}

/** The integration a route targets. */
export type TwinHttpIntegration =
  /** AWS_PROXY to a function (or its alias: the twin runs the one code of the function either way). */
  | {
      readonly kind: "lambda";
      readonly functionName: string;
      readonly qualifier: string | undefined;
      readonly payloadFormatVersion: string;
      /** The integration's timeout (HTTP APIs: 50 ms to 30 s, default 30 s). */
      readonly timeoutMs: number;
    }
  /** HTTP_PROXY to a public URL (may hold the route's path parameters, e.g. `{proxy}`). */
  | { readonly kind: "http"; readonly url: string; readonly method: string; readonly timeoutMs: number }
  /** HTTP_PROXY through a VPC link (an ALB/NLB listener or a Cloud Map service): out of the twin's reach. */
  | { readonly kind: "private"; readonly target: string }
  /** Anything else (AWS service integrations, ...): the twin answers 502. */
  | { readonly kind: "unsupported"; readonly type: string };

export interface TwinHttpRoute {
  /** `GET /items/{id}`, `ANY /x/{proxy+}` or `$default`. */
  readonly routeKey: string;
  readonly authorizationType: "NONE" | "JWT" | "AWS_IAM" | "CUSTOM";
  /** A JWT route's scopes: the token must carry one of them. */
  readonly scopes: readonly string[];
  readonly integration: TwinHttpIntegration;
}

export interface TwinHttpThrottle {
  /** Requests per second the bucket refills with. */
  readonly rateLimit: number;
  /** The bucket's capacity. */
  readonly burstLimit: number;
}

export interface TwinHttpApi {
  readonly name: string;
  readonly routes: readonly TwinHttpRoute[];
  readonly cors: TwinHttpCors | undefined;
  /**
   * The JWT authorizer as the stack configures it. The twin verifies tokens with its own issuer (which
   * stands in for the stack's user pool), so `issuer` and `audiences` are informative.
   */
  readonly jwt: { readonly issuer: string; readonly audiences: readonly string[]; readonly identitySource: string } | undefined;
  /** The `$default` stage's `defaultRouteSettings` throttling; undefined: no stage limit (the account's apply). */
  readonly throttling: TwinHttpThrottle | undefined;
  /** Per route key, from the stage's `routeSettings` (they replace the default for that route). */
  readonly routeThrottling: Readonly<Record<string, TwinHttpThrottle>>;
}

/** HTTP APIs wait at most 30 s for an integration (the default and the maximum). */
export const HTTP_API_MAX_TIMEOUT_MS = 30_000;

const API_TYPE = "aws:apigatewayv2/api:Api";
const ROUTE_TYPE = "aws:apigatewayv2/route:Route";
const INTEGRATION_TYPE = "aws:apigatewayv2/integration:Integration";
const AUTHORIZER_TYPE = "aws:apigatewayv2/authorizer:Authorizer";
const STAGE_TYPE = "aws:apigatewayv2/stage:Stage";

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function throttleOf(settings: unknown): TwinHttpThrottle | undefined {
  const s = settings as { throttlingRateLimit?: unknown; throttlingBurstLimit?: unknown } | undefined;
  if (s?.throttlingRateLimit === undefined && s?.throttlingBurstLimit === undefined) return undefined;
  return { rateLimit: Number(s.throttlingRateLimit ?? 0), burstLimit: Number(s.throttlingBurstLimit ?? 0) };
}

function integrationOf(r: RecordedResource | undefined): TwinHttpIntegration {
  if (!r) return { kind: "unsupported", type: "missing integration" };
  const type = String(r.inputs.integrationType ?? "");
  const uri = String(r.inputs.integrationUri ?? "");
  const timeoutMs = Math.min(Number(r.inputs.timeoutMilliseconds ?? HTTP_API_MAX_TIMEOUT_MS), HTTP_API_MAX_TIMEOUT_MS);
  if (type === "AWS_PROXY" && r.inputs.integrationSubtype === undefined) {
    const match = /:function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?/.exec(uri);
    if (!match) return { kind: "unsupported", type };
    return {
      kind: "lambda",
      functionName: match[1] as string,
      qualifier: match[2],
      payloadFormatVersion: String(r.inputs.payloadFormatVersion ?? "2.0"),
      timeoutMs,
    };
  }
  if (type === "HTTP_PROXY") {
    if (r.inputs.connectionType === "VPC_LINK") return { kind: "private", target: uri };
    return { kind: "http", url: uri, method: String(r.inputs.integrationMethod ?? "ANY"), timeoutMs };
  }
  return { kind: "unsupported", type: r.inputs.integrationSubtype ? `${type} ${String(r.inputs.integrationSubtype)}` : type };
}

/**
 * The stack's HTTP API (the first `aws:apigatewayv2/api:Api` with protocol HTTP), or undefined when it
 * has none. Routes find their integration and authorizer by the ids the mocks gave those resources.
 */
export function httpApiModel(resources: readonly RecordedResource[], region: string, account: string): TwinHttpApi | undefined {
  const idOf = (r: RecordedResource) => mockResourceState(r.type, r.name, r.inputs, { account, region }).id;
  const api = resources.find((r) => r.type === API_TYPE && r.inputs.protocolType === "HTTP");
  if (!api) return undefined;
  const apiId = idOf(api);
  const ofApi = (type: string) => resources.filter((r) => r.type === type && r.inputs.apiId === apiId);
  const integrations = new Map(ofApi(INTEGRATION_TYPE).map((i) => [idOf(i), i]));
  const authorizers = new Map(ofApi(AUTHORIZER_TYPE).map((a) => [idOf(a), a]));

  const routes: TwinHttpRoute[] = ofApi(ROUTE_TYPE).map((r) => {
    const target = String(r.inputs.target ?? "");
    const authorizationType = String(r.inputs.authorizationType ?? "NONE") as TwinHttpRoute["authorizationType"];
    return {
      routeKey: String(r.inputs.routeKey),
      authorizationType,
      scopes: strings(r.inputs.authorizationScopes),
      integration: integrationOf(integrations.get(target.replace(/^integrations\//, ""))),
    };
  });

  const jwtAuthorizer =
    [...authorizers.values()].find((a) => a.inputs.authorizerType === "JWT" && ofApi(ROUTE_TYPE).some((r) => r.inputs.authorizerId === idOf(a))) ??
    [...authorizers.values()].find((a) => a.inputs.authorizerType === "JWT");
  const jwtConfiguration = jwtAuthorizer?.inputs.jwtConfiguration as { issuer?: string; audiences?: unknown } | undefined;

  const cors = api.inputs.corsConfiguration as Record<string, unknown> | undefined;
  const stage = ofApi(STAGE_TYPE).find((s) => s.inputs.name === "$default");
  const routeSettings = (stage?.inputs.routeSettings as ({ routeKey?: string } & Record<string, unknown>)[] | undefined) ?? [];
  const routeThrottling: Record<string, TwinHttpThrottle> = {};
  for (const setting of routeSettings) {
    const limits = throttleOf(setting);
    if (setting.routeKey && limits) routeThrottling[setting.routeKey] = limits;
  }

  return {
    name: String(api.inputs.name ?? api.name),
    routes,
    cors: cors
      ? {
          allowOrigins: strings(cors.allowOrigins),
          allowMethods: strings(cors.allowMethods),
          allowHeaders: strings(cors.allowHeaders),
          exposeHeaders: strings(cors.exposeHeaders),
          maxAge: cors.maxAge === undefined ? undefined : Number(cors.maxAge),
          allowCredentials: cors.allowCredentials === true,
        }
      : undefined,
    jwt: jwtAuthorizer
      ? {
          issuer: String(jwtConfiguration?.issuer ?? ""),
          audiences: strings(jwtConfiguration?.audiences),
          identitySource: strings(jwtAuthorizer.inputs.identitySources)[0] ?? "$request.header.Authorization",
        }
      : undefined,
    throttling: throttleOf(stage?.inputs.defaultRouteSettings),
    routeThrottling,
  };
}
