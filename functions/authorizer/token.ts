import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent, Context } from "aws-lambda";
import { authorize } from "./authorize";
import { bearerCredential } from "./bearer";

/**
 * REST API TOKEN authorizer: the token is `event.authorizationToken`, the value of the identity
 * source header (`Authorization: Bearer <jwt>`). Answers are described in `./authorize`.
 */
export async function handler(event: APIGatewayTokenAuthorizerEvent, context?: Context): Promise<APIGatewayAuthorizerResult> {
  return authorize(
    {
      type: "TOKEN",
      credential: () => bearerCredential(event?.authorizationToken),
      methodArn: () => event?.methodArn,
    },
    context,
  );
}
