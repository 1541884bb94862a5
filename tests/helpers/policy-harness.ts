import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { evaluatePolicies, type PackConfig, type PolicyInput, type Violation } from "../../preview/policy-evaluation";

export interface FakeOptions {
  readonly parentUrn?: string;
  /** Property dependencies: input key → the resources it came from. */
  readonly from?: Readonly<Record<string, readonly PolicyInput[]>>;
}

export const urnOf = (type: string, name: string) => `urn:pulumi:dev::microservice-gateway::${type}::${name}`;

/** A resource as the program would register it. */
export function fake(type: string, name: string, inputs: Record<string, unknown>, opts: FakeOptions = {}): PolicyInput {
  const propertyDependencies = Object.fromEntries(Object.entries(opts.from ?? {}).map(([k, rs]) => [k, rs.map((r) => r.urn)]));
  return {
    urn: urnOf(type, name),
    type,
    name,
    inputs,
    parentUrn: opts.parentUrn,
    providerRef: undefined,
    dependencies: Object.values(propertyDependencies).flat(),
    propertyDependencies,
  };
}

/** Runs one policy as the preview runs the pack; returns its violations. */
export function check(
  policy: ResourceValidationPolicy | StackValidationPolicy,
  resources: readonly PolicyInput[],
  pack: PackConfig = {},
): Promise<Violation[]> {
  return evaluatePolicies([policy], resources, pack);
}

/** Just the messages, for exact assertions. */
export async function messages(
  policy: ResourceValidationPolicy | StackValidationPolicy,
  resources: readonly PolicyInput[],
  pack: PackConfig = {},
): Promise<string[]> {
  return (await check(policy, resources, pack)).map((v) => v.message);
}

/** A REST stage and its `*\/*` method settings, passing every rule; override to break one field. */
export function restStage(
  name = "prod",
  stage: Record<string, unknown> = {},
  settings: Record<string, unknown> = {},
): { stage: PolicyInput; settings: PolicyInput } {
  const stageResource = fake("aws:apigateway/stage:Stage", `api-${name}`, {
    restApi: "a1b2c3d4e5",
    stageName: name,
    deployment: "dep123",
    xrayTracingEnabled: true,
    accessLogSettings: {
      destinationArn: `arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/shop/${name}`,
      format: JSON.stringify({
        requestId: "$context.requestId",
        sourceIp: "$context.identity.sourceIp",
        httpMethod: "$context.httpMethod",
        resourcePath: "$context.resourcePath",
        status: "$context.status",
        responseLatency: "$context.responseLatency",
      }),
    },
    ...stage,
  });
  const settingsResource = fake(
    "aws:apigateway/methodSettings:MethodSettings",
    `api-${name}-settings`,
    {
      restApi: "a1b2c3d4e5",
      stageName: name,
      methodPath: "*/*",
      settings: {
        metricsEnabled: true,
        loggingLevel: "ERROR",
        dataTraceEnabled: false,
        throttlingRateLimit: 100,
        throttlingBurstLimit: 200,
        ...settings,
      },
    },
    { from: { stageName: [stageResource] } },
  );
  return { stage: stageResource, settings: settingsResource };
}
