import type { APIGatewayAuthorizerResult, APIGatewayAuthorizerResultContext } from "aws-lambda";

/**
 * `arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<resource path>`, as API
 * Gateway passes a REST API authorizer (the path is empty for the root resource).
 */
const REST_METHOD_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):execute-api:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):([a-z0-9]+)\/([A-Za-z0-9_-]+)\/(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\/(\S*)$/;

/** `...:<apiId>/<stage>/$connect`: a WebSocket API authorizes only its `$connect` route. */
const WEBSOCKET_CONNECT_ARN = /^arn:(aws|aws-cn|aws-us-gov):execute-api:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):([a-z0-9]+)\/([A-Za-z0-9_-]+)\/\$connect$/;

/**
 * The resource an answer covers: every method and path of the stage the request was made to, or
 * undefined when `methodArn` is not one API Gateway would send (that request is refused).
 *
 * Why the whole stage and not `methodArn`: API Gateway caches an authorizer's answer by its identity
 * source (the token) for the authorizer's TTL, and reuses it for every method the same token calls
 * on that stage. A policy naming only the first method would then deny (403) the token's next call
 * to any other route until the cache expired, although the token is fine. Routes that need more than
 * a valid token must check it themselves (scopes, groups in the authorizer context), not through this
 * policy.
 */
export function stageResource(methodArn: unknown): string | undefined {
  if (typeof methodArn !== "string") return undefined;
  const rest = REST_METHOD_ARN.exec(methodArn);
  if (rest !== null) {
    const [, partition, region, account, apiId, stage] = rest;
    return `arn:${partition}:execute-api:${region}:${account}:${apiId}/${stage}/*/*`;
  }
  const connect = WEBSOCKET_CONNECT_ARN.exec(methodArn);
  if (connect !== null) {
    const [, partition, region, account, apiId, stage] = connect;
    return `arn:${partition}:execute-api:${region}:${account}:${apiId}/${stage}/*`;
  }
  return undefined;
}

/** Only strings, numbers and booleans: API Gateway refuses an authorizer context holding anything else. */
export type AuthorizerContext = Record<string, string | number | boolean>;

export function allowPolicy(principalId: string, resource: string, context: AuthorizerContext): APIGatewayAuthorizerResult {
  return policy(principalId, "Allow", resource, context);
}

/** An explicit Deny: API Gateway answers 403. */
export function denyPolicy(principalId: string, resource: string): APIGatewayAuthorizerResult {
  return policy(principalId, "Deny", resource);
}

function policy(principalId: string, effect: "Allow" | "Deny", resource: string, context?: AuthorizerContext): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: resource }],
    },
    ...(context === undefined ? {} : { context: context satisfies APIGatewayAuthorizerResultContext }),
  };
}
