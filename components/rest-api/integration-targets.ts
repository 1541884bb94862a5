import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RouteConfig } from "../../config";
import type { LambdaFunction } from "../lambda/function";
import { parseArn, s3GetObjectUri, sqsSendMessageUri, startExecutionUri } from "../integrations/service-uris";
import { trustPolicy } from "../iam/trust-policy";
import { lambdaIntegrationUri } from "./integration-uri";
import { dynamoDbActionUri, dynamoDbPolicy } from "./integrations/dynamodb";
import type { IntegrationOf, IntegrationType, ResolvedBackend } from "./integrations";
import type { RestApiArgs } from "./rest-api";

/**
 * The deployed side of each integration type: what its object needs from the resources the stack
 * created (URIs from their ARNs, the role API Gateway assumes). One entry per type, so a new type
 * without its entry fails to compile; the object itself is built by its module in integrations/,
 * which imports no Pulumi so that the twin can read the objects back.
 */
export interface TargetContext {
  readonly args: RestApiArgs;
  /** The RestApi component: the parent of anything a target creates. */
  readonly parent: pulumi.Resource;
  /** The component's name: the prefix of anything a target creates. */
  readonly name: string;
  readonly route: RouteConfig;
  /** What routes share, by a key of the target's own (a DynamoDB role per table, action and index). */
  readonly shared: Map<string, aws.iam.Role>;
}

type Target<T extends IntegrationType> = (i: IntegrationOf<T>, ctx: TargetContext) => pulumi.Output<ResolvedBackend>;

function created<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`route names ${what}, which was not created`);
  return value;
}

function lambdaTarget(i: IntegrationOf<"lambda" | "lambda_proxy">, { args }: TargetContext): pulumi.Output<ResolvedBackend> {
  const fn: LambdaFunction = created(args.functions[i.function], `function "${i.function}"`);
  const aliasArns = Object.fromEntries(Object.entries(fn.aliases).map(([k, a]) => [k, a.invokeArn]));
  return pulumi
    .all([fn.function.invokeArn, pulumi.all(aliasArns)])
    .apply(([invokeArn, aliases]) => ({ uri: lambdaIntegrationUri({ function: invokeArn, aliases }, i.target) }));
}

const none = () => pulumi.output<ResolvedBackend>({});

/**
 * The role API Gateway assumes for a DynamoDB route: allowed only its action on its table (and the
 * index a Query reads); routes calling the same action on the same table and index share it.
 */
function dynamoDbRole(i: IntegrationOf<"dynamodb">, tableArn: pulumi.Input<string>, { args, parent, name, shared }: TargetContext): aws.iam.Role {
  const key = [i.table, i.action.toLowerCase(), ...(i.index ? [i.index] : [])].join("-");
  const known = shared.get(key);
  if (known) return known;
  const role = new aws.iam.Role(
    `${name}-dynamodb-${key}`,
    {
      description: `Lets API Gateway call ${i.action} on the ${i.table} table${i.index ? ` (index ${i.index})` : ""}`,
      assumeRolePolicy: JSON.stringify(trustPolicy("apigateway.amazonaws.com")),
      inlinePolicies: [
        { name: i.action.toLowerCase(), policy: pulumi.output(tableArn).apply((arn) => JSON.stringify(dynamoDbPolicy(i.action, arn, i.index))) },
      ],
      tags: { ...args.tags },
    },
    { parent },
  );
  shared.set(key, role);
  return role;
}

export const INTEGRATION_TARGETS: { readonly [T in IntegrationType]: Target<T> } = {
  mock: none,
  http: none,
  lambda_proxy: lambdaTarget,
  lambda: lambdaTarget,
  http_proxy: (i, { args }) => {
    if (!i.vpcLink) return none();
    const link = created(args.vpcLinkIds?.[i.vpcLink], `VPC link "${i.vpcLink}"`);
    return pulumi.output(link).apply((vpcLinkId) => ({ vpcLinkId }));
  },
  backend: (i, { args }) => {
    const target = created(args.backends?.[i.backend], `backend "${i.backend}"`);
    return pulumi.all([target.vpcLinkId, target.baseUrl]).apply(([vpcLinkId, uri]) => ({ vpcLinkId, uri }));
  },
  sqs: (i, { args }) => {
    const queue = created(args.queues?.[i.queue], `queue "${i.queue}"`);
    return pulumi.all([queue.queue.arn, queue.apiRole.arn]).apply(([arn, role]) => ({ uri: sqsSendMessageUri(arn), credentials: role }));
  },
  stepfunctions: (i, { args }) => {
    const machine = created(args.stateMachines?.[i.stateMachine], `state machine "${i.stateMachine}"`);
    return pulumi
      .all([machine.stateMachine.arn, machine.apiRole.arn])
      .apply(([arn, role]) => ({ uri: startExecutionUri(arn), credentials: role, stateMachineArn: arn }));
  },
  s3: (i, { args, parent }) => {
    const bucket = created(args.buckets?.[i.bucket], `bucket "${i.bucket}"`);
    const region = aws.getRegionOutput({}, { parent }).region;
    return pulumi
      .all([bucket.bucket.arn, bucket.bucket.bucket, bucket.apiRole.arn, region])
      .apply(([arn, name, role, r]) => ({ uri: s3GetObjectUri(parseArn(arn).partition, r, name, i.objectKey), credentials: role }));
  },
  dynamodb: (i, ctx) => {
    const table = created(ctx.args.tables?.[i.table], `table "${i.table}"`);
    const role = dynamoDbRole(i, table.arn, ctx);
    return pulumi.all([table.arn, table.name, role.arn]).apply(([arn, tableName, credentials]) => {
      const { partition, region } = parseArn(arn);
      return { uri: dynamoDbActionUri(partition, region, i.action), credentials, tableName, partitionKey: table.partitionKey };
    });
  },
};

/** What one route's integration object needs from the deployed resources. */
export function resolveTarget(ctx: TargetContext): pulumi.Output<ResolvedBackend> {
  const i = ctx.route.integration;
  return (INTEGRATION_TARGETS[i.type] as Target<typeof i.type>)(i as IntegrationOf<typeof i.type>, ctx);
}
