import { readTemplateSource, render } from "../../../vtl";

/**
 * The GetItem request of the DynamoDB API reference ("GetItem", Request Syntax: TableName, Key as a map
 * of attribute names to AttributeValue, e.g. {"S": "..."}), as the AWS tutorial "Create a REST API as
 * an Amazon DynamoDB proxy" builds it in a request mapping template.
 */
const prefixed = (tableName: string, partitionKey: string) =>
  `#set($tableName = "${tableName}")\n#set($partitionKey = "${partitionKey}")\n${readTemplateSource("dynamodb-get-item")}`;

describe("dynamodb-get-item.vtl", () => {
  test("the table and key attribute the component sets, the key's value from the path parameter of that name", () => {
    const output = render(prefixed("shop-items", "id"), { pathParameters: { id: "item-7" } });
    expect(output).toBe(`{
  "TableName": "shop-items",
  "Key": {
    "id": {"S": "item-7"}
  }
}
`);
    expect(JSON.parse(output)).toEqual({ TableName: "shop-items", Key: { id: { S: "item-7" } } });
  });

  test("another table's partition key reads its own path parameter", () => {
    expect(JSON.parse(render(prefixed("rooms", "roomId"), { pathParameters: { roomId: "r-1", id: "not this" } }))).toEqual({
      TableName: "rooms",
      Key: { roomId: { S: "r-1" } },
    });
  });

  test("no path parameter, nothing set: empty strings, still JSON (DynamoDB refuses the empty key with a 400)", () => {
    expect(JSON.parse(render(readTemplateSource("dynamodb-get-item"), {}))).toEqual({ TableName: "", Key: { "": { S: "" } } });
  });

  test("quotes, backslashes, single quotes and unicode in the key still give valid JSON with the exact value", () => {
    const id = `it's "7" \\ a/b \u00e9\u{1F600}`;
    expect(JSON.parse(render(prefixed("shop-items", "id"), { pathParameters: { id } }))).toEqual({ TableName: "shop-items", Key: { id: { S: id } } });
  });
});
