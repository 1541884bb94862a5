import { createHash } from "crypto";

/** The account and region mocked resources live in; ARNs are built as AWS builds them. */
export interface MockEnvironment {
  readonly account: string;
  readonly region: string;
  /** The version number a function with `publish: true` reports. @default "1" */
  readonly lambdaVersion?: string;
}

export const DEFAULT_MOCK_ENVIRONMENT: MockEnvironment = { account: "123456789012", region: "us-east-1" };

/** The configuration the mocks give the SDK (`setAllConfig`): the region, then every value of the stack, strings as they are and the rest as JSON, as the CLI passes them. */
export function mockConfig(config: Readonly<Record<string, unknown>>, region: string): Record<string, string> {
  const all: Record<string, string> = { "aws:region": region };
  for (const [key, value] of Object.entries(config)) all[key] = typeof value === "string" ? value : JSON.stringify(value);
  return all;
}

/** What the program then reads (`pulumi.runtime.allConfig()`): the SDK stores `namespace:config:key`, the older form of a key, as `namespace:key`. */
export function engineConfig(config: Readonly<Record<string, unknown>>, region: string): Record<string, string> {
  const all: Record<string, string> = {};
  for (const [key, value] of Object.entries(mockConfig(config, region))) {
    const colon = key.indexOf(":");
    all[colon > 0 && key.startsWith("config:", colon + 1) ? key.slice(0, colon + 1) + key.slice(colon + 1 + "config:".length) : key] = value;
  }
  return all;
}

type Inputs = Record<string, unknown>;
export interface MockState {
  readonly id: string;
  readonly state: Inputs;
}

/** A stable id of `length` lowercase characters derived from a resource's name. */
export function stableId(name: string, length = 10): string {
  return createHash("sha256")
    .update(name)
    .digest("base64")
    .replace(/[^a-z0-9]/g, "")
    .slice(0, length)
    .padEnd(length, "0");
}

const str = (v: unknown, fallback: string) => (typeof v === "string" && v.length > 0 ? v : fallback);

/** The restApi input is the API's id (mocks resolve a RestApi reference to its id). */
function apiOf(inputs: Inputs): string {
  return str(inputs.restApi, "unknownapi");
}

/** A resource's physical name: its `name`-like input, or the auto-name Pulumi would give it. */
const physicalName = (input: unknown, name: string): string => str(input, `${name}-${stableId(name, 7)}`);

/** The first `length` hex digits of the SHA-256 of `text` (EC2-style ids). */
const hexOf = (text: string, length: number): string => createHash("sha256").update(text).digest("hex").slice(0, length);

const executionArnOf = ({ account, region }: MockEnvironment, apiId: string): string => `arn:aws:execute-api:${region}:${account}:${apiId}`;

/** What a state builder is given: the resource's logical name and inputs, and where it lives. */
interface MockedResource {
  readonly name: string;
  readonly inputs: Inputs;
  readonly env: MockEnvironment;
}

/** The id and output properties of one resource type. */
type StateBuilder = (resource: MockedResource) => MockState;

const API_GATEWAY_STATES: Readonly<Record<string, StateBuilder>> = {
  "aws:apigateway/restApi:RestApi": ({ name, inputs, env }) => {
    const id = stableId(name);
    return {
      id,
      state: {
        ...inputs,
        rootResourceId: stableId(`${name}-root`, 10),
        arn: `arn:aws:apigateway:${env.region}::/restapis/${id}`,
        executionArn: executionArnOf(env, id),
        createdDate: "2026-01-01T00:00:00Z",
      },
    };
  },
  "aws:apigateway/deployment:Deployment": ({ name, inputs, env }) => {
    const api = apiOf(inputs);
    const id = stableId(`${name}-${JSON.stringify(inputs.triggers ?? {})}`, 6);
    return {
      id,
      state: {
        ...inputs,
        executionArn: executionArnOf(env, api),
        invokeUrl: `https://${api}.execute-api.${env.region}.amazonaws.com/`,
        createdDate: "2026-01-01T00:00:00Z",
      },
    };
  },
  "aws:apigateway/stage:Stage": ({ name, inputs, env }) => {
    const api = apiOf(inputs);
    const stage = str(inputs.stageName, name);
    return {
      id: `ags-${api}-${stage}`,
      state: {
        ...inputs,
        arn: `arn:aws:apigateway:${env.region}::/restapis/${api}/stages/${stage}`,
        executionArn: `${executionArnOf(env, api)}/${stage}`,
        invokeUrl: `https://${api}.execute-api.${env.region}.amazonaws.com/${stage}`,
      },
    };
  },
  "aws:apigateway/domainName:DomainName": ({ name, inputs, env: { region } }) => {
    const domain = str(inputs.domainName, name);
    return {
      id: domain,
      state: {
        ...inputs,
        domainName: domain,
        regionalDomainName: `d-${stableId(name, 10)}.execute-api.${region}.amazonaws.com`,
        regionalZoneId: "Z1UJRXOUMOOFQ8",
        cloudfrontDomainName: `d${stableId(name, 13)}.cloudfront.net`,
        cloudfrontZoneId: "Z2FDTNDATAQYW2",
        arn: `arn:aws:apigateway:${region}::/domainnames/${domain}`,
      },
    };
  },
};

const API_GATEWAY_V2_STATES: Readonly<Record<string, StateBuilder>> = {
  "aws:apigatewayv2/api:Api": ({ name, inputs, env }) => {
    const id = stableId(name);
    const websocket = inputs.protocolType === "WEBSOCKET";
    return {
      id,
      state: {
        ...inputs,
        arn: `arn:aws:apigateway:${env.region}::/apis/${id}`,
        executionArn: executionArnOf(env, id),
        apiEndpoint: `${websocket ? "wss" : "https"}://${id}.execute-api.${env.region}.amazonaws.com`,
      },
    };
  },
  "aws:apigatewayv2/stage:Stage": ({ name, inputs, env }) => {
    const api = str(inputs.apiId, "unknownapi");
    const stage = str(inputs.name, name);
    // The stage does not say its API's protocol: code builds wss:// URLs from the API's apiEndpoint.
    const scheme = "https";
    const path = stage === "$default" ? "" : stage;
    return {
      id: stage,
      state: {
        ...inputs,
        arn: `arn:aws:apigateway:${env.region}::/apis/${api}/stages/${stage}`,
        executionArn: `${executionArnOf(env, api)}/${stage}`,
        invokeUrl: `${scheme}://${api}.execute-api.${env.region}.amazonaws.com/${path}`,
      },
    };
  },
  "aws:apigatewayv2/vpcLink:VpcLink": ({ name, inputs, env: { region } }) => {
    const id = stableId(name, 6);
    return { id, state: { ...inputs, arn: `arn:aws:apigateway:${region}::/vpclinks/${id}` } };
  },
};

const LAMBDA_STATES: Readonly<Record<string, StateBuilder>> = {
  "aws:lambda/function:Function": ({ name, inputs, env }) => {
    const { account, region } = env;
    const fnName = physicalName(inputs.name, name);
    const arn = `arn:aws:lambda:${region}:${account}:function:${fnName}`;
    const invoke = (a: string) => `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${a}/invocations`;
    const version = inputs.publish === true ? (env.lambdaVersion ?? "1") : "$LATEST";
    return {
      id: fnName,
      state: {
        ...inputs,
        name: fnName,
        arn,
        invokeArn: invoke(arn),
        version,
        qualifiedArn: `${arn}:${version}`,
        qualifiedInvokeArn: invoke(`${arn}:${version}`),
      },
    };
  },
  "aws:lambda/alias:Alias": ({ name, inputs, env: { account, region } }) => {
    const fn = str(inputs.functionName, "unknown");
    const arn = `arn:aws:lambda:${region}:${account}:function:${fn}:${str(inputs.name, name)}`;
    return { id: arn, state: { ...inputs, arn, invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations` } };
  },
  "aws:lambda/permission:Permission": ({ name, inputs }) => ({ id: str(inputs.statementId, `${name}-${stableId(name, 7)}`), state: { ...inputs } }),
};

const IAM_AND_KMS_STATES: Readonly<Record<string, StateBuilder>> = {
  "aws:iam/role:Role": ({ name, inputs, env: { account } }) => {
    const roleName = physicalName(inputs.name, name);
    return {
      id: roleName,
      state: { ...inputs, name: roleName, arn: `arn:aws:iam::${account}:role/${roleName}`, uniqueId: `AROA${stableId(name, 17).toUpperCase()}` },
    };
  },
  "aws:iam/policy:Policy": ({ name, inputs, env: { account } }) => {
    const policyName = physicalName(inputs.name, name);
    const arn = `arn:aws:iam::${account}:policy/${policyName}`;
    return { id: arn, state: { ...inputs, name: policyName, arn } };
  },
  "aws:kms/key:Key": ({ name, inputs, env: { account, region } }) => {
    const hex = hexOf(name, 64);
    const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    return { id: keyId, state: { ...inputs, keyId, arn: `arn:aws:kms:${region}:${account}:key/${keyId}` } };
  },
  "aws:kms/alias:Alias": ({ name, inputs, env: { account, region } }) => {
    const aliasName = str(inputs.name, `alias/${name}`);
    return { id: aliasName, state: { ...inputs, arn: `arn:aws:kms:${region}:${account}:${aliasName}` } };
  },
};

const OBSERVABILITY_STATES: Readonly<Record<string, StateBuilder>> = {
  "aws:cloudwatch/logGroup:LogGroup": ({ name, inputs, env: { account, region } }) => {
    const groupName = physicalName(inputs.name, name);
    return { id: groupName, state: { ...inputs, name: groupName, arn: `arn:aws:logs:${region}:${account}:log-group:${groupName}` } };
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": ({ name, inputs, env: { account, region } }) => {
    const alarmName = physicalName(inputs.name, name);
    return { id: alarmName, state: { ...inputs, name: alarmName, arn: `arn:aws:cloudwatch:${region}:${account}:alarm:${alarmName}` } };
  },
  "aws:cloudwatch/dashboard:Dashboard": ({ name, inputs, env: { account } }) => {
    const dashboardName = str(inputs.dashboardName, name);
    return { id: dashboardName, state: { ...inputs, dashboardArn: `arn:aws:cloudwatch::${account}:dashboard/${dashboardName}` } };
  },
  "aws:sns/topic:Topic": ({ name, inputs, env: { account, region } }) => {
    const topicName = physicalName(inputs.name, name);
    return { id: `arn:aws:sns:${region}:${account}:${topicName}`, state: { ...inputs, name: topicName, arn: `arn:aws:sns:${region}:${account}:${topicName}` } };
  },
  "aws:sns/topicSubscription:TopicSubscription": ({ name, inputs, env: { account, region } }) => {
    const arn = `${str(inputs.topic, `arn:aws:sns:${region}:${account}:unknown`)}:${stableId(name, 8)}-${stableId(`${name}-s`, 4)}`;
    return { id: arn, state: { ...inputs, arn } };
  },
};

const DATA_AND_INTEGRATION_STATES: Readonly<Record<string, StateBuilder>> = {
  "aws:dynamodb/table:Table": ({ name, inputs, env: { account, region } }) => {
    const tableName = physicalName(inputs.name, name);
    const arn = `arn:aws:dynamodb:${region}:${account}:table/${tableName}`;
    return { id: tableName, state: { ...inputs, name: tableName, arn } };
  },
  "aws:s3/bucket:Bucket": ({ name, inputs, env: { region } }) => {
    const bucketName = physicalName(inputs.bucket, name);
    return { id: bucketName, state: { ...inputs, bucket: bucketName, arn: `arn:aws:s3:::${bucketName}`, region } };
  },
  "aws:sqs/queue:Queue": ({ name, inputs, env: { account, region } }) => {
    const queueName = physicalName(inputs.name, name);
    const url = `https://sqs.${region}.amazonaws.com/${account}/${queueName}`;
    return { id: url, state: { ...inputs, name: queueName, url, arn: `arn:aws:sqs:${region}:${account}:${queueName}` } };
  },
  "aws:sfn/stateMachine:StateMachine": ({ name, inputs, env: { account, region } }) => {
    const machineName = physicalName(inputs.name, name);
    const arn = `arn:aws:states:${region}:${account}:stateMachine:${machineName}`;
    return { id: arn, state: { ...inputs, name: machineName, arn } };
  },
};

const DOMAIN_AND_IDENTITY_STATES: Readonly<Record<string, StateBuilder>> = {
  "aws:acm/certificate:Certificate": ({ name, inputs, env: { account, region } }) => {
    const domain = str(inputs.domainName, "example.com");
    const arn = `arn:aws:acm:${region}:${account}:certificate/${stableId(name, 8)}-${stableId(`${name}-2`, 4)}`;
    const domainValidationOptions = [
      {
        domainName: domain,
        resourceRecordName: `_${stableId(`${name}-n`, 16)}.${domain}.`,
        resourceRecordType: "CNAME",
        resourceRecordValue: `_${stableId(`${name}-v`, 16)}.acm-validations.aws.`,
      },
    ];
    return { id: arn, state: { ...inputs, arn, domainValidationOptions } };
  },
  "aws:route53/record:Record": ({ name, inputs }) => {
    const fqdn = str(inputs.name, name).replace(/\.$/, "");
    return { id: `${str(inputs.zoneId, "Z")}_${fqdn}_${str(inputs.type, "A")}`, state: { ...inputs, fqdn } };
  },
  "aws:cognito/userPool:UserPool": ({ name, inputs, env: { account, region } }) => {
    const id = `${region}_${stableId(name, 9).replace(/^./, (c) => c.toUpperCase())}`;
    return {
      id,
      state: { ...inputs, arn: `arn:aws:cognito-idp:${region}:${account}:userpool/${id}`, endpoint: `cognito-idp.${region}.amazonaws.com/${id}` },
    };
  },
  "aws:cognito/userPoolClient:UserPoolClient": ({ name, inputs }) => ({ id: stableId(name, 26), state: { ...inputs } }),
  "aws:cognito/resourceServer:ResourceServer": ({ name, inputs }) => {
    const identifier = str(inputs.identifier, name);
    const scopes = Array.isArray(inputs.scopes) ? (inputs.scopes as { scopeName: string }[]).map((sc) => `${identifier}/${sc.scopeName}`) : [];
    return { id: `${str(inputs.userPoolId, "pool")}|${identifier}`, state: { ...inputs, scopeIdentifiers: scopes } };
  },
};

const NETWORK_STATES: Readonly<Record<string, StateBuilder>> = {
  "aws:ec2/vpcEndpoint:VpcEndpoint": ({ name, inputs, env: { account, region } }) => {
    const id = `vpce-${hexOf(name, 17)}`;
    return { id, state: { ...inputs, arn: `arn:aws:ec2:${region}:${account}:vpc-endpoint/${id}` } };
  },
  "aws:ec2/securityGroup:SecurityGroup": ({ name, inputs, env: { account, region } }) => {
    const id = `sg-${hexOf(name, 17)}`;
    return { id, state: { ...inputs, arn: `arn:aws:ec2:${region}:${account}:security-group/${id}` } };
  },
  "awsx:ec2:Vpc": ({ name, inputs }) => {
    // A remote component: under mocks its children never run, so the mock answers its outputs.
    const zones = typeof inputs.numberOfAvailabilityZones === "number" ? inputs.numberOfAvailabilityZones : 3;
    const hex = (label: string) => hexOf(`${name}-${label}`, 17);
    const subnets = (kind: string) => Array.from({ length: zones }, (_, i) => `subnet-${hex(`${kind}-${i}`)}`);
    return {
      id: "",
      state: { vpcId: `vpc-${hex("vpc")}`, privateSubnetIds: subnets("private"), publicSubnetIds: subnets("public"), isolatedSubnetIds: [] },
    };
  },
  "aws:lb/loadBalancer:LoadBalancer": ({ name, inputs, env: { account, region } }) => {
    const lbName = physicalName(inputs.name, name).slice(0, 32);
    const kind = inputs.loadBalancerType === "network" ? "net" : "app";
    const hex = hexOf(name, 16);
    const arn = `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/${kind}/${lbName}/${hex}`;
    const dnsName = `${inputs.internal === true ? "internal-" : ""}${lbName}-${hex.slice(0, 10)}.elb.${region}.amazonaws.com`;
    return { id: arn, state: { ...inputs, name: lbName, arn, arnSuffix: `${kind}/${lbName}/${hex}`, dnsName, zoneId: "Z26RNL4JYFTOTI" } };
  },
  "aws:lb/targetGroup:TargetGroup": ({ name, inputs, env: { account, region } }) => {
    const tgName = physicalName(inputs.name, name).slice(0, 32);
    const hex = hexOf(name, 16);
    const arn = `arn:aws:elasticloadbalancing:${region}:${account}:targetgroup/${tgName}/${hex}`;
    return { id: arn, state: { ...inputs, name: tgName, arn, arnSuffix: `targetgroup/${tgName}/${hex}` } };
  },
  "aws:lb/listener:Listener": ({ name, inputs }) => {
    const arn = `${str(inputs.loadBalancerArn, "arn:aws:elasticloadbalancing:unknown").replace(":loadbalancer/", ":listener/")}/${stableId(name, 16)}`;
    return { id: arn, state: { ...inputs, arn } };
  },
};

const COMPUTE_STATES: Readonly<Record<string, StateBuilder>> = {
  "aws:ecs/cluster:Cluster": ({ name, inputs, env: { account, region } }) => {
    const clusterName = physicalName(inputs.name, name);
    const arn = `arn:aws:ecs:${region}:${account}:cluster/${clusterName}`;
    return { id: arn, state: { ...inputs, name: clusterName, arn } };
  },
  "aws:ecs/taskDefinition:TaskDefinition": ({ name, inputs, env: { account, region } }) => {
    const family = str(inputs.family, name);
    const arn = `arn:aws:ecs:${region}:${account}:task-definition/${family}:1`;
    return { id: family, state: { ...inputs, arn, arnWithoutRevision: `arn:aws:ecs:${region}:${account}:task-definition/${family}`, revision: 1 } };
  },
  "aws:ecs/service:Service": ({ name, inputs, env: { account, region } }) => {
    const serviceName = physicalName(inputs.name, name);
    const cluster = str(inputs.cluster, `arn:aws:ecs:${region}:${account}:cluster/default`);
    return { id: `${cluster.replace(":cluster/", ":service/")}/${serviceName}`, state: { ...inputs, name: serviceName } };
  },
  "aws:ec2/launchTemplate:LaunchTemplate": ({ name, inputs, env: { account, region } }) => {
    const id = `lt-${hexOf(name, 17)}`;
    return { id, state: { ...inputs, arn: `arn:aws:ec2:${region}:${account}:launch-template/${id}`, latestVersion: 1, defaultVersion: 1 } };
  },
  "aws:autoscaling/group:Group": ({ name, inputs, env: { account, region } }) => {
    const groupName = physicalName(inputs.name, name);
    const arn = `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:${stableId(name, 8)}-0000-4000-8000-${stableId(`${name}-g`, 12)}:autoScalingGroupName/${groupName}`;
    return { id: groupName, state: { ...inputs, name: groupName, arn } };
  },
};

/** The state builder of each resource type the program creates, by type token. */
const STATE_BUILDERS: Readonly<Record<string, StateBuilder>> = {
  ...API_GATEWAY_STATES,
  ...API_GATEWAY_V2_STATES,
  ...LAMBDA_STATES,
  ...IAM_AND_KMS_STATES,
  ...OBSERVABILITY_STATES,
  ...DATA_AND_INTEGRATION_STATES,
  ...DOMAIN_AND_IDENTITY_STATES,
  ...NETWORK_STATES,
  ...COMPUTE_STATES,
};

/** Any other type: an auto-named id and the inputs as its state. */
const defaultState: StateBuilder = ({ name, inputs }) => ({ id: `${name}-${stableId(name, 7)}`, state: { ...inputs } });

/** Output properties of a mocked resource, realistic enough for code and policies that parse ARNs. */
export function mockResourceState(type: string, name: string, inputs: Inputs, env: MockEnvironment): MockState {
  const build = Object.hasOwn(STATE_BUILDERS, type) ? (STATE_BUILDERS[type] as StateBuilder) : defaultState;
  return build({ name, inputs, env });
}
