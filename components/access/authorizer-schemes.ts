/**
 * OpenAPI `securitySchemes` entries for a REST API's authorizers, in the shape API Gateway's
 * `x-amazon-apigateway-authtype` and `x-amazon-apigateway-authorizer` extensions document. A method
 * uses one by naming it in its `security` requirement; a Cognito scheme may list OAuth scopes there
 * (`[{ cognito: ["https://api.example.com/items.read"] }]`), which become the method's
 * `authorizationScopes`.
 */

/** A Cognito user pool authorizer: the `Authorization` header carries the pool's ID or access token. */
export interface CognitoSecurityScheme {
  readonly type: "apiKey";
  readonly name: "Authorization";
  readonly in: "header";
  readonly "x-amazon-apigateway-authtype": "cognito_user_pools";
  readonly "x-amazon-apigateway-authorizer": {
    readonly type: "cognito_user_pools";
    readonly providerARNs: readonly string[];
  };
}

export interface LambdaAuthorizerObject {
  readonly type: "token" | "request";
  readonly authorizerUri: string;
  readonly authorizerCredentials?: string;
  readonly authorizerResultTtlInSeconds: number;
  /** Omitted only for a REQUEST authorizer without identity sources (allowed when caching is off). */
  readonly identitySource?: string;
  readonly identityValidationExpression?: string;
}

/** A Lambda (custom) authorizer. */
export interface LambdaSecurityScheme {
  readonly type: "apiKey";
  /** The token header of a TOKEN authorizer; `Unused` for a REQUEST one, as AWS's examples write it. */
  readonly name: string;
  readonly in: "header";
  readonly "x-amazon-apigateway-authtype": "custom";
  readonly "x-amazon-apigateway-authorizer": LambdaAuthorizerObject;
}

export const LAMBDA_AUTHORIZER_KINDS = ["TOKEN", "REQUEST"] as const;
export type LambdaAuthorizerKind = (typeof LAMBDA_AUTHORIZER_KINDS)[number];

export interface LambdaAuthorizerSchemeInput {
  /** TOKEN: the identity is one header's value. REQUEST: the identity is any set of request parameters. */
  readonly kind: LambdaAuthorizerKind;
  /** `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations` */
  readonly authorizerUri: string;
  /** A role API Gateway assumes to invoke the function. @default undefined (the function's resource policy allows it) */
  readonly credentials?: string;
  /**
   * TOKEN: exactly one `method.request.header.<Name>` (e.g. `method.request.header.Authorization`).
   * REQUEST: a comma-separated list (or array) of `method.request.header.<Name>`,
   * `method.request.querystring.<name>`, `stageVariables.<name>` or `context.<name>`; required when
   * `resultTtlSeconds` > 0 (they are the cache key), and API Gateway answers 401 without calling the
   * function when one is missing.
   */
  readonly identitySource: string | readonly string[];
  /** Seconds a policy is cached, 0 (off) to 3600. */
  readonly resultTtlSeconds: number;
  /** TOKEN only: a regular expression the token must match before the function is called. @default undefined */
  readonly identityValidationExpression?: string;
}

const COGNITO_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[a-z0-9-]+_[A-Za-z0-9]+$/;
const LAMBDA_AUTHORIZER_URI = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/\S+\/invocations$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/;
const HEADER_SOURCE = /^method\.request\.header\.([A-Za-z0-9!#$%&'*+.^_`|~-]+)$/;
const REQUEST_SOURCE =
  /^(method\.request\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+|method\.request\.querystring\.[^\s,]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$/;
export const MAX_AUTHORIZER_TTL_SECONDS = 3600;

/** The security scheme of a `cognito_user_pools` authorizer for the pool `poolArn`. */
export function cognitoAuthorizerSecurityScheme(poolArn: string): CognitoSecurityScheme {
  if (!COGNITO_POOL_ARN.test(poolArn)) {
    throw new Error(
      `cognitoAuthorizerSecurityScheme.poolArn: ${JSON.stringify(poolArn)} is not a Cognito user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<region>_<id>)`,
    );
  }
  return {
    type: "apiKey",
    name: "Authorization",
    in: "header",
    "x-amazon-apigateway-authtype": "cognito_user_pools",
    "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: [poolArn] },
  };
}

/** The identity sources as a list, whether given as one comma-separated string or as an array. */
export function identitySources(source: string | readonly string[]): string[] {
  const parts = typeof source === "string" ? source.split(",") : source;
  return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Every problem with a Lambda authorizer's settings, each naming the field and what is allowed. */
export function lambdaAuthorizerProblems(input: LambdaAuthorizerSchemeInput, path = "lambdaAuthorizer"): string[] {
  const problems: string[] = [];
  const kindOk = (LAMBDA_AUTHORIZER_KINDS as readonly string[]).includes(input.kind);
  if (!kindOk) problems.push(`${path}.kind: ${JSON.stringify(input.kind)} is not one of ${LAMBDA_AUTHORIZER_KINDS.join(", ")}`);
  if (!LAMBDA_AUTHORIZER_URI.test(input.authorizerUri)) {
    problems.push(
      `${path}.authorizerUri: ${JSON.stringify(input.authorizerUri)} is not a Lambda invocation URI (arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations)`,
    );
  }
  if (input.credentials !== undefined && !ROLE_ARN.test(input.credentials)) {
    problems.push(`${path}.credentials: ${JSON.stringify(input.credentials)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`);
  }
  const ttl = input.resultTtlSeconds;
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_AUTHORIZER_TTL_SECONDS) {
    problems.push(`${path}.resultTtlSeconds: ${String(ttl)} is not a whole number of seconds from 0 to ${MAX_AUTHORIZER_TTL_SECONDS}`);
  }
  const sources = identitySources(input.identitySource);
  if (input.kind === "TOKEN") {
    if (sources.length !== 1 || !HEADER_SOURCE.test(sources[0] as string)) {
      problems.push(
        `${path}.identitySource: ${JSON.stringify(input.identitySource)} is not one header of the form method.request.header.<Name> (a TOKEN authorizer reads exactly one header)`,
      );
    }
    if (input.identityValidationExpression !== undefined && input.identityValidationExpression.length === 0) {
      problems.push(`${path}.identityValidationExpression: must not be empty; omit it to pass every token to the function`);
    }
  } else if (input.kind === "REQUEST") {
    sources.forEach((source, i) => {
      if (!REQUEST_SOURCE.test(source)) {
        problems.push(
          `${path}.identitySource[${i}]: ${JSON.stringify(source)} is not one of method.request.header.<Name>, method.request.querystring.<name>, stageVariables.<name>, context.<name>`,
        );
      }
    });
    const seen = new Set<string>();
    sources.forEach((source, i) => {
      if (seen.has(source)) problems.push(`${path}.identitySource[${i}]: ${JSON.stringify(source)} is listed twice`);
      seen.add(source);
    });
    if (sources.length === 0 && Number.isInteger(ttl) && ttl > 0) {
      problems.push(
        `${path}.identitySource: a REQUEST authorizer that caches (resultTtlSeconds ${ttl}) needs at least one identity source, its cache key; or set resultTtlSeconds to 0`,
      );
    }
    if (input.identityValidationExpression !== undefined) {
      problems.push(`${path}.identityValidationExpression: only a TOKEN authorizer takes one (this one is REQUEST)`);
    }
  }
  return problems;
}

/**
 * The security scheme of a Lambda authorizer. A TOKEN authorizer names its header in the scheme's
 * `name` and in `identitySource`; a REQUEST authorizer lists its sources comma-separated (`, `).
 * Throws listing every problem.
 */
export function lambdaAuthorizerSecurityScheme(input: LambdaAuthorizerSchemeInput): LambdaSecurityScheme {
  const problems = lambdaAuthorizerProblems(input, "lambdaAuthorizerSecurityScheme");
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const sources = identitySources(input.identitySource);
  const token = input.kind === "TOKEN";
  const authorizer: LambdaAuthorizerObject = {
    type: token ? "token" : "request",
    authorizerUri: input.authorizerUri,
    ...(input.credentials !== undefined ? { authorizerCredentials: input.credentials } : {}),
    authorizerResultTtlInSeconds: input.resultTtlSeconds,
    ...(sources.length > 0 ? { identitySource: sources.join(", ") } : {}),
    ...(token && input.identityValidationExpression !== undefined ? { identityValidationExpression: input.identityValidationExpression } : {}),
  };
  return {
    type: "apiKey",
    name: token ? (HEADER_SOURCE.exec(sources[0] as string)?.[1] as string) : "Unused",
    in: "header",
    "x-amazon-apigateway-authtype": "custom",
    "x-amazon-apigateway-authorizer": authorizer,
  };
}
