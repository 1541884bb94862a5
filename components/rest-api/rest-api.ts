import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ApiConfig, AuthorizerConfig, RouteConfig, StageConfig } from "../../config";
import { mergePolicies, openGrantProblems, openMethodResources, restApiResourcePolicy, type ResourcePolicySettings } from "../access/resource-policy";
import { TEMPLATES_DIR } from "../../config/paths";
import type { LambdaFunction } from "../lambda/function";
import { apiSettingsHash, documentHash } from "./document-hash";
import { grantName, invokeGrants } from "./invoke-permissions";
import * as fs from "fs";
import * as path from "path";
import type { ContentBucket } from "../integrations/content-bucket";
import type { IntegrationQueue } from "../integrations/queue";
import type { IntegrationStateMachine } from "../integrations/state-machine";
import { resolveTarget } from "./integration-targets";
import { templateFiles } from "./integrations";
import { stripHeaderComment } from "../../vtl";
import { privateApiPolicy } from "../network/private-api-policy";
import { buildOpenApiDocument, withVpcEndpoints, type OpenApiDocument } from "./openapi";
import { apiOperations } from "./operations";
import { releaseId } from "./release-id";
import { releasePlan, type ReleasePlan, type ReleaseState } from "../../config/releases";
import { RestStage } from "./stage";

/** How a REST API reaches a private backend: a VPC link to its Network Load Balancer, and the URL the requests name. */
export interface RestBackendTarget {
  readonly vpcLinkId: pulumi.Input<string>;
  /** `http://<load balancer DNS name>:<port>`, without a path. */
  readonly baseUrl: pulumi.Input<string>;
}

/** A table DynamoDB routes call actions on: its name, ARN and partition key attribute. */
export interface RestTableTarget {
  readonly name: pulumi.Input<string>;
  readonly arn: pulumi.Input<string>;
  readonly partitionKey: string;
}

/** The authorizers the routes name: the stack's user pool, and Lambda authorizers by name. */
export interface RestAuthorizers {
  readonly cognitoPoolArn?: pulumi.Input<string>;
  readonly lambda?: Readonly<Record<string, { readonly function: LambdaFunction; readonly config: AuthorizerConfig }>>;
}

export interface RestApiArgs {
  readonly api: ApiConfig;
  readonly routes: readonly RouteConfig[];
  readonly stages: readonly StageConfig[];
  /** The functions routes name, by function key. */
  readonly functions: Readonly<Record<string, LambdaFunction>>;
  /** The queues SQS routes send to, by queue key. @default {} */
  readonly queues?: Readonly<Record<string, IntegrationQueue>>;
  /** VPC link ids HTTP proxy routes reach private backends through, by key. @default {} */
  readonly vpcLinkIds?: Readonly<Record<string, pulumi.Input<string>>>;
  /** The private backends `backend` routes reach, by key: their VPC link and load balancer URL. @default {} */
  readonly backends?: Readonly<Record<string, RestBackendTarget>>;
  /** The authorizers `cognito` and `lambda` routes use. @default {} */
  readonly authorizers?: RestAuthorizers;
  /**
   * The resource policy's settings and the account that owns the API; the document is built from them
   * and the API's methods, merged with the private API's when both apply. @default undefined
   */
  readonly resourcePolicy?: { readonly accountId: pulumi.Input<string>; readonly settings: ResourcePolicySettings };
  /** The tables DynamoDB routes call actions on, by key. @default {} */
  readonly tables?: Readonly<Record<string, RestTableTarget>>;
  /** The buckets S3 routes read, by key. @default {} */
  readonly buckets?: Readonly<Record<string, ContentBucket>>;
  /** Media types passed as binary. @default [] */
  readonly binaryMediaTypes?: readonly string[];
  /** The state machines Step Functions routes start, by key. @default {} */
  readonly stateMachines?: Readonly<Record<string, IntegrationStateMachine>>;
  /** Tags for the API and its stages. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** The KMS key that encrypts the stages' log groups. @default undefined */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** For a PRIVATE API, the VPC endpoint it is reached through. @default undefined */
  readonly vpcEndpointId?: pulumi.Input<string>;
  /**
   * Whether that endpoint has private DNS; without it, invoke URLs use the endpoint-specific name
   * `{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com` (AWS, "Invoke a private API"). @default false
   */
  readonly privateDns?: boolean;
  /** Give the stages a client certificate for their HTTP backends. @default false */
  readonly clientCertificate?: boolean;
  /** What must exist before stages switch on execution logging (the account's CloudWatch role). @default [] */
  readonly loggingDependsOn?: pulumi.Input<pulumi.Resource>[];
  /** The release each canary stage serves (see `config/releases.ts`). @default {} */
  readonly releases?: ReleaseState;
}

/**
 * An OpenAPI-first REST API: one document as the API body, a deployment replaced whenever the
 * document changes, the stages, and one invoke permission per function and reachable alias.
 */
export class RestApi extends pulumi.ComponentResource {
  readonly api: aws.apigateway.RestApi;
  /** The deployment of the release the config makes. */
  readonly deployment: aws.apigateway.Deployment;
  /** Every deployment the stack keeps, by release id: the config's, and the ones stages and canaries serve or may return to. */
  readonly deployments: Readonly<Record<string, aws.apigateway.Deployment>>;
  /** The release the config makes (see `releaseId`). */
  readonly releaseId: string;
  readonly documentationVersion: aws.apigateway.DocumentationVersion;
  /** The certificate HTTP backends can verify calls with, when enabled. */
  readonly clientCertificate: aws.apigateway.ClientCertificate | undefined;
  readonly stages: Readonly<Record<string, RestStage>>;
  /** The stages' `aws.apigateway.Stage` resources, by stage name. */
  readonly stageResources: Readonly<Record<string, aws.apigateway.Stage>>;
  readonly permissions: readonly aws.lambda.Permission[];
  /** The OpenAPI document set as the API body, as JSON. */
  readonly document: pulumi.Output<string>;
  /** A deployment trigger: a hash of the document. */
  readonly documentHash: pulumi.Output<string>;
  /** A deployment trigger: a hash of the API settings outside the document that a deployment snapshots. */
  readonly apiSettingsHash: pulumi.Output<string>;
  readonly invokeUrls: Readonly<Record<string, pulumi.Output<string>>>;
  /** Each deployed stage's document as API Gateway exports it (OpenAPI 3 with its extensions). */
  readonly exportedDocuments: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: RestApiArgs, opts?: pulumi.ComponentResourceOptions) {
    const templates = loadTemplates(args.routes);
    const release = releaseIdOf(args, templates);
    const plan = releasePlan(release, args.stages, args.releases ?? {});
    // Recorded as the component's inputs: `npm run release` reads them from the program run under mocks.
    super("gateway:rest-api:RestApi", name, { releaseId: release, stages: plan.stages }, opts);
    this.releaseId = release;
    const tags = args.tags ?? {};

    const document = this.openApiDocument(name, args, templates);
    this.document = document.apply((d) => JSON.stringify(d));
    this.documentHash = document.apply((d) => documentHash(d));
    const policy = resourcePolicy(args);
    this.apiSettingsHash = pulumi
      .output(policy)
      .apply((p) => apiSettingsHash({ policy: p, binaryMediaTypes: args.binaryMediaTypes ?? [], endpointType: args.api.endpointType }));
    this.api = this.createApi(name, args, policy, tags);

    this.deployments = Object.fromEntries(plan.releases.map((id) => [id, this.releaseDeployment(name, args, id, id === release)]));
    this.deployment = this.deployments[release] as aws.apigateway.Deployment;
    this.documentationVersion = this.createDocumentationVersion(name, args);
    this.clientCertificate = this.createClientCertificate(name, args, tags);

    this.stages = this.createStages(name, args, plan, tags);
    this.stageResources = Object.fromEntries(Object.entries(this.stages).map(([k, s]) => [k, s.stage]));
    this.permissions = this.createInvokePermissions(name, args);
    this.createAuthorizerPermissions(name, args);
    this.invokeUrls = this.stageInvokeUrls(args);
    this.exportedDocuments = this.stageExports();
    this.registerOutputs({ id: this.api.id, releaseId: release, documentHash: this.documentHash, invokeUrls: this.invokeUrls });
  }

  /** The OpenAPI document: the routes' integrations (which may create their roles), authorizers and VPC endpoint. */
  private openApiDocument(name: string, args: RestApiArgs, templates: Readonly<Record<string, string>>): pulumi.Output<OpenApiDocument> {
    const shared = new Map<string, aws.iam.Role>();
    const backends = args.routes.map((route) => resolveTarget({ args, parent: this, name, route, shared }));
    const lambdaAuthorizers = Object.fromEntries(
      Object.entries(args.authorizers?.lambda ?? {}).map(([authName, a]) => [
        authName,
        a.function.function.invokeArn.apply((authorizerUri) => ({
          kind: a.config.type,
          authorizerUri,
          identitySource: [...a.config.identitySources],
          resultTtlSeconds: a.config.resultTtlSeconds,
        })),
      ]),
    );
    const documentAuthorizers = pulumi
      .all([pulumi.output(args.authorizers?.cognitoPoolArn), pulumi.all(lambdaAuthorizers)])
      .apply(([cognitoPoolArn, lambda]) => ({ ...(cognitoPoolArn ? { cognitoPoolArn } : {}), lambda }));
    return pulumi
      .all([pulumi.all(backends), documentAuthorizers, pulumi.output(args.vpcEndpointId)])
      .apply(([resolved, auth, endpoint]) =>
        withVpcEndpoints(buildOpenApiDocument(args.api, args.routes, resolved, templates, auth), endpoint ? [endpoint] : []),
      );
  }

  private createApi(
    name: string,
    args: RestApiArgs,
    policy: pulumi.Output<string> | undefined,
    tags: Readonly<Record<string, string>>,
  ): aws.apigateway.RestApi {
    return new aws.apigateway.RestApi(
      `${name}-api`,
      {
        name: args.api.name,
        description: args.api.description,
        body: this.document,
        endpointConfiguration: {
          types: args.api.endpointType,
          ...(args.vpcEndpointId ? { vpcEndpointIds: [args.vpcEndpointId] } : {}),
        },
        ...(policy ? { policy } : {}),
        ...(args.binaryMediaTypes && args.binaryMediaTypes.length > 0 ? { binaryMediaTypes: [...args.binaryMediaTypes] } : {}),
        // Nothing but the document survives an update, so a route removed from config is removed from the
        // API; a PRIVATE API's endpoint ids are in the document for that reason.
        putRestApiMode: "overwrite",
        failOnWarnings: true,
        tags,
      },
      { parent: this },
    );
  }

  /** A snapshot of the documentation parts the body imported, one per release; kept as history. */
  private createDocumentationVersion(name: string, args: RestApiArgs): aws.apigateway.DocumentationVersion {
    return new aws.apigateway.DocumentationVersion(
      `${name}-docs-${args.api.version}`,
      {
        restApiId: this.api.id,
        version: args.api.version,
        description: `Documentation of ${args.api.name} ${args.api.version}`,
      },
      { parent: this, retainOnDelete: true },
    );
  }

  private createClientCertificate(name: string, args: RestApiArgs, tags: Readonly<Record<string, string>>): aws.apigateway.ClientCertificate | undefined {
    return args.clientCertificate
      ? new aws.apigateway.ClientCertificate(
          `${name}-client-certificate`,
          {
            description: `Presented by ${args.api.name} to its HTTP backends`,
            tags,
          },
          { parent: this },
        )
      : undefined;
  }

  /** Each stage, serving the release (and canary) the plan gives it. */
  private createStages(name: string, args: RestApiArgs, plan: ReleasePlan, tags: Readonly<Record<string, string>>): Record<string, RestStage> {
    const stages: Record<string, RestStage> = {};
    for (const stage of args.stages) {
      stages[stage.name] = new RestStage(
        `${name}-${stage.name}`,
        {
          restApiId: this.api.id,
          executionArn: this.api.executionArn,
          apiName: args.api.name,
          deploymentId: (this.deployments[plan.stages[stage.name]!.release] as aws.apigateway.Deployment).id,
          canaryDeploymentId: (this.deployments[plan.stages[stage.name]!.canary] as aws.apigateway.Deployment).id,
          release: `release ${plan.stages[stage.name]!.release}`,
          documentationVersion: this.documentationVersion.version,
          clientCertificateId: this.clientCertificate?.id,
          config: stage,
          routes: args.routes,
          tags,
          loggingDependsOn: args.loggingDependsOn ?? [],
          logsKmsKeyArn: args.logsKmsKeyArn,
        },
        { parent: this },
      );
    }
    return stages;
  }

  /** One invoke permission per function and alias the routes reach, scoped to this API. */
  private createInvokePermissions(name: string, args: RestApiArgs): aws.lambda.Permission[] {
    return invokeGrants(args.routes, args.stages).map((grant) => {
      const fn = functionOf(args, grant.function);
      return new aws.lambda.Permission(
        `${name}-invoke-${grantName(grant)}`,
        {
          action: "lambda:InvokeFunction",
          function: fn.function.name,
          principal: "apigateway.amazonaws.com",
          qualifier: grant.qualifier,
          sourceArn: pulumi.interpolate`${this.api.executionArn}/*`,
        },
        { parent: this, dependsOn: grant.qualifier ? [fn.aliases[grant.qualifier] as aws.lambda.Alias] : [] },
      );
    });
  }

  /** API Gateway calls each Lambda authorizer the routes use, from this API only. */
  private createAuthorizerPermissions(name: string, args: RestApiArgs): void {
    const usedAuthorizers = new Set(args.routes.flatMap((r) => (r.authorization === "lambda" && r.authorizer ? [r.authorizer] : [])));
    for (const authName of usedAuthorizers) {
      const a = args.authorizers?.lambda?.[authName];
      if (!a) throw new Error(`routes name the Lambda authorizer "${authName}", which was not created`);
      new aws.lambda.Permission(
        `${name}-authorizer-${authName}`,
        {
          action: "lambda:InvokeFunction",
          function: a.function.function.name,
          principal: "apigateway.amazonaws.com",
          sourceArn: pulumi.interpolate`${this.api.executionArn}/authorizers/*`,
        },
        { parent: this },
      );
    }
  }

  /** Each stage's invoke URL: endpoint-specific for a PRIVATE API reached through an endpoint without private DNS. */
  private stageInvokeUrls(args: RestApiArgs): Record<string, pulumi.Output<string>> {
    const vpcEndpointId = args.vpcEndpointId;
    const endpointSpecific = vpcEndpointId !== undefined && !args.privateDns;
    const region = endpointSpecific ? aws.getRegionOutput({}, { parent: this }).region : undefined;
    return Object.fromEntries(
      Object.entries(this.stages).map(([k, s]) => [
        k,
        endpointSpecific
          ? pulumi.interpolate`https://${this.api.id}-${vpcEndpointId}.execute-api.${region}.amazonaws.com/${s.stage.stageName}`
          : s.stage.invokeUrl,
      ]),
    );
  }

  private stageExports(): Record<string, pulumi.Output<string>> {
    return Object.fromEntries(
      Object.entries(this.stages).map(([k, s]) => [
        k,
        aws.apigateway
          .getExportOutput(
            {
              restApiId: this.api.id,
              stageName: s.stage.stageName,
              exportType: "oas30",
              accepts: "application/json",
              parameters: { extensions: "apigateway" },
            },
            { parent: this },
          )
          .apply((exported) => exported.body),
      ]),
    );
  }

  /**
   * One release's deployment. The config's own is replaced whenever what it snapshots changes; the
   * others are only kept: a deployment snapshots the API when it is created, so leaving it untouched
   * (changes to its triggers and description ignored) keeps the release a stage or canary serves.
   */
  private releaseDeployment(name: string, args: RestApiArgs, id: string, current: boolean): aws.apigateway.Deployment {
    const description = current
      ? this.documentHash.apply((hash) => `${args.api.name}: release ${args.api.version} ${id}, document ${hash.slice(0, 12)}`)
      : `${args.api.name}: release ${id}`;
    return new aws.apigateway.Deployment(
      `${name}-deployment-${id}`,
      {
        restApi: this.api.id,
        description,
        triggers: current ? { documentHash: this.documentHash, apiSettingsHash: this.apiSettingsHash } : {},
      },
      { parent: this, ...(current ? {} : { ignoreChanges: ["triggers", "description"] }) },
    );
  }
}

/** The release the config makes: a hash of everything a deployment snapshots (see `releaseId`). */
function releaseIdOf(args: RestApiArgs, templates: Readonly<Record<string, string>>): string {
  return releaseId({
    api: args.api,
    routes: args.routes,
    templates,
    lambdaAuthorizers: Object.values(args.authorizers?.lambda ?? {}).map((a) => a.config),
    cognito: args.authorizers?.cognitoPoolArn !== undefined,
    resourcePolicy: args.resourcePolicy?.settings,
    binaryMediaTypes: args.binaryMediaTypes ?? [],
    privateApi: args.vpcEndpointId !== undefined,
  });
}

/** The function a route names; throws when it was not created. */
function functionOf(args: RestApiArgs, key: string): LambdaFunction {
  const fn = args.functions[key];
  if (!fn) throw new Error(`route names function "${key}", which was not created`);
  return fn;
}

/** The mapping templates the routes use, without the `##` header comment that documents each file. */
function loadTemplates(routes: readonly RouteConfig[]): Record<string, string> {
  return Object.fromEntries(templateFiles(routes).map((f) => [f, stripHeaderComment(fs.readFileSync(path.join(TEMPLATES_DIR, f), "utf8"))]));
}

/**
 * The API's resource policy, when it has one: the configured one and a PRIVATE API's endpoint-only
 * one, both allowing anonymous callers exactly the methods that are not IAM-authorized. Throws before
 * any resource exists when an open method's resource would also match an IAM-authorized method.
 */
function resourcePolicy(args: RestApiArgs): pulumi.Output<string> | undefined {
  const { vpcEndpointId, resourcePolicy: configured } = args;
  if (!vpcEndpointId && !configured) return undefined;
  const operations = apiOperations(args.routes, args.api.imported);
  const stages = args.stages.map((s) => s.name);
  const problems = openGrantProblems(operations, stages, `${args.api.name}: resource policy`);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const open = openMethodResources(operations, stages);
  return pulumi
    .all([pulumi.output(vpcEndpointId), pulumi.output(configured?.accountId)])
    .apply(([endpoint, accountId]) =>
      JSON.stringify(
        mergePolicies(
          ...(endpoint ? [privateApiPolicy(endpoint, open)] : []),
          ...(configured && accountId ? [restApiResourcePolicy({ accountId, operations, stages, ...configured.settings })] : []),
        ),
      ),
    );
}
