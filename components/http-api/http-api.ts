import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HTTP_ACCESS_LOG_FORMAT, httpAccessLogGroupName } from "./access-log-format";
import { checkHttpApiArgs, domainKey } from "./check-args";
import { corsConfiguration } from "./cors";
import { jwtAuthorizerConfig, routeAuthorization } from "./jwt-authorizer";
import { routeKey, routeResourceName } from "./route-keys";
import { checkedArn, grantName, lambdaArnProblem, lambdaGrants, listenerArnProblem } from "./targets";
import type { HttpApiCors, HttpApiDomainMapping, HttpApiJwt, HttpApiRoute, HttpApiThrottling, HttpApiVpcLink } from "./types";

export interface HttpApiArgs {
  /** The API's name in API Gateway; also names its access log group. */
  readonly name: string;
  /** @default undefined */
  readonly description?: string;
  /** The routes, each `METHOD /path` (or `$default`) to a Lambda function, an HTTP URL or a private load balancer. */
  readonly routes: readonly HttpApiRoute[];
  /** The JWT authorizer `jwt` routes use; a `jwt` route without it is an argument error. @default undefined */
  readonly jwt?: HttpApiJwt;
  /** The API's CORS configuration. @default undefined (no CORS headers; preflight requests reach the routes) */
  readonly cors?: HttpApiCors;
  /**
   * A VPC link v2 the API creates (in these subnets, with these security groups) for `private` routes
   * that name no `vpcLinkId`. @default undefined (private routes must name an existing link)
   */
  readonly vpcLink?: HttpApiVpcLink;
  /** Throttling of every route of the `$default` stage. @default undefined (the account's limits) */
  readonly throttling?: HttpApiThrottling;
  /** Retention of the stage's access logs, in days. @default 30 */
  readonly logRetentionDays?: number;
  /** The KMS key that encrypts the access log group; CloudWatch's own key when undefined. @default undefined */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** Custom domains (created elsewhere) the `$default` stage is mapped on. @default [] */
  readonly domainMappings?: readonly HttpApiDomainMapping[];
  /** Reach the API only through its custom domains; needs domainMappings. @default false */
  readonly disableExecuteApiEndpoint?: boolean;
  /** Tags for the API, its stage, its log group and its VPC link. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The default retention of the access logs, in days. */
export const DEFAULT_HTTP_API_LOG_RETENTION_DAYS = 30;

/**
 * An API Gateway v2 HTTP API: routes to Lambda (payload 2.0), HTTP and private (VPC link v2 to an
 * ALB/NLB listener) integrations, an optional JWT authorizer and CORS, one auto-deployed `$default`
 * stage with JSON access logs, throttling and detailed metrics, one invoke permission per function
 * and qualifier scoped to the API, and mappings on custom domains.
 */
export class HttpApi extends pulumi.ComponentResource {
  readonly api: aws.apigatewayv2.Api;
  readonly stage: aws.apigatewayv2.Stage;
  /** The `$default` stage's invoke URL (`https://<id>.execute-api.<region>.amazonaws.com/`). */
  readonly url: pulumi.Output<string>;
  /** The JWT authorizer, when `jwt` is given. */
  readonly authorizer: aws.apigatewayv2.Authorizer | undefined;
  readonly logGroup: aws.cloudwatch.LogGroup;
  /** One per function key and qualifier. */
  readonly permissions: readonly aws.lambda.Permission[];
  /** The VPC link the API created, when `vpcLink` is given. */
  readonly vpcLink: aws.apigatewayv2.VpcLink | undefined;
  /** By route key. */
  readonly routes: Readonly<Record<string, aws.apigatewayv2.Route>>;
  /** By route key: one integration per route. */
  readonly integrations: Readonly<Record<string, aws.apigatewayv2.Integration>>;
  readonly apiMappings: readonly aws.apigatewayv2.ApiMapping[];

  constructor(name: string, args: HttpApiArgs, opts?: pulumi.ComponentResourceOptions) {
    // Before anything is registered: bad arguments leave no half-built component behind.
    checkHttpApiArgs(args);
    super("gateway:http-api:HttpApi", name, {}, opts);
    const tags = { ...args.tags };

    this.api = new aws.apigatewayv2.Api(
      `${name}-api`,
      {
        name: args.name,
        description: args.description,
        protocolType: "HTTP",
        ...(args.cors ? { corsConfiguration: corsConfiguration(args.cors) } : {}),
        disableExecuteApiEndpoint: args.disableExecuteApiEndpoint ?? false,
        tags,
      },
      { parent: this },
    );

    this.vpcLink = args.vpcLink ? this.createVpcLink(name, args, args.vpcLink, tags) : undefined;

    this.authorizer = args.jwt
      ? new aws.apigatewayv2.Authorizer(
          `${name}-jwt`,
          {
            apiId: this.api.id,
            name: `${args.name}-jwt`,
            ...jwtAuthorizerConfig(args.jwt),
          },
          { parent: this },
        )
      : undefined;

    const { integrations, routes } = this.createRoutes(name, args.routes);
    this.integrations = integrations;
    this.routes = routes;
    this.permissions = this.createPermissions(name, args.routes);

    // HTTP APIs write access logs through their service-linked role: no account-level role is needed.
    this.logGroup = new aws.cloudwatch.LogGroup(
      `${name}-access-logs`,
      {
        name: httpAccessLogGroupName(args.name),
        retentionInDays: args.logRetentionDays ?? DEFAULT_HTTP_API_LOG_RETENTION_DAYS,
        kmsKeyId: args.logsKmsKeyArn,
        tags,
      },
      { parent: this },
    );

    this.stage = this.createStage(name, args, tags);
    this.url = this.stage.invokeUrl;
    this.apiMappings = this.createApiMappings(name, args.domainMappings ?? []);

    this.registerOutputs({ apiId: this.api.id, url: this.url, endpoint: this.api.apiEndpoint });
  }

  /** The VPC link, in the given security groups or else in one it gets here. */
  private createVpcLink(name: string, args: HttpApiArgs, link: HttpApiVpcLink, tags: Record<string, string>): aws.apigatewayv2.VpcLink {
    const linkSecurityGroups = !link.securityGroupIds ? [this.createVpcLinkSecurityGroup(name, args, link).id] : link.securityGroupIds;
    return new aws.apigatewayv2.VpcLink(
      `${name}-vpc-link`,
      {
        name: args.name,
        subnetIds: link.subnetIds,
        securityGroupIds: linkSecurityGroups as pulumi.Input<pulumi.Input<string>[]>,
        tags,
      },
      { parent: this },
    );
  }

  /** The VPC link's own security group: no ingress, egress to the VPC's load balancers only. */
  private createVpcLinkSecurityGroup(name: string, args: HttpApiArgs, link: HttpApiVpcLink): aws.ec2.SecurityGroup {
    if (link.vpcId === undefined || link.vpcCidrBlock === undefined)
      throw new Error("vpcLink: give securityGroupIds, or vpcId and vpcCidrBlock for the group the API creates");
    return new aws.ec2.SecurityGroup(
      `${name}-vpc-link-sg`,
      {
        description: `The ${args.name} VPC link: connections to the private load balancers in the VPC only`,
        vpcId: link.vpcId,
        egress: [{ description: "To the private load balancers", protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: [link.vpcCidrBlock] }],
        tags: { ...args.tags },
      },
      { parent: this },
    );
  }

  /** One integration and one route per route, both by route key. */
  private createRoutes(
    name: string,
    routeConfigs: readonly HttpApiRoute[],
  ): { integrations: Record<string, aws.apigatewayv2.Integration>; routes: Record<string, aws.apigatewayv2.Route> } {
    const integrations: Record<string, aws.apigatewayv2.Integration> = {};
    const routes: Record<string, aws.apigatewayv2.Route> = {};
    for (const route of routeConfigs) {
      const key = routeKey(route);
      const resource = routeResourceName(route);
      const integration = new aws.apigatewayv2.Integration(
        `${name}-integration-${resource}`,
        {
          apiId: this.api.id,
          description: key,
          ...this.integrationInputs(route),
        },
        { parent: this },
      );
      const auth = routeAuthorization(route.authorization, route.scopes);
      routes[key] = new aws.apigatewayv2.Route(
        `${name}-route-${resource}`,
        {
          apiId: this.api.id,
          routeKey: key,
          target: pulumi.interpolate`integrations/${integration.id}`,
          authorizationType: auth.authorizationType,
          ...(auth.usesAuthorizer ? { authorizerId: (this.authorizer as aws.apigatewayv2.Authorizer).id } : {}),
          ...(auth.authorizationScopes ? { authorizationScopes: auth.authorizationScopes } : {}),
        },
        { parent: this },
      );
      integrations[key] = integration;
    }
    return { integrations, routes };
  }

  /** One invoke permission per function and qualifier the routes target. */
  private createPermissions(name: string, routes: readonly HttpApiRoute[]): aws.lambda.Permission[] {
    return lambdaGrants(routes).map(
      (grant) =>
        new aws.lambda.Permission(
          `${name}-invoke-${grantName(grant)}`,
          {
            action: "lambda:InvokeFunction",
            function: grant.functionName,
            principal: "apigateway.amazonaws.com",
            qualifier: grant.qualifier,
            // Any stage, method and route of this API; one statement per function and qualifier.
            sourceArn: pulumi.interpolate`${this.api.executionArn}/*/*`,
          },
          { parent: this },
        ),
    );
  }

  /** The auto-deployed `$default` stage, with access logs, throttling and detailed metrics, after the routes. */
  private createStage(name: string, args: HttpApiArgs, tags: Record<string, string>): aws.apigatewayv2.Stage {
    return new aws.apigatewayv2.Stage(
      `${name}-stage`,
      {
        apiId: this.api.id,
        name: "$default",
        autoDeploy: true,
        accessLogSettings: { destinationArn: this.logGroup.arn, format: HTTP_ACCESS_LOG_FORMAT },
        defaultRouteSettings: {
          ...(args.throttling ? { throttlingRateLimit: args.throttling.rateLimit, throttlingBurstLimit: args.throttling.burstLimit } : {}),
          detailedMetricsEnabled: true,
        },
        tags,
      },
      { parent: this, dependsOn: Object.values(this.routes) },
    );
  }

  /** The `$default` stage's mapping on each custom domain. */
  private createApiMappings(name: string, mappings: readonly HttpApiDomainMapping[]): aws.apigatewayv2.ApiMapping[] {
    return mappings.map(
      (mapping) =>
        new aws.apigatewayv2.ApiMapping(
          `${name}-mapping-${domainKey(mapping)}${mapping.apiMappingKey ? `/${mapping.apiMappingKey}` : ""}`,
          {
            apiId: this.api.id,
            domainName: mapping.domainName,
            stage: this.stage.name,
            ...(mapping.apiMappingKey ? { apiMappingKey: mapping.apiMappingKey } : {}),
          },
          { parent: this },
        ),
    );
  }

  /** The integration type, URI and connection of a route's target. */
  private integrationInputs(route: HttpApiRoute): Omit<aws.apigatewayv2.IntegrationArgs, "apiId"> {
    const where = `${routeKey(route)}: target`;
    const target = route.target;
    switch (target.kind) {
      case "lambda":
        return {
          integrationType: "AWS_PROXY",
          payloadFormatVersion: "2.0",
          integrationUri: pulumi.output(target.functionArn).apply((arn) => checkedArn(arn, lambdaArnProblem(arn, target.qualifier), `${where}.functionArn`)),
        };
      case "http":
        return { integrationType: "HTTP_PROXY", integrationMethod: route.method, integrationUri: target.url };
      case "private":
        return {
          integrationType: "HTTP_PROXY",
          integrationMethod: route.method,
          connectionType: "VPC_LINK",
          connectionId: target.vpcLinkId ?? (this.vpcLink as aws.apigatewayv2.VpcLink).id,
          integrationUri: pulumi.output(target.listenerArn).apply((arn) => checkedArn(arn, listenerArnProblem(arn), `${where}.listenerArn`)),
        };
    }
  }
}
