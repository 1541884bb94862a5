import { parseStackConfig } from "../../config";
import { ALL_FILES_EXIST, baseGateway, configProblems, PROJECT } from "../helpers/stack-config";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The base stack with a table that has an index, and one DynamoDB route the cases break. */
function withRoute(integration: Raw, path = "/items-direct/{id}", method = "GET"): Raw {
  const raw = baseGateway() as Raw;
  raw.tables.rooms = { partitionKey: "roomId", indexes: { "owner-index": { partitionKey: "owner" } } };
  raw.routes.push({ method, path, authorization: "none", integration });
  return raw;
}

describe("a dynamodb integration: config, defaults and checks", () => {
  test("GetItem gets its templates by default; the resolved route names table, action and index", () => {
    const cfg = parseStackConfig({ project: PROJECT, stack: "dev" }, withRoute({ type: "dynamodb", table: "items", action: "GetItem" }), ALL_FILES_EXIST);
    expect(cfg.routes[2]?.integration).toEqual({
      type: "dynamodb",
      table: "items",
      action: "GetItem",
      index: undefined,
      requestTemplate: "dynamodb-get-item.vtl",
      responseTemplate: "dynamodb-item-response.vtl",
    });
  });

  test("a Query of an index, with its own templates", () => {
    const raw = withRoute(
      { type: "dynamodb", table: "rooms", action: "Query", index: "owner-index", requestTemplate: "q.vtl", responseTemplate: "dynamodb-item-response.vtl" },
      "/rooms",
    );
    expect(parseStackConfig({ project: PROJECT, stack: "dev" }, raw, ALL_FILES_EXIST).routes[2]?.integration).toEqual({
      type: "dynamodb",
      table: "rooms",
      action: "Query",
      index: "owner-index",
      requestTemplate: "q.vtl",
      responseTemplate: "dynamodb-item-response.vtl",
    });
  });

  const cases: [string, Raw, string[]][] = [
    [
      "a table that is not in tables",
      { type: "dynamodb", table: "orders", action: "GetItem" },
      ['gateway.routes[2].integration.table: "orders" is not a table in gateway.tables (defined: items, rooms)'],
    ],
    [
      "an action DynamoDB routes do not offer",
      { type: "dynamodb", table: "items", action: "Scan" },
      ['gateway.routes[2].integration.action: "Scan" is not one of GetItem, PutItem, Query'],
    ],
    [
      "an index with GetItem",
      { type: "dynamodb", table: "rooms", action: "GetItem", index: "owner-index", requestTemplate: "g.vtl" },
      ['gateway.routes[2].integration.index: only a Query reads an index (action is "GetItem")'],
    ],
    [
      "an index the table does not have",
      { type: "dynamodb", table: "rooms", action: "Query", index: "name-index", requestTemplate: "q.vtl" },
      ['gateway.routes[2].integration.index: "name-index" is not an index of table "rooms" (indexes: owner-index)'],
    ],
    [
      "a Query without a request template",
      { type: "dynamodb", table: "items", action: "Query" },
      ['gateway.routes[2].integration.requestTemplate: is required for action "Query" (only GetItem has default templates)'],
    ],
    [
      "GetItem's default template on a path without the partition key",
      { type: "dynamodb", table: "rooms", action: "GetItem" },
      [
        'gateway.routes[2].integration: the default GetItem template reads the key from the path parameter {roomId} (the partition key of table "rooms"), which "/items-direct/{id}" has not',
      ],
    ],
    [
      "a template file name that is not a .vtl file",
      { type: "dynamodb", table: "items", action: "PutItem", requestTemplate: "put.json" },
      ['gateway.routes[2].integration.requestTemplate: "put.json" must be a file name in templates/ ending in .vtl'],
    ],
  ];
  test.each(cases)("%s", (_name, integration, expected) => {
    expect(configProblems(withRoute(integration))).toEqual(expected);
  });
});
