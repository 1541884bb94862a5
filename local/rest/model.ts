import type { GatewayResponseType } from "../gateway-errors";
import type { PathPattern } from "../path-match";
import type { MethodCacheSettings } from "../rest-cache";
import type { ThrottleSettings } from "../rest-throttle";
import type { CompiledTemplate } from "../../vtl";

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
  /** The `application/json` response template. */
  readonly template: CompiledTemplate | undefined;
}

interface Responses {
  /** In the document's order, `default` last. */
  readonly responses: readonly RestIntegrationResponse[];
}

interface RequestTemplate {
  /** The `application/json` request template. */
  readonly requestTemplate: CompiledTemplate | undefined;
}

/** What a route's integration is: the twin picks its handler from `kind` (an exhaustive switch). */
export type RestIntegration =
  /** AWS_PROXY to a function; the URI may name its alias through a stage variable. */
  | { readonly kind: "lambda-proxy"; readonly uri: string; readonly timeoutMs: number }
  /** AWS to a function: the request template makes the event, the responses map its result or error. */
  | ({ readonly kind: "lambda"; readonly uri: string; readonly timeoutMs: number } & RequestTemplate & Responses)
  | ({ readonly kind: "mock" } & RequestTemplate & Responses)
  /** SQS SendMessage to `<account>/<queue>`. */
  | ({ readonly kind: "sqs"; readonly queue: string } & RequestTemplate & Responses)
  /** Step Functions StartExecution. */
  | ({ readonly kind: "step-functions" } & RequestTemplate & Responses)
  /** S3 GetObject: the bucket and key (the key may hold `{key}`). */
  | ({ readonly kind: "s3"; readonly bucket: string; readonly key: string } & Responses)
  /** HTTP (with templates and responses) or HTTP_PROXY to a public URL. */
  | ({
      readonly kind: "http";
      readonly proxy: boolean;
      readonly uri: string;
      readonly httpMethod: string;
      /** `integration.request.header.<name>` → `'static'` or `method.request.<where>.<name>`. */
      readonly requestParameters: Readonly<Record<string, string>>;
      readonly timeoutMs: number;
    } & RequestTemplate & Responses)
  /** Reached through a VPC link: out of the twin's reach (502). */
  | { readonly kind: "vpc-link"; readonly type: string }
  /** Any other integration (another AWS service, ...): 502. */
  | { readonly kind: "unsupported"; readonly type: string; readonly uri: string };

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
