import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StageConfig, WebSocketConfig } from "../../config";
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
    const fnOf = (key: string): LambdaFunction => {
      const fn = args.functions[key];
      if (!fn) throw new Error(`the WebSocket API names function "${key}", which was not created`);
      return fn;
    };

    this.api = new aws.apigatewayv2.Api(`${name}-api`, {
      name: cfg.name,
      description: cfg.description,
      protocolType: "WEBSOCKET",
      routeSelectionExpression: "$request.body.action",
      tags,
    }, { parent: this });

    const invokedFunctions = new Set<string>();
    this.authorizer = cfg.authorizer === undefined ? undefined : (() => {
      const fn = fnOf(cfg.authorizer);
      invokedFunctions.add(cfg.authorizer);
      return new aws.apigatewayv2.Authorizer(`${name}-authorizer`, {
        apiId: this.api.id,
        name: `${cfg.name}-connect`,
        authorizerType: "REQUEST",
        authorizerUri: fn.function.invokeArn,
        identitySources: [CONNECT_TOKEN_SOURCE],
      }, { parent: this });
    })();

    const routes: Record<string, aws.apigatewayv2.Route> = {};
    for (const route of cfg.routes) {
      const fn = fnOf(route.function);
      invokedFunctions.add(route.function);
      const slug = route.routeKey.replace(/^\$/, "");
      const integration = new aws.apigatewayv2.Integration(`${name}-${slug}-integration`, {
        apiId: this.api.id,
        integrationType: "AWS_PROXY",
        integrationMethod: "POST",
        integrationUri: fn.function.invokeArn,
        contentHandlingStrategy: "CONVERT_TO_TEXT",
      }, { parent: this });
      const authorized = route.routeKey === "$connect" && this.authorizer !== undefined;
      routes[route.routeKey] = new aws.apigatewayv2.Route(`${name}-${slug}-route`, {
        apiId: this.api.id,
        routeKey: route.routeKey,
        target: pulumi.interpolate`integrations/${integration.id}`,
        authorizationType: authorized ? "CUSTOM" : "NONE",
        ...(authorized && this.authorizer ? { authorizerId: this.authorizer.id } : {}),
      }, { parent: this });
    }
    this.routes = routes;

    // Redeploy whenever a route, its function or the authorizer changes.
    const trigger = pulumi
      .all(cfg.routes.map((r) => fnOf(r.function).function.arn))
      .apply((arns) => documentHash({ routes: cfg.routes, arns, authorizer: cfg.authorizer ?? null }));
    this.deployment = new aws.apigatewayv2.Deployment(`${name}-deployment`, {
      apiId: this.api.id,
      description: pulumi.interpolate`${cfg.name}: routes ${trigger.apply((h) => h.slice(0, 12))}`,
      triggers: { routes: trigger },
    }, { parent: this, dependsOn: Object.values(routes) });

    const stages: Record<string, aws.apigatewayv2.Stage> = {};
    for (const stage of args.stages) {
      const accessLogs = stage.logging.accessLogs
        ? new aws.cloudwatch.LogGroup(`${name}-${stage.name}-access-logs`, {
            name: `/aws/apigateway/${cfg.name}/${stage.name}/access`,
            retentionInDays: stage.logging.retentionDays,
            kmsKeyId: args.logsKmsKeyArn,
            tags,
          }, { parent: this })
        : undefined;
      // API Gateway would create it without retention on the first execution log line.
      const executionLogs = new aws.cloudwatch.LogGroup(`${name}-${stage.name}-execution-logs`, {
        name: this.api.id.apply((id) => websocketExecutionLogGroupName(id, stage.name)),
        retentionInDays: stage.logging.retentionDays,
        kmsKeyId: args.logsKmsKeyArn,
        tags,
      }, { parent: this });
      stages[stage.name] = new aws.apigatewayv2.Stage(`${name}-${stage.name}-stage`, {
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
      }, { parent: this, dependsOn: [executionLogs, ...(args.loggingDependsOn ?? [])] as pulumi.Input<pulumi.Resource>[] });
    }
    this.stages = stages;

    for (const key of invokedFunctions) {
      const fn = fnOf(key);
      new aws.lambda.Permission(`${name}-invoke-${key}`, {
        action: "lambda:InvokeFunction",
        function: fn.function.name,
        principal: "apigateway.amazonaws.com",
        sourceArn: pulumi.interpolate`${this.api.executionArn}/*`,
      }, { parent: this });
    }

    const stageNames = args.stages.map((s) => s.name);
    const methodsByFunction = new Map<string, Set<(typeof cfg.routes)[number]["connections"][number]>>();
    for (const route of cfg.routes) {
      for (const method of route.connections) {
        const set = methodsByFunction.get(route.function) ?? new Set();
        set.add(method);
        methodsByFunction.set(route.function, set);
      }
    }
    this.connectionPolicies = [...methodsByFunction].map(([key, methods]) => {
      const ordered = (["POST", "GET", "DELETE"] as const).filter((m) => methods.has(m));
      return new aws.iam.RolePolicy(`${name}-${key}-connections`, {
        role: fnOf(key).role.id,
        policy: this.api.executionArn.apply((arn) => JSON.stringify(manageConnectionsPolicy(arn, stageNames, ordered))),
      }, { parent: this });
    });

    const region = aws.getRegionOutput({}, { parent: this }).region;
    this.urls = Object.fromEntries(stageNames.map((s) => [s, pulumi.interpolate`${this.api.apiEndpoint}/${s}`]));
    this.callbackUrls = Object.fromEntries(
      stageNames.map((s) => [s, pulumi.interpolate`https://${this.api.id}.execute-api.${region}.amazonaws.com/${s}/@connections`]),
    );
    this.registerOutputs({ apiId: this.api.id, urls: this.urls, callbackUrls: this.callbackUrls });
  }
}
