/**
 * The public types of the mapping-template engine: what a caller hands to `render` (the request as API
 * Gateway sees it) and what it gets back (the output and the overrides the template set).
 */

/** A JSON value as `JSON.parse` returns it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** `$context.identity.*`. Absent fields render as an empty string, as API Gateway renders null. */
export interface TemplateIdentity {
  readonly sourceIp?: string;
  readonly userAgent?: string;
  readonly accountId?: string;
  readonly apiKey?: string;
  readonly apiKeyId?: string;
  readonly caller?: string;
  readonly user?: string;
  readonly userArn?: string;
  readonly principalOrgId?: string;
  readonly cognitoIdentityId?: string;
  readonly cognitoIdentityPoolId?: string;
  readonly cognitoAuthenticationType?: string;
  readonly cognitoAuthenticationProvider?: string;
}

/**
 * `$context.error.*`, defined by API Gateway for gateway responses (its own error answers).
 * `messageString` is derived from `message` when not given: AWS documents it as "the quoted value of
 * $context.error.message"; the quoting here is JSON's (`JSON.stringify`), so the result is always a
 * valid JSON string.
 */
export interface TemplateError {
  readonly message?: string;
  readonly messageString?: string;
  readonly responseType?: string;
  readonly validationErrorString?: string;
}

/** A value a Lambda authorizer put in its `context` map; API Gateway exposes it stringified. */
export type AuthorizerValue = string | number | boolean;

/**
 * `$context.authorizer.*`: `principalId`, the Cognito `claims`, and every key of a Lambda authorizer's
 * `context` map (numbers and booleans become strings, as AWS documents: `numKey: 1` reads `"1"`).
 */
export interface TemplateAuthorizer {
  readonly principalId?: string;
  readonly claims?: Readonly<Record<string, string>>;
  readonly [key: string]: AuthorizerValue | Readonly<Record<string, string>> | undefined;
}

/** `$context.*` for mapping templates (the variables AWS documents for data transformations). */
export interface TemplateContext {
  readonly requestId?: string;
  readonly extendedRequestId?: string;
  readonly awsEndpointRequestId?: string;
  readonly httpMethod?: string;
  readonly resourcePath?: string;
  readonly resourceId?: string;
  readonly path?: string;
  readonly stage?: string;
  readonly apiId?: string;
  readonly accountId?: string;
  readonly deploymentId?: string;
  readonly domainName?: string;
  readonly domainPrefix?: string;
  readonly protocol?: string;
  readonly requestTime?: string;
  readonly requestTimeEpoch?: number;
  readonly xrayTraceId?: string;
  readonly wafResponseCode?: string;
  readonly webaclArn?: string;
  readonly identity?: TemplateIdentity;
  readonly authorizer?: TemplateAuthorizer;
  readonly error?: TemplateError;
}

/**
 * The request (or, for a response template, the integration's response) as a mapping template sees it.
 * Every field is optional; absent maps are empty.
 */
export interface TemplateRequest {
  /** The raw payload. API Gateway hands an empty payload to templates as `{}` (see `vtl/input.ts`). */
  readonly body?: string;
  /** Header name to value, in the order the client sent them. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Query-string parameter to value; a repeated parameter may be given as a list (the last one is seen). */
  readonly queryString?: Readonly<Record<string, string | readonly string[]>>;
  /** Path parameter to (already URL-decoded) value. */
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly context?: TemplateContext;
  readonly stageVariables?: Readonly<Record<string, string>>;
  /** A response template's `$context.requestOverride`: what the request's template set there. */
  readonly requestOverride?: RequestOverrides;
}

/** A header or parameter value a template set through `$context.requestOverride` / `responseOverride`. */
export type OverrideValue = string | readonly string[];

/** What a request template set in `$context.requestOverride.{header,path,querystring}.<name>`. */
export interface RequestOverrides {
  readonly header: Readonly<Record<string, OverrideValue>>;
  readonly path: Readonly<Record<string, OverrideValue>>;
  readonly querystring: Readonly<Record<string, OverrideValue>>;
}

/** What a response template set in `$context.responseOverride.status` and `.header.<name>`. */
export interface ResponseOverrides {
  readonly status?: number;
  readonly header: Readonly<Record<string, OverrideValue>>;
}

export interface TemplateOverrides {
  readonly request: RequestOverrides;
  readonly response: ResponseOverrides;
}

/** The result of `renderWithOverrides`. */
export interface RenderResult {
  readonly output: string;
  readonly overrides: TemplateOverrides;
}

export interface RenderOptions {
  /** Names the template in error messages (e.g. `sqs-send-message.vtl`); defaults to `<inline>`. */
  readonly templateName?: string;
}
