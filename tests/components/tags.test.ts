import { capturedVariants, type CapturedStack } from "../helpers/captured-stack";
import { stackFileGateway } from "../helpers/stack-config";

/** AWS resource types this project creates that take tags; every one must carry the stack's tags. */
const TAGGABLE = new Set([
  "aws:acm/certificate:Certificate",
  "aws:apigateway/apiKey:ApiKey",
  "aws:apigateway/domainName:DomainName",
  "aws:apigateway/clientCertificate:ClientCertificate",
  "aws:apigateway/restApi:RestApi",
  "aws:apigateway/stage:Stage",
  "aws:apigateway/usagePlan:UsagePlan",
  "aws:apigateway/vpcLink:VpcLink",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:dynamodb/table:Table",
  "aws:iam/policy:Policy",
  "aws:iam/role:Role",
  "aws:kms/key:Key",
  "aws:lambda/function:Function",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketObjectv2:BucketObjectv2",
  "aws:sfn/stateMachine:StateMachine",
  "aws:sns/topic:Topic",
  "aws:sqs/queue:Queue",
  "aws:wafv2/webAcl:WebAcl",
  "aws:appautoscaling/target:Target",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:ecs/cluster:Cluster",
  "aws:ecs/service:Service",
  "aws:ecs/taskDefinition:TaskDefinition",
  "aws:lb/listener:Listener",
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:lb/targetGroup:TargetGroup",
  "aws:apigatewayv2/api:Api",
  "aws:apigatewayv2/stage:Stage",
  "aws:apigatewayv2/vpcLink:VpcLink",
  "aws:cognito/userPool:UserPool",
]);

/** Types that take their tags as a list (Auto Scaling groups: each tag also says whether instances inherit it). */
const LIST_TAGGED = new Set(["aws:autoscaling/group:Group"]);

/** Types AWS does not tag (sub-resources and settings). */
const UNTAGGABLE = new Set([
  "aws:acm/certificateValidation:CertificateValidation",
  "aws:apigateway/account:Account",
  "aws:apigateway/basePathMapping:BasePathMapping",
  "aws:route53/record:Record",
  "pulumi:providers:aws",
  "aws:apigateway/deployment:Deployment",
  "aws:apigateway/documentationVersion:DocumentationVersion",
  "aws:apigateway/methodSettings:MethodSettings",
  "aws:apigateway/usagePlanKey:UsagePlanKey",
  "aws:cloudwatch/dashboard:Dashboard",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:kms/alias:Alias",
  "aws:lambda/alias:Alias",
  "aws:lambda/permission:Permission",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:sns/topicSubscription:TopicSubscription",
  "aws:wafv2/webAclAssociation:WebAclAssociation",
  "aws:appautoscaling/policy:Policy",
  "aws:autoscaling/policy:Policy",
  "aws:apigatewayv2/apiMapping:ApiMapping",
  "aws:apigatewayv2/authorizer:Authorizer",
  "aws:apigatewayv2/deployment:Deployment",
  "aws:apigatewayv2/integration:Integration",
  "aws:apigatewayv2/route:Route",
  "aws:cognito/resourceServer:ResourceServer",
  "aws:cognito/userPoolClient:UserPoolClient",
  "aws:cognito/userPoolDomain:UserPoolDomain",
]);

describe("tags", () => {
  let rec: CapturedStack;
  beforeAll(async () => {
    const raw = stackFileGateway("prod") as { observability?: unknown; stages: Record<string, Record<string, unknown>> };
    raw.observability = { alarms: { email: "oncall@example.com" } };
    raw.stages.prod!.cache = { sizeGb: 0.5, invalidators: ["support"] };
    [rec] = (await capturedVariants("prod", [{ gateway: raw }])) as [CapturedStack];
  }, 120_000);

  test("every AWS resource type the stack creates is known to take tags or not", () => {
    const unknown = [...new Set(rec.resources.filter((r) => r.custom).map((r) => r.type))].filter(
      (t) => !TAGGABLE.has(t) && !UNTAGGABLE.has(t) && !LIST_TAGGED.has(t),
    );
    expect(unknown).toEqual([]);
  });

  test("every taggable resource carries project, stack, environment and owner", () => {
    const expected = { project: "microservice-gateway", stack: "prod", environment: "prod", owner: "platform-team" };
    const taggable = rec.resources.filter((r) => TAGGABLE.has(r.type));
    expect(taggable.length).toBeGreaterThan(40);
    for (const r of taggable) expect([r.type, r.name, r.inputs.tags]).toEqual([r.type, r.name, expect.objectContaining(expected)]);
  });

  test("the Auto Scaling group passes the tags on to its instances; the launch template tags instances and volumes", () => {
    const expected = Object.entries({ project: "microservice-gateway", stack: "prod", environment: "prod", owner: "platform-team" });
    const group = rec.get("aws:autoscaling/group:Group", "service2-group");
    expect(group.inputs.tags).toEqual(expect.arrayContaining(expected.map(([key, value]) => ({ key, value, propagateAtLaunch: true }))));
    const template = rec.get("aws:ec2/launchTemplate:LaunchTemplate", "service2-template");
    const specs = template.inputs.tagSpecifications as { resourceType: string; tags: Record<string, string> }[];
    expect(specs.map((t) => t.resourceType)).toEqual(["instance", "volume"]);
    for (const spec of specs) expect(spec.tags).toEqual(expect.objectContaining(Object.fromEntries(expected)));
  });

  test("the awsx VPC (a remote component) is given the tags for everything it creates", () => {
    const vpc = rec.get("awsx:ec2:Vpc", "network-vpc");
    expect(vpc.inputs.tags).toEqual({ project: "microservice-gateway", stack: "prod", environment: "prod", owner: "platform-team" });
  });
});
