import { installMocks, stableId, type MockRecorder } from "../helpers/mocks";
import { baseGateway, parseForStack } from "../helpers/stack-config";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
/** Pulumi names a table; the mocks do it as `<resource name>-<7 characters>`. */
const tableArn = (key: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${key}-table-${stableId(`${key}-table`, 7)}`;

describe("DynamoDB routes under mocks: one role per table, action and index, allowed only that", () => {
  let rec: MockRecorder;
  beforeAll(async () => {
    rec = await installMocks({ stack: "dev" });
    const raw = baseGateway() as { tables: Record<string, unknown>; routes: Record<string, unknown>[] };
    raw.tables.rooms = { partitionKey: "roomId", indexes: { "owner-index": { partitionKey: "owner" } } };
    const route = (method: string, path: string, integration: Record<string, unknown>) => ({
      method,
      path,
      authorization: "iam",
      integration: { type: "dynamodb", ...integration },
    });
    raw.routes.push(
      route("GET", "/direct/{id}", { table: "items", action: "GetItem" }),
      route("HEAD", "/direct/{id}", { table: "items", action: "GetItem" }),
      route("PUT", "/direct/{id}", { table: "items", action: "PutItem", requestTemplate: "dynamodb-get-item.vtl" }),
      route("GET", "/rooms", { table: "rooms", action: "Query", index: "owner-index", requestTemplate: "dynamodb-get-item.vtl" }),
    );
    const { createApp } = await import("../../app");
    createApp(parseForStack("dev", raw));
    await rec.settled();
  });

  const policyOf = (name: string) => JSON.parse((rec.get("aws:iam/role:Role", name).inputs.inlinePolicies as { policy: string }[])[0]!.policy);

  test("two routes calling GetItem on the items table share its role; PutItem and the Query of an index get their own", () => {
    expect(
      rec
        .ofType("aws:iam/role:Role")
        .filter((r) => r.name.startsWith("api-dynamodb-"))
        .map((r) => r.name)
        .sort(),
    ).toEqual(["api-dynamodb-items-getitem", "api-dynamodb-items-putitem", "api-dynamodb-rooms-query-owner-index"]);
  });

  test("each role: its one action, on its one table (and a Query's index)", () => {
    expect(policyOf("api-dynamodb-items-getitem").Statement).toEqual([{ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: [tableArn("items")] }]);
    expect(policyOf("api-dynamodb-items-putitem").Statement).toEqual([{ Effect: "Allow", Action: ["dynamodb:PutItem"], Resource: [tableArn("items")] }]);
    expect(policyOf("api-dynamodb-rooms-query-owner-index").Statement).toEqual([
      { Effect: "Allow", Action: ["dynamodb:Query"], Resource: [tableArn("rooms"), `${tableArn("rooms")}/index/owner-index`] },
    ]);
    expect(rec.get("aws:iam/role:Role", "api-dynamodb-rooms-query-owner-index").inputs.description).toBe(
      "Lets API Gateway call Query on the rooms table (index owner-index)",
    );
  });

  test("the Query route's object: its action's URI, its role, the rooms table's name and partition key before its template", () => {
    const paths = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string).paths;
    const integration = paths["/rooms"].get["x-amazon-apigateway-integration"];
    expect(integration.uri).toBe(`arn:aws:apigateway:${REGION}:dynamodb:action/Query`);
    expect(integration.credentials).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:role/api-dynamodb-rooms-query-owner-index-`));
    expect(integration.requestTemplates["application/json"].split("\n").slice(0, 2)).toEqual([
      `#set($tableName = "rooms-table-${stableId("rooms-table", 7)}")`,
      '#set($partitionKey = "roomId")',
    ]);
  });
});
