import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ConnectionMethod, StageConfig, WebSocketConfig, WebSocketRouteConfig } from "../../config";
import type { LambdaFunction } from "../lambda/function";
import { documentHash } from "../rest-api/document-hash";
import { WEBSOCKET_ACCESS_LOG_FORMAT, manageConnectionsPolicy, websocketExecutionLogGroupName } from "./websocket-policy";

export interface WebSocketApiArgs {
  readonly config: WebSocketConfig;
  /** The stack's stages: each gets a WebSocket stage of the same name, logging and throttling. */
  readonly stages: readonly StageConfig[];
  /** The functions the routes and authorizer name, by key. */
  readonly functions: Readonly<Record<string, LambdaFunction>>;
  /** @default undefined (CloudWatch's own key) */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** What must exist before stages switch on execution logging (the account's CloudWatch role). @default [] */
  readonly loggingDependsOn?: pulumi.Input<pulumi.Resource>[];
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The identity source of the `$connect` authorizer: browsers cannot set headers on a WebSocket upgrade. */
export const CONNECT_TOKEN_SOURCE = "route.request.querystring.token";

/** The function a route or the authorizer names; throws when it was not created. */
function functionOf(functions: WebSocketApiArgs["functions"], key: string): LambdaFunction {
  const fn = functions[key];
  if (!fn) throw new Error(`the WebSocket API names function "${key}", which was not created`);
  return fn;
}

/** The functions the API invokes, by key: the authorizer's first, then the routes', each once. */
function invokedFunctionKeys(cfg: WebSocketConfig): Set<string> {
  return new Set([...(cfg.authorizer === undefined ? [] : [cfg.authorizer]), ...cfg.routes.map((route) => route.function)]);
}

/** The `@connections` methods each function's routes use, by function key, each list in the order POST, GET, DELETE. */
function connectionMethodsByFunction(routes: readonly WebSocketRouteConfig[]): Map<string, ConnectionMethod[]> {
  const methodsByFunction = new Map<string, Set<ConnectionMethod>>();
  for (const route of routes) {
    for (const method of route.connections) {
      const set = methodsByFunction.get(route.function) ?? new Set();
      set.add(method);
      methodsByFunction.set(route.function, set);
    }
  }
  return new Map([...methodsByFunction].map(([key, methods]) => [key, (["POST", "GET", "DELETE"] as const).filter((m) => methods.has(m))]));
}

/**
 * A WebSocket API (API Gateway v2): routes chosen by `$request.body.action`, each a Lambda proxy
 * integration; an optional REQUEST authorizer on `$connect`; a deployment re-created whenever the
 * routes change; one stage per stack stage with JSON access logs, execution logs and throttling;
 * invoke permissions scoped to this API; and, for each function that uses `@connections`, a grant of
 * `execute-api:ManageConnections` on exactly its methods and this API's stages.
 */
export class WebSocketApi extends pulumi.ComponentResource {
  readonly api: aws.apigatewayv2.Api;
  readonly routes: Readonly<Record<string, aws.apigatewayv2.Route>>;
  readonly authorizer: aws.apigatewayv2.Authorizer | undefined;
  readonly deployment: aws.apigatewayv2.Deployment;
  readonly stages: Readonly<Record<string, aws.apigatewayv2.Stage>>;
  readonly connectionPolicies: readonly aws.iam.RolePolicy[];
  /** `wss://…/<stage>` by stage. */
  readonly urls: Readonly<Record<string, pulumi.Output<string>>>;
  /** `https://…/<stage>/@connections` by stage: where backends post to connections. */
  readonly callbackUrls: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: WebSocketApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:websocket-api:WebSocketApi", name, {}, opts);
    const cfg = args.config;
    const tags = { ...args.tags };

    this.api = new aws.apigatewayv2.Api(
      `${name}-api`,
      {
        name: cfg.name,
        description: cfg.description,
        protocolType: "WEBSOCKET",
        routeSelectionExpression: "$request.body.action",
        tags,
      },
      { parent: this },
    );

    this.authorizer = cfg.authorizer === undefined ? undefined : this.createAuthorizer(name, cfg, functionOf(args.functions, cfg.authorizer));
    this.routes = this.createRoutes(name, args);
    this.deployment = this.createDeployment(name, args);
    this.stages = Object.fromEntries(args.stages.map((stage) => [stage.name, this.createStage(name, args, stage, tags)]));
    this.createInvokePermissions(name, args, invokedFunctionKeys(cfg));

    const stageNames = args.stages.map((s) => s.name);
    this.connectionPolicies = [...connectionMethodsByFunction(cfg.routes)].map(
      ([key, methods]) =>
        new aws.iam.RolePolicy(
          `${name}-${key}-connections`,
          {
            role: functionOf(args.functions, key).role.id,
            policy: this.api.executionArn.apply((arn) => JSON.stringify(manageConnectionsPolicy(arn, stageNames, methods))),
          },
          { parent: this },
        ),
    );

    const region = aws.getRegionOutput({}, { parent: this }).region;
    this.urls = Object.fromEntries(stageNames.map((s) => [s, pulumi.interpolate`${this.api.apiEndpoint}/${s}`]));
    this.callbackUrls = Object.fromEntries(
      stageNames.map((s) => [s, pulumi.interpolate`https://${this.api.id}.execute-api.${region}.amazonaws.com/${s}/@connections`]),
    );
    this.registerOutputs({ apiId: this.api.id, urls: this.urls, callbackUrls: this.callbackUrls });
  }

  /** The REQUEST authorizer of `$connect`, reading the token from the query string. */
  private createAuthorizer(name: string, cfg: WebSocketConfig, fn: LambdaFunction): aws.apigatewayv2.Authorizer {
    return new aws.apigatewayv2.Authorizer(
      `${name}-authorizer`,
      {
        apiId: this.api.id,
        name: `${cfg.name}-connect`,
        authorizerType: "REQUEST",
        authorizerUri: fn.function.invokeArn,
        identitySources: [CONNECT_TOKEN_SOURCE],
      },
      { parent: this },
    );
  }

  /** A Lambda proxy integration and a route per route, by route key; `$connect` is authorized when there is an authorizer. */
  private createRoutes(name: string, args: WebSocketApiArgs): Record<string, aws.apigatewayv2.Route> {
    const routes: Record<string, aws.apigatewayv2.Route> = {};
    for (const route of args.config.routes) {
      const fn = functionOf(args.functions, route.function);
      const slug = route.routeKey.replace(/^\$/, "");
      const integration = new aws.apigatewayv2.Integration(
        `${name}-${slug}-integration`,
        {
          apiId: this.api.id,
          integrationType: "AWS_PROXY",
          integrationMethod: "POST",
          integrationUri: fn.function.invokeArn,
          contentHandlingStrategy: "CONVERT_TO_TEXT",
        },
        { parent: this },
      );
      const authorized = route.routeKey === "$connect" && this.authorizer !== undefined;
      routes[route.routeKey] = new aws.apigatewayv2.Route(
        `${name}-${slug}-route`,
        {
          apiId: this.api.id,
          routeKey: route.routeKey,
          target: pulumi.interpolate`integrations/${integration.id}`,
          authorizationType: authorized ? "CUSTOM" : "NONE",
          ...(authorized && this.authorizer ? { authorizerId: this.authorizer.id } : {}),
        },
        { parent: this },
      );
    }
    return routes;
  }

  /** The deployment, re-created whenever a route, its function or the authorizer changes. */
  private createDeployment(name: string, args: WebSocketApiArgs): aws.apigatewayv2.Deployment {
    const cfg = args.config;
    const trigger = pulumi
      .all(cfg.routes.map((r) => functionOf(args.functions, r.function).function.arn))
      .apply((arns) => documentHash({ routes: cfg.routes, arns, authorizer: cfg.authorizer ?? null }));
    return new aws.apigatewayv2.Deployment(
      `${name}-deployment`,
      {
        apiId: this.api.id,
        description: pulumi.interpolate`${cfg.name}: routes ${trigger.apply((h) => h.slice(0, 12))}`,
        triggers: { routes: trigger },
      },
      { parent: this, dependsOn: Object.values(this.routes) },
    );
  }

  /** One stack stage: its access and execution log groups, and the stage with its logging and throttling. */
  private createStage(name: string, args: WebSocketApiArgs, stage: StageConfig, tags: Record<string, string>): aws.apigatewayv2.Stage {
    const accessLogs = stage.logging.accessLogs
      ? new aws.cloudwatch.LogGroup(
          `${name}-${stage.name}-access-logs`,
          {
            name: `/aws/apigateway/${args.config.name}/${stage.name}/access`,
            retentionInDays: stage.logging.retentionDays,
            kmsKeyId: args.logsKmsKeyArn,
            tags,
          },
          { parent: this },
        )
      : undefined;
    // API Gateway would create it without retention on the first execution log line.
    const executionLogs = new aws.cloudwatch.LogGroup(
      `${name}-${stage.name}-execution-logs`,
      {
        name: this.api.id.apply((id) => websocketExecutionLogGroupName(id, stage.name)),
        retentionInDays: stage.logging.retentionDays,
        kmsKeyId: args.logsKmsKeyArn,
        tags,
      },
      { parent: this },
    );
    return new aws.apigatewayv2.Stage(
      `${name}-${stage.name}-stage`,
      {
        apiId: this.api.id,
        name: stage.name,
        description: stage.description,
        deploymentId: this.deployment.id,
        ...(accessLogs ? { accessLogSettings: { destinationArn: accessLogs.arn, format: WEBSOCKET_ACCESS_LOG_FORMAT } } : {}),
        defaultRouteSettings: {
          loggingLevel: stage.logging.executionLevel,
          dataTraceEnabled: stage.logging.dataTrace,
          detailedMetricsEnabled: stage.logging.metrics,
          throttlingRateLimit: stage.throttling.rateLimit,
          throttlingBurstLimit: stage.throttling.burstLimit,
        },
        tags: { ...tags, ...stage.tags, stage: stage.name },
      },
      { parent: this, dependsOn: [executionLogs, ...(args.loggingDependsOn ?? [])] as pulumi.Input<pulumi.Resource>[] },
    );
  }

  /** One invoke permission per function, scoped to this API. */
  private createInvokePermissions(name: string, args: WebSocketApiArgs, keys: ReadonlySet<string>): void {
    for (const key of keys) {
      const fn = functionOf(args.functions, key);
      new aws.lambda.Permission(
        `${name}-invoke-${key}`,
        {
          action: "lambda:InvokeFunction",
          function: fn.function.name,
          principal: "apigateway.amazonaws.com",
          sourceArn: pulumi.interpolate`${this.api.executionArn}/*`,
        },
        { parent: this },
      );
    }
  }
}
