import * as aws from "@pulumi/aws";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { StateMachineConfig } from "../../config";
import { STATE_MACHINES_DIR } from "../../config/paths";
import { trustPolicy } from "../iam/trust-policy";
import { singleActionPolicy } from "./service-uris";

/**
 * What the state machine's own role may do: trace with X-Ray, and deliver its logs. CloudWatch Logs'
 * log delivery actions accept only "*" as their resource.
 */
export const STATE_MACHINE_ROLE_POLICY = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"], Resource: "*" },
    {
      Effect: "Allow",
      Action: [
        "logs:CreateLogDelivery",
        "logs:DeleteLogDelivery",
        "logs:DescribeLogGroups",
        "logs:DescribeResourcePolicies",
        "logs:GetLogDelivery",
        "logs:ListLogDeliveries",
        "logs:PutResourcePolicy",
        "logs:UpdateLogDelivery",
      ],
      Resource: "*",
    },
  ],
} as const;

export interface IntegrationStateMachineArgs {
  readonly config: StateMachineConfig;
  /** Retention of the state machine's log group. */
  readonly logRetentionDays: number;
  /** @default undefined: CloudWatch's own key */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A Step Functions state machine a route starts (definition from statemachines/, traced, logging
 * errors), and the role API Gateway assumes to call exactly `states:StartExecution` on it.
 */
export class IntegrationStateMachine extends pulumi.ComponentResource {
  readonly stateMachine: aws.sfn.StateMachine;
  readonly apiRole: aws.iam.Role;

  constructor(name: string, args: IntegrationStateMachineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:integrations:StateMachine", name, {}, opts);
    const cfg = args.config;
    const tags = { ...args.tags };
    const definition = fs.readFileSync(path.join(STATE_MACHINES_DIR, cfg.definition), "utf8");
    JSON.parse(definition); // a broken definition fails here, naming nothing deployed

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        namePrefix: `/aws/vendedlogs/states/${name}-`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logsKmsKeyArn,
        tags,
      },
      { parent: this },
    );
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: `Execution role of the ${cfg.key} state machine`,
        assumeRolePolicy: JSON.stringify(trustPolicy("states.amazonaws.com")),
        inlinePolicies: [{ name: "trace-and-log", policy: JSON.stringify(STATE_MACHINE_ROLE_POLICY) }],
        tags,
      },
      { parent: this },
    );
    this.stateMachine = new aws.sfn.StateMachine(
      `${name}-state-machine`,
      {
        type: cfg.type,
        roleArn: role.arn,
        definition,
        tracingConfiguration: { enabled: true },
        loggingConfiguration: { level: "ERROR", includeExecutionData: false, logDestination: pulumi.interpolate`${logGroup.arn}:*` },
        tags,
      },
      { parent: this },
    );
    this.apiRole = new aws.iam.Role(
      `${name}-apigateway-role`,
      {
        description: `Lets API Gateway start executions of the ${cfg.key} state machine`,
        assumeRolePolicy: JSON.stringify(trustPolicy("apigateway.amazonaws.com")),
        inlinePolicies: [
          { name: "start-execution", policy: this.stateMachine.arn.apply((arn) => JSON.stringify(singleActionPolicy("states:StartExecution", arn))) },
        ],
        tags,
      },
      { parent: this },
    );
    this.registerOutputs({ stateMachineArn: this.stateMachine.arn });
  }
}
