import type * as pulumi from "@pulumi/pulumi";

export {
  DEFAULT_ROUTE_PATH,
  HTTP_API_AUTHORIZATIONS,
  HTTP_API_METHODS,
  type HttpApiAuthorization,
  type HttpApiMethod,
} from "../../config/shared/http-api-routes";
import type { HttpApiAuthorization, HttpApiMethod } from "../../config/shared/http-api-routes";
export type { HttpApiCors } from "../../config/shared/cors";

/** A Lambda function (AWS_PROXY integration, payload format 2.0), invoked through the ARN given. */
export interface HttpApiLambdaTarget {
  readonly kind: "lambda";
  /** The function's name (or unqualified ARN), for its invoke permission. */
  readonly functionName: pulumi.Input<string>;
  /**
   * The ARN API Gateway invokes: the function's ARN, or a qualified one (`...:function:name:PROD`,
   * an alias or version); a qualified ARN must end in `qualifier`.
   */
  readonly functionArn: pulumi.Input<string>;
  /** The alias or version `functionArn` names; the invoke permission is granted on it. @default undefined (unqualified) */
  readonly qualifier?: string;
  /**
   * A stable name for the function in resource names (e.g. its config key). Routes with the same key
   * and qualifier share one invoke permission. Required when `functionName` is not a plain string.
   * @default functionName (the name part, when it is an ARN)
   */
  readonly key?: string;
}

/** A public HTTP(S) endpoint (HTTP_PROXY integration); the URL may use the route's path parameters, e.g. `https://example.com/{proxy}`. */
export interface HttpApiHttpTarget {
  readonly kind: "http";
  readonly url: string;
}

/**
 * A private backend behind an internal ALB or NLB, reached through a VPC link v2 (HTTP_PROXY,
 * connectionType VPC_LINK): HTTP API private integrations address the load balancer by its listener ARN.
 */
export interface HttpApiPrivateTarget {
  readonly kind: "private";
  /** The listener's ARN (`arn:aws:elasticloadbalancing:...:listener/app|net/...`). */
  readonly listenerArn: pulumi.Input<string>;
  /** An existing VPC link v2. @default the link the API creates from its `vpcLink` argument */
  readonly vpcLinkId?: pulumi.Input<string>;
}

export type HttpApiTarget = HttpApiLambdaTarget | HttpApiHttpTarget | HttpApiPrivateTarget;

/** One route: `METHOD /path` (or the `$default` catch-all) to one target. */
export interface HttpApiRoute {
  readonly method: HttpApiMethod;
  /** `/items/{id}`, `/{proxy+}` (greedy only last), `/`, or `$default`. */
  readonly path: string;
  readonly target: HttpApiTarget;
  readonly authorization: HttpApiAuthorization;
  /** OAuth scopes a `jwt` route requires (any one of them); only `jwt` routes take scopes. @default [] */
  readonly scopes?: readonly string[];
}

/** The API's JWT authorizer (e.g. a Cognito user pool: issuer `https://cognito-idp.<region>.amazonaws.com/<pool id>`, audiences its app client ids). */
export interface HttpApiJwt {
  readonly issuer: pulumi.Input<string>;
  readonly audiences: pulumi.Input<pulumi.Input<string>[]>;
  /** Where the token is read from. @default "$request.header.Authorization" */
  readonly identitySource?: string;
}

/** Maps the API's `$default` stage on a custom domain created elsewhere (a REGIONAL REST or v2 domain name). */
export interface HttpApiDomainMapping {
  readonly domainName: pulumi.Input<string>;
  /** The first path segment the API answers under on the domain; "" for the domain's root. */
  readonly apiMappingKey: string;
  /** A stable name for the domain in resource names. Required when `domainName` is not a plain string. @default domainName */
  readonly key?: string;
}

/** Stage-wide throttling of the `$default` stage. */
export interface HttpApiThrottling {
  /** Steady-state requests per second. */
  readonly rateLimit: number;
  /** Burst capacity, in requests. */
  readonly burstLimit: number;
}

/** A VPC link v2 the API creates for its private routes. */
export interface HttpApiVpcLink {
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The link's security groups. @default one the API creates in `vpcId`: no ingress (the link only
   * opens connections), egress to the VPC's CIDR only
   */
  readonly securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** For the security group the API creates. */
  readonly vpcId?: pulumi.Input<string>;
  readonly vpcCidrBlock?: pulumi.Input<string>;
}
