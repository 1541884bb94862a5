import { privateApiPolicy } from "../../components/network/private-api-policy";
import { openMethodResources } from "../../components/access/resource-policy";
import { apiOperations } from "../../components/rest-api/operations";
import { allPolicies } from "../../policies/all";
import { evaluatePolicies } from "../../preview/policy-evaluation";
import { installMocks, outputOf, type MockRecorder } from "../helpers/mocks";
import { baseGateway, parseForStack } from "../helpers/stack-config";

const VPC = "vpc-0a1b2c3d4e5f60718";
const SUBNETS = ["subnet-0a1b2c3d4e5f60718", "subnet-1a1b2c3d4e5f60718"];

describe("a PRIVATE API", () => {
  let rec: MockRecorder;
  beforeAll(async () => {
    rec = await installMocks({ stack: "dev" });
    const raw = baseGateway() as Record<string, unknown>;
    raw.api = { endpointType: "PRIVATE", privateAccess: { vpcId: VPC, subnetIds: SUBNETS } };
    const { createApp } = await import("../../app");
    createApp(parseForStack("dev", raw));
    await rec.settled();
  });

  test("an execute-api interface endpoint without private DNS (public APIs stay reachable from the VPC), HTTPS from the VPC only", () => {
    const sg = rec.get("aws:ec2/securityGroup:SecurityGroup", "private-api-sg");
    expect(sg.inputs).toMatchObject({
      vpcId: VPC,
      ingress: [{ description: "HTTPS from the VPC", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }],
    });
    expect(rec.get("aws:ec2/vpcEndpoint:VpcEndpoint", "private-api-endpoint").inputs).toMatchObject({
      vpcId: VPC,
      serviceName: "com.amazonaws.us-east-1.execute-api",
      vpcEndpointType: "Interface",
      privateDnsEnabled: false,
      subnetIds: SUBNETS,
      securityGroupIds: [expect.stringMatching(/^sg-[0-9a-f]{17}$/)],
    });
  });

  test("the API: PRIVATE through that endpoint, its ids in the document so an overwrite keeps them, its policy admitting only the endpoint", () => {
    const vpce = rec.get("aws:ec2/vpcEndpoint:VpcEndpoint", "private-api-endpoint");
    const api = rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs;
    const id = (api.endpointConfiguration as { vpcEndpointIds: string[] }).vpcEndpointIds[0]!;
    expect(id).toMatch(/^vpce-[0-9a-f]{17}$/);
    expect(api.endpointConfiguration).toEqual({ types: "PRIVATE", vpcEndpointIds: [id] });
    expect(api.putRestApiMode).toBe("overwrite");
    expect(JSON.parse(api.body as string)["x-amazon-apigateway-endpoint-configuration"]).toEqual({ vpcEndpointIds: [id] });
    const cfg = parseForStack("dev", {
      ...(baseGateway() as Record<string, unknown>),
      api: { endpointType: "PRIVATE", privateAccess: { vpcId: VPC, subnetIds: SUBNETS } },
    });
    const open = openMethodResources(apiOperations(cfg.routes, undefined), Object.keys(cfg.stages));
    expect(open.length).toBeGreaterThan(0);
    expect(JSON.parse(api.policy as string)).toEqual(privateApiPolicy(id, open));
    expect(privateApiPolicy(id, open).Statement[0]).toEqual({ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: open });
    expect(privateApiPolicy(id, open).Statement[1]).toEqual({
      Effect: "Deny",
      Principal: "*",
      Action: "execute-api:Invoke",
      Resource: "execute-api:/*",
      Condition: { StringNotEquals: { "aws:SourceVpce": id } },
    });
    expect(vpce.urn).toBeDefined();
  });

  test("the policy pack finds the private API's resource policy", async () => {
    const violations = await evaluatePolicies(allPolicies, rec.resources, {});
    expect(violations.filter((v) => v.policy === "private-api-resource-policy")).toEqual([]);
  });
});

// AWS, "Private REST APIs in API Gateway": with private DNS on, a VPC reaches no public API by its
// execute-api name; without it, clients use {api-id}-{vpce-id}.execute-api.{region}.amazonaws.com.
describe("a PRIVATE API's invoke URLs", () => {
  const evaluate = async (privateDns: boolean | undefined) => {
    const rec = await installMocks({ stack: "dev" });
    const raw = baseGateway() as Record<string, unknown>;
    raw.api = { endpointType: "PRIVATE", privateAccess: { vpcId: VPC, subnetIds: SUBNETS, ...(privateDns === undefined ? {} : { privateDns }) } };
    const { createApp } = await import("../../app");
    const outputs = createApp(parseForStack("dev", raw));
    await rec.settled();
    const apiId = await outputOf(outputs.restApiId);
    const vpce = await outputOf(outputs.vpcEndpointId!);
    return {
      dns: rec.get("aws:ec2/vpcEndpoint:VpcEndpoint", "private-api-endpoint").inputs.privateDnsEnabled,
      url: await outputOf(outputs.invokeUrls.dev!),
      apiId,
      vpce,
    };
  };

  test("by default: no private DNS, the endpoint-specific hostname", async () => {
    const { dns, url, apiId, vpce } = await evaluate(undefined);
    expect([dns, url]).toEqual([false, `https://${apiId}-${vpce}.execute-api.us-east-1.amazonaws.com/dev`]);
  });

  test("privateDns: true: private DNS on the endpoint, the API's own hostname", async () => {
    const { dns, url, apiId } = await evaluate(true);
    expect([dns, url]).toEqual([true, `https://${apiId}.execute-api.us-east-1.amazonaws.com/dev`]);
  });
});
