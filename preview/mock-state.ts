import { createHash } from "crypto";

/** The account and region mocked resources live in; ARNs are built as AWS builds them. */
export interface MockEnvironment {
  readonly account: string;
  readonly region: string;
  /** The version number a function with `publish: true` reports. @default "1" */
  readonly lambdaVersion?: string;
}

export const DEFAULT_MOCK_ENVIRONMENT: MockEnvironment = { account: "123456789012", region: "us-east-1" };

type Inputs = Record<string, unknown>;
export interface MockState {
  readonly id: string;
  readonly state: Inputs;
}

/** A stable id of `length` lowercase characters derived from a resource's name. */
export function stableId(name: string, length = 10): string {
  return createHash("sha256").update(name).digest("base64").replace(/[^a-z0-9]/g, "").slice(0, length).padEnd(length, "0");
}

const str = (v: unknown, fallback: string) => (typeof v === "string" && v.length > 0 ? v : fallback);

/** The restApi input is the API's id (mocks resolve a RestApi reference to its id). */
function apiOf(inputs: Inputs): string {
  return str(inputs.restApi, "unknownapi");
}

/** Output properties of a mocked resource, realistic enough for code and policies that parse ARNs. */
export function mockResourceState(type: string, name: string, inputs: Inputs, env: MockEnvironment): MockState {
  const { account, region } = env;
  const apiGatewayExec = (apiId: string) => `arn:aws:execute-api:${region}:${account}:${apiId}`;
  switch (type) {
    case "aws:apigateway/restApi:RestApi": {
      const id = stableId(name);
      return {
        id,
        state: {
          ...inputs,
          rootResourceId: stableId(`${name}-root`, 10),
          arn: `arn:aws:apigateway:${region}::/restapis/${id}`,
          executionArn: apiGatewayExec(id),
          createdDate: "2026-01-01T00:00:00Z",
        },
      };
    }
    case "aws:apigateway/deployment:Deployment": {
      const api = apiOf(inputs);
      const id = stableId(`${name}-${JSON.stringify(inputs.triggers ?? {})}`, 6);
      return { id, state: { ...inputs, executionArn: apiGatewayExec(api), invokeUrl: `https://${api}.execute-api.${region}.amazonaws.com/`, createdDate: "2026-01-01T00:00:00Z" } };
    }
    case "aws:apigateway/stage:Stage": {
      const api = apiOf(inputs);
      const stage = str(inputs.stageName, name);
      return {
        id: `ags-${api}-${stage}`,
        state: {
          ...inputs,
          arn: `arn:aws:apigateway:${region}::/restapis/${api}/stages/${stage}`,
          executionArn: `${apiGatewayExec(api)}/${stage}`,
          invokeUrl: `https://${api}.execute-api.${region}.amazonaws.com/${stage}`,
        },
      };
    }
    case "aws:lambda/function:Function": {
      const fnName = str(inputs.name, `${name}-${stableId(name, 7)}`);
      const arn = `arn:aws:lambda:${region}:${account}:function:${fnName}`;
      const invoke = (a: string) => `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${a}/invocations`;
      const version = inputs.publish === true ? (env.lambdaVersion ?? "1") : "$LATEST";
      return {
        id: fnName,
        state: { ...inputs, name: fnName, arn, invokeArn: invoke(arn), version, qualifiedArn: `${arn}:${version}`, qualifiedInvokeArn: invoke(`${arn}:${version}`) },
      };
    }
    case "aws:lambda/alias:Alias": {
      const fn = str(inputs.functionName, "unknown");
      const arn = `arn:aws:lambda:${region}:${account}:function:${fn}:${str(inputs.name, name)}`;
      return { id: arn, state: { ...inputs, arn, invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations` } };
    }
    case "aws:iam/role:Role": {
      const roleName = str(inputs.name, `${name}-${stableId(name, 7)}`);
      return { id: roleName, state: { ...inputs, name: roleName, arn: `arn:aws:iam::${account}:role/${roleName}`, uniqueId: `AROA${stableId(name, 17).toUpperCase()}` } };
    }
    case "aws:iam/policy:Policy": {
      const policyName = str(inputs.name, `${name}-${stableId(name, 7)}`);
      const arn = `arn:aws:iam::${account}:policy/${policyName}`;
      return { id: arn, state: { ...inputs, name: policyName, arn } };
    }
    case "aws:cloudwatch/logGroup:LogGroup": {
      const groupName = str(inputs.name, `${name}-${stableId(name, 7)}`);
      return { id: groupName, state: { ...inputs, name: groupName, arn: `arn:aws:logs:${region}:${account}:log-group:${groupName}` } };
    }
    case "aws:dynamodb/table:Table": {
      const tableName = str(inputs.name, `${name}-${stableId(name, 7)}`);
      const arn = `arn:aws:dynamodb:${region}:${account}:table/${tableName}`;
      return { id: tableName, state: { ...inputs, name: tableName, arn } };
    }
    case "aws:kms/key:Key": {
      const hex = createHash("sha256").update(name).digest("hex");
      const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
      return { id: keyId, state: { ...inputs, keyId, arn: `arn:aws:kms:${region}:${account}:key/${keyId}` } };
    }
    case "aws:sns/topic:Topic": {
      const topicName = str(inputs.name, `${name}-${stableId(name, 7)}`);
      return { id: `arn:aws:sns:${region}:${account}:${topicName}`, state: { ...inputs, name: topicName, arn: `arn:aws:sns:${region}:${account}:${topicName}` } };
    }
    case "aws:sns/topicSubscription:TopicSubscription": {
      const arn = `${str(inputs.topic, `arn:aws:sns:${region}:${account}:unknown`)}:${stableId(name, 8)}-${stableId(`${name}-s`, 4)}`;
      return { id: arn, state: { ...inputs, arn } };
    }
    case "aws:cloudwatch/metricAlarm:MetricAlarm": {
      const alarmName = str(inputs.name, `${name}-${stableId(name, 7)}`);
      return { id: alarmName, state: { ...inputs, name: alarmName, arn: `arn:aws:cloudwatch:${region}:${account}:alarm:${alarmName}` } };
    }
    case "aws:cloudwatch/dashboard:Dashboard": {
      const dashboardName = str(inputs.dashboardName, name);
      return { id: dashboardName, state: { ...inputs, dashboardArn: `arn:aws:cloudwatch::${account}:dashboard/${dashboardName}` } };
    }
    case "aws:kms/alias:Alias": {
      const aliasName = str(inputs.name, `alias/${name}`);
      return { id: aliasName, state: { ...inputs, arn: `arn:aws:kms:${region}:${account}:${aliasName}` } };
    }
    case "aws:s3/bucket:Bucket": {
      const bucketName = str(inputs.bucket, `${name}-${stableId(name, 7)}`);
      return { id: bucketName, state: { ...inputs, bucket: bucketName, arn: `arn:aws:s3:::${bucketName}`, region } };
    }
    case "aws:acm/certificate:Certificate": {
      const domain = str(inputs.domainName, "example.com");
      const arn = `arn:aws:acm:${region}:${account}:certificate/${stableId(name, 8)}-${stableId(`${name}-2`, 4)}`;
      const domainValidationOptions = [
        { domainName: domain, resourceRecordName: `_${stableId(`${name}-n`, 16)}.${domain}.`, resourceRecordType: "CNAME", resourceRecordValue: `_${stableId(`${name}-v`, 16)}.acm-validations.aws.` },
      ];
      return { id: arn, state: { ...inputs, arn, domainValidationOptions } };
    }
    case "aws:apigateway/domainName:DomainName": {
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
    }
    case "aws:route53/record:Record": {
      const fqdn = str(inputs.name, name).replace(/\.$/, "");
      return { id: `${str(inputs.zoneId, "Z")}_${fqdn}_${str(inputs.type, "A")}`, state: { ...inputs, fqdn } };
    }
    case "aws:ec2/vpcEndpoint:VpcEndpoint": {
      const id = `vpce-${createHash("sha256").update(name).digest("hex").slice(0, 17)}`;
      return { id, state: { ...inputs, arn: `arn:aws:ec2:${region}:${account}:vpc-endpoint/${id}` } };
    }
    case "aws:ec2/securityGroup:SecurityGroup": {
      const id = `sg-${createHash("sha256").update(name).digest("hex").slice(0, 17)}`;
      return { id, state: { ...inputs, arn: `arn:aws:ec2:${region}:${account}:security-group/${id}` } };
    }
    case "aws:sqs/queue:Queue": {
      const queueName = str(inputs.name, `${name}-${stableId(name, 7)}`);
      const url = `https://sqs.${region}.amazonaws.com/${account}/${queueName}`;
      return { id: url, state: { ...inputs, name: queueName, url, arn: `arn:aws:sqs:${region}:${account}:${queueName}` } };
    }
    case "aws:sfn/stateMachine:StateMachine": {
      const machineName = str(inputs.name, `${name}-${stableId(name, 7)}`);
      const arn = `arn:aws:states:${region}:${account}:stateMachine:${machineName}`;
      return { id: arn, state: { ...inputs, name: machineName, arn } };
    }
    case "awsx:ec2:Vpc": {
      // A remote component: under mocks its children never run, so the mock answers its outputs.
      const zones = typeof inputs.numberOfAvailabilityZones === "number" ? inputs.numberOfAvailabilityZones : 3;
      const hex = (label: string) => createHash("sha256").update(`${name}-${label}`).digest("hex").slice(0, 17);
      const subnets = (kind: string) => Array.from({ length: zones }, (_, i) => `subnet-${hex(`${kind}-${i}`)}`);
      return {
        id: "",
        state: { vpcId: `vpc-${hex("vpc")}`, privateSubnetIds: subnets("private"), publicSubnetIds: subnets("public"), isolatedSubnetIds: [] },
      };
    }
    case "aws:lb/loadBalancer:LoadBalancer": {
      const lbName = str(inputs.name, `${name}-${stableId(name, 7)}`).slice(0, 32);
      const kind = inputs.loadBalancerType === "network" ? "net" : "app";
      const hex = createHash("sha256").update(name).digest("hex").slice(0, 16);
      const arn = `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/${kind}/${lbName}/${hex}`;
      const dnsName = `${inputs.internal === true ? "internal-" : ""}${lbName}-${hex.slice(0, 10)}.elb.${region}.amazonaws.com`;
      return { id: arn, state: { ...inputs, name: lbName, arn, arnSuffix: `${kind}/${lbName}/${hex}`, dnsName, zoneId: "Z26RNL4JYFTOTI" } };
    }
    case "aws:lb/targetGroup:TargetGroup": {
      const tgName = str(inputs.name, `${name}-${stableId(name, 7)}`).slice(0, 32);
      const hex = createHash("sha256").update(name).digest("hex").slice(0, 16);
      const arn = `arn:aws:elasticloadbalancing:${region}:${account}:targetgroup/${tgName}/${hex}`;
      return { id: arn, state: { ...inputs, name: tgName, arn, arnSuffix: `targetgroup/${tgName}/${hex}` } };
    }
    case "aws:lb/listener:Listener": {
      const arn = `${str(inputs.loadBalancerArn, "arn:aws:elasticloadbalancing:unknown").replace(":loadbalancer/", ":listener/")}/${stableId(name, 16)}`;
      return { id: arn, state: { ...inputs, arn } };
    }
    case "aws:ecs/cluster:Cluster": {
      const clusterName = str(inputs.name, `${name}-${stableId(name, 7)}`);
      const arn = `arn:aws:ecs:${region}:${account}:cluster/${clusterName}`;
      return { id: arn, state: { ...inputs, name: clusterName, arn } };
    }
    case "aws:ecs/taskDefinition:TaskDefinition": {
      const family = str(inputs.family, name);
      const arn = `arn:aws:ecs:${region}:${account}:task-definition/${family}:1`;
      return { id: family, state: { ...inputs, arn, arnWithoutRevision: `arn:aws:ecs:${region}:${account}:task-definition/${family}`, revision: 1 } };
    }
    case "aws:ecs/service:Service": {
      const serviceName = str(inputs.name, `${name}-${stableId(name, 7)}`);
      const cluster = str(inputs.cluster, `arn:aws:ecs:${region}:${account}:cluster/default`);
      return { id: `${cluster.replace(":cluster/", ":service/")}/${serviceName}`, state: { ...inputs, name: serviceName } };
    }
    case "aws:ec2/launchTemplate:LaunchTemplate": {
      const id = `lt-${createHash("sha256").update(name).digest("hex").slice(0, 17)}`;
      return { id, state: { ...inputs, arn: `arn:aws:ec2:${region}:${account}:launch-template/${id}`, latestVersion: 1, defaultVersion: 1 } };
    }
    case "aws:autoscaling/group:Group": {
      const groupName = str(inputs.name, `${name}-${stableId(name, 7)}`);
      const arn = `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:${stableId(name, 8)}-0000-4000-8000-${stableId(`${name}-g`, 12)}:autoScalingGroupName/${groupName}`;
      return { id: groupName, state: { ...inputs, name: groupName, arn } };
    }
    case "aws:apigatewayv2/api:Api": {
      const id = stableId(name);
      const websocket = inputs.protocolType === "WEBSOCKET";
      return {
        id,
        state: {
          ...inputs,
          arn: `arn:aws:apigateway:${region}::/apis/${id}`,
          executionArn: apiGatewayExec(id),
          apiEndpoint: `${websocket ? "wss" : "https"}://${id}.execute-api.${region}.amazonaws.com`,
        },
      };
    }
    case "aws:apigatewayv2/stage:Stage": {
      const api = str(inputs.apiId, "unknownapi");
      const stage = str(inputs.name, name);
      // The stage does not say its API's protocol: code builds wss:// URLs from the API's apiEndpoint.
      const scheme = "https";
      const path = stage === "$default" ? "" : stage;
      return {
        id: stage,
        state: {
          ...inputs,
          arn: `arn:aws:apigateway:${region}::/apis/${api}/stages/${stage}`,
          executionArn: `${apiGatewayExec(api)}/${stage}`,
          invokeUrl: `${scheme}://${api}.execute-api.${region}.amazonaws.com/${path}`,
        },
      };
    }
    case "aws:apigatewayv2/vpcLink:VpcLink": {
      const id = stableId(name, 6);
      return { id, state: { ...inputs, arn: `arn:aws:apigateway:${region}::/vpclinks/${id}` } };
    }
    case "aws:cognito/userPool:UserPool": {
      const id = `${region}_${stableId(name, 9).replace(/^./, (c) => c.toUpperCase())}`;
      return {
        id,
        state: { ...inputs, arn: `arn:aws:cognito-idp:${region}:${account}:userpool/${id}`, endpoint: `cognito-idp.${region}.amazonaws.com/${id}` },
      };
    }
    case "aws:cognito/userPoolClient:UserPoolClient":
      return { id: stableId(name, 26), state: { ...inputs } };
    case "aws:cognito/resourceServer:ResourceServer": {
      const identifier = str(inputs.identifier, name);
      const scopes = Array.isArray(inputs.scopes) ? (inputs.scopes as { scopeName: string }[]).map((sc) => `${identifier}/${sc.scopeName}`) : [];
      return { id: `${str(inputs.userPoolId, "pool")}|${identifier}`, state: { ...inputs, scopeIdentifiers: scopes } };
    }
    case "aws:lambda/permission:Permission":
      return { id: str(inputs.statementId, `${name}-${stableId(name, 7)}`), state: { ...inputs } };
    default:
      return { id: `${name}-${stableId(name, 7)}`, state: { ...inputs } };
  }
}
