import type { GatewayResponseType } from "../gateway-errors";
import type { PathPattern } from "../path-match";
import type { MethodCacheSettings } from "../rest-cache";
import type { ThrottleSettings } from "../rest-throttle";
import type { CompiledTemplate } from "../../vtl";
import type { ContentHandling } from "./content-handling";
import type { RequestTemplates } from "./passthrough";
import type { IntegrationDescription } from "../../components/rest-api/integrations";

/**
 * A REST API as the twin serves it, computed once at start from the deployed OpenAPI document and
 * the captured resources (local/rest/capture.ts): nothing here is looked up per request.
 */

/** An integration response: the status and headers it sets, and its template (compiled once). */
export interface RestIntegrationResponse {
  /** The selection pattern (`default` for the default response). */
  readonly pattern: string;
  /** The pattern as a whole-string regular expression; undefined for `default`. */
  readonly regex: RegExp | undefined;
  readonly statusCode: string;
  /** `method.response.header.<name>` → a static `'value'`, by lower-cased header name. */
  readonly headers: Readonly<Record<string, string>>;
  /** `method.response.header.<name>` → a mapping expression (`integration.response.header.x`, ...), by lower-cased header name. */
  readonly mappedHeaders: Readonly<Record<string, string>>;
  /** The `application/json` response template. */
  readonly template: CompiledTemplate | undefined;
  /** Every response template by lower-cased media type, in the document's order (the request's Accept picks one). */
  readonly templates: ReadonlyMap<string, CompiledTemplate>;
  /** The first of them: the template of an Accept no template is keyed by; undefined without templates. */
  readonly firstTemplate: CompiledTemplate | undefined;
  /** How the integration's payload is converted between text and binary for the method response. */
  readonly contentHandling: ContentHandling | undefined;
}

/**
 * A route's integration: what the inverse of its builder says it is (components/rest-api/integrations,
 * by `description.type` the twin picks its handler from a typed record), with its templates compiled once.
 */
export interface RestIntegration<D extends IntegrationDescription = IntegrationDescription> {
  readonly description: D;
  /** The `application/json` request template, compiled. */
  readonly requestTemplate: CompiledTemplate | undefined;
  /** Every request template by content type, and the passthrough behavior (which one a request gets, or 415). */
  readonly requestTemplates: RequestTemplates;
  /** How the method request's body is converted between text and binary for the integration request. */
  readonly contentHandling: ContentHandling | undefined;
  /** The integration responses in the document's order, `default` last. */
  readonly responses: readonly RestIntegrationResponse[];
  /** How long the twin waits for the integration (29 s at most). */
  readonly timeoutMs: number;
}

/** How a route authorizes its callers. */
export type RestAuth =
  | { readonly kind: "none" }
  /** SigV4 (the twin has no IAM: a signature is required, not checked). */
  | { readonly kind: "iam" }
  | { readonly kind: "cognito"; readonly scopes: readonly string[] }
  | {
      readonly kind: "lambda";
      /** The security scheme's name: the authorizer's cache is per authorizer. */
      readonly name: string;
      readonly type: "token" | "request";
      readonly uri: string;
      /** `method.request.header.Authorization`, `method.request.querystring.x`, `stageVariables.x`, ... */
      readonly identitySources: readonly string[];
      readonly ttlSeconds: number;
      /** TOKEN authorizers: a token that does not match is refused (401) without invoking the function. */
      readonly validationExpression: RegExp | undefined;
    };

export interface RestRoute {
  /** The resource path, e.g. `/items/{id}`. */
  readonly resource: string;
  readonly pattern: PathPattern;
  /** `GET`, ... or `ANY`. */
  readonly method: string;
  /** A stable id shaped like API Gateway's resource ids (`requestContext.resourceId`). */
  readonly resourceId: string;
  /** The OpenAPI operation (request validation reads its parameters and models). */
  readonly operation: Readonly<Record<string, unknown>>;
  readonly apiKeyRequired: boolean;
  readonly auth: RestAuth;
  readonly integration: RestIntegration;
  readonly cacheKeyParameters: readonly string[];
}

export interface GatewayResponseDefinition {
  readonly statusCode?: string;
  /** `gatewayresponse.header.<name>` → `'value'`. */
  readonly responseParameters?: Readonly<Record<string, string>>;
  readonly responseTemplates?: Readonly<Record<string, string>>;
}

export interface TwinRestStage {
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly canary: { readonly percentTraffic: number; readonly variables: Readonly<Record<string, string>> } | undefined;
  /** `requestContext.deploymentId`. */
  readonly deploymentId: string;
  /** The stage cache's capacity; undefined: no cluster size captured (unlimited). */
  readonly cacheCapacityBytes: number | undefined;
  /** Each route's cache settings on this stage, by `METHOD resource`. */
  readonly cache: Readonly<Record<string, MethodCacheSettings>>;
  /** Method settings and usage plans: throttles and quotas. */
  readonly throttle: ThrottleSettings;
}

export interface TwinRestApi {
  readonly kind: "public" | "internal";
  readonly name: string;
  /** The API's OpenAPI body, as deployed. */
  readonly document: Readonly<Record<string, unknown>>;
  readonly routes: readonly RestRoute[];
  readonly stages: readonly TwinRestStage[];
  /** The API's binary media types (`image/png`, `*\/*`, ...). */
  readonly binaryMediaTypes: readonly string[];
  readonly gatewayResponses: Readonly<Partial<Record<GatewayResponseType, GatewayResponseDefinition>>>;
}
