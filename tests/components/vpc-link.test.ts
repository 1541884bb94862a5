import { installMocks, type MockRecorder } from "../helpers/mocks";
import { baseGateway, parseForStack } from "../helpers/stack-config";

const NLB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/orders-internal/0a1b2c3d4e5f6789";

describe("a private backend through a VPC link", () => {
  let rec: MockRecorder;
  beforeAll(async () => {
    rec = await installMocks({ stack: "dev" });
    const raw = baseGateway() as { vpcLinks?: unknown; routes: unknown[] };
    raw.vpcLinks = { orders: { targetArn: NLB, description: "The orders service's internal NLB" } };
    raw.routes.push({
      method: "ANY",
      path: "/service1/{proxy+}",
      authorization: "iam",
      integration: { type: "http_proxy", url: "http://orders.internal.example.com/{proxy}", vpcLink: "orders" },
    });
    const { createApp } = await import("../../app");
    createApp(parseForStack("dev", raw));
    await rec.settled();
  });

  test("the link targets exactly the one NLB", () => {
    expect(rec.get("aws:apigateway/vpcLink:VpcLink", "vpc-link-orders-link").inputs).toEqual({
      name: "microservice-gateway-dev-orders",
      description: "The orders service's internal NLB",
      targetArn: NLB,
      tags: { project: "microservice-gateway", stack: "dev", environment: "dev", owner: "platform-team" },
    });
  });

  test("the route's HTTP proxy integration connects through it", () => {
    const body = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string);
    expect(body.paths["/service1/{proxy+}"]["x-amazon-apigateway-any-method"]["x-amazon-apigateway-integration"]).toEqual({
      type: "http_proxy",
      httpMethod: "ANY",
      uri: "http://orders.internal.example.com/{proxy}",
      passthroughBehavior: "when_no_match",
      timeoutInMillis: 29000,
      requestParameters: { "integration.request.path.proxy": "method.request.path.proxy" },
      connectionType: "VPC_LINK",
      connectionId: expect.stringMatching(/^vpc-link-orders-link-/),
    });
  });
});
