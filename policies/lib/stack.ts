import type { PolicyResource } from "@pulumi/policy";
import { read, UNKNOWN } from "./unknown";

/** Pulumi type tokens the rules inspect. */
export const TYPES = {
  restApi: "aws:apigateway/restApi:RestApi",
  restApiPolicy: "aws:apigateway/restApiPolicy:RestApiPolicy",
  stage: "aws:apigateway/stage:Stage",
  methodSettings: "aws:apigateway/methodSettings:MethodSettings",
  method: "aws:apigateway/method:Method",
  integration: "aws:apigateway/integration:Integration",
  requestValidator: "aws:apigateway/requestValidator:RequestValidator",
  usagePlan: "aws:apigateway/usagePlan:UsagePlan",
  account: "aws:apigateway/account:Account",
  domainName: "aws:apigateway/domainName:DomainName",
  v2Api: "aws:apigatewayv2/api:Api",
  v2Stage: "aws:apigatewayv2/stage:Stage",
  v2Route: "aws:apigatewayv2/route:Route",
  v2DomainName: "aws:apigatewayv2/domainName:DomainName",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  lambdaFunction: "aws:lambda/function:Function",
  lambdaPermission: "aws:lambda/permission:Permission",
  lambdaFunctionUrl: "aws:lambda/functionUrl:FunctionUrl",
  iamPolicy: "aws:iam/policy:Policy",
  iamRole: "aws:iam/role:Role",
  iamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
  iamUserPolicy: "aws:iam/userPolicy:UserPolicy",
  iamGroupPolicy: "aws:iam/groupPolicy:GroupPolicy",
  webAcl: "aws:wafv2/webAcl:WebAcl",
  webAclAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
} as const;

export const ofType = (resources: readonly PolicyResource[], type: string): PolicyResource[] => resources.filter((r) => r.type === type);

/** Whether `resource` took input `key` from `target` (a property dependency), the join that survives unknown ids. */
export function dependsThrough(resource: PolicyResource, key: string, target: PolicyResource): boolean {
  return (resource.propertyDependencies[key] ?? []).some((d) => d.urn === target.urn);
}

export interface RestStage {
  readonly stage: PolicyResource;
  readonly name: string;
  /** The MethodSettings resources of this stage, any method path. */
  readonly settings: readonly PolicyResource[];
  /** The stage-wide `*\/*` settings, if any. */
  readonly defaults: PolicyResource | undefined;
}

/**
 * REST stages with their method settings. In Pulumi, logging, metrics, throttling and caching of a
 * stage live on separate MethodSettings resources; they are joined to their stage through the
 * property dependency of `stageName`, or else by equal API id and stage name.
 */
export function restStages(resources: readonly PolicyResource[]): RestStage[] {
  const settings = ofType(resources, TYPES.methodSettings);
  return ofType(resources, TYPES.stage).map((stage) => {
    // Ids unknown during a first preview cannot match anything: only the dependency joins those.
    const sameValue = (s: PolicyResource, key: string) => {
      const a = read(() => s.props[key]);
      const b = read(() => stage.props[key]);
      return a !== undefined && a !== UNKNOWN && a === b;
    };
    const mine = settings.filter((s) => dependsThrough(s, "stageName", stage) || (sameValue(s, "restApi") && sameValue(s, "stageName")));
    const stageName = read(() => stage.props.stageName);
    return {
      stage,
      name: typeof stageName === "string" ? stageName : stage.name,
      settings: mine,
      defaults: mine.find((s) => read(() => s.props.methodPath) === "*/*"),
    };
  });
}

export interface MethodSettingsValues {
  readonly metricsEnabled?: boolean;
  readonly loggingLevel?: string;
  readonly dataTraceEnabled?: boolean;
  readonly throttlingBurstLimit?: number;
  readonly throttlingRateLimit?: number;
  readonly cachingEnabled?: boolean;
  readonly cacheTtlInSeconds?: number;
  readonly cacheDataEncrypted?: boolean;
  readonly requireAuthorizationForCacheControl?: boolean;
  readonly unauthorizedCacheControlHeaderStrategy?: string;
}

export const settingsOf = (methodSettings: PolicyResource): MethodSettingsValues => (methodSettings.props.settings ?? {}) as MethodSettingsValues;

/** A value as it appears in a message. */
export const shown = (value: unknown): string => (value === undefined ? "unset" : JSON.stringify(value));
