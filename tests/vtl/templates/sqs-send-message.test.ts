import { renderTemplate } from "../../../vtl";

/** The form fields the SQS query API will read from the rendered request. */
const fields = (form: string): Record<string, string> => Object.fromEntries(new URLSearchParams(form));

describe("sqs-send-message.vtl", () => {
  test("the body becomes a form-encoded SendMessage with the request id as a message attribute", () => {
    const body = '{"orderId": 7, "total": 19.5}';
    const output = renderTemplate("sqs-send-message", { body, context: { requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef" } });
    expect(output).toBe(
      "Action=SendMessage&MessageBody=%7B%22orderId%22%3A+7%2C+%22total%22%3A+19.5%7D" +
        "&MessageAttribute.1.Name=requestId&MessageAttribute.1.Value.DataType=String" +
        "&MessageAttribute.1.Value.StringValue=c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    );
    expect(fields(output)).toEqual({
      Action: "SendMessage",
      MessageBody: body,
      "MessageAttribute.1.Name": "requestId",
      "MessageAttribute.1.Value.DataType": "String",
      "MessageAttribute.1.Value.StringValue": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    });
  });

  test("no body sends {} (an empty payload reads as {}); no request id, no attribute", () => {
    expect(renderTemplate("sqs-send-message", {})).toBe("Action=SendMessage&MessageBody=%7B%7D");
    expect(renderTemplate("sqs-send-message", { body: "" })).toBe("Action=SendMessage&MessageBody=%7B%7D");
    expect(renderTemplate("sqs-send-message", { body: "{}", context: { requestId: "r-1" } })).toBe(
      "Action=SendMessage&MessageBody=%7B%7D&MessageAttribute.1.Name=requestId&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=r-1",
    );
  });

  test("characters that mean something in a form (& = + %), spaces, quotes, newlines and unicode survive", () => {
    const body = `a & b = c + 50% "q" it's \\ <x>\n\u00e9\u{1F600}~*`;
    const output = renderTemplate("sqs-send-message", { body, context: { requestId: "id with space&=" } });
    expect(output).toBe(
      "Action=SendMessage&MessageBody=a+%26+b+%3D+c+%2B+50%25+%22q%22+it%27s+%5C+%3Cx%3E%0A%C3%A9%F0%9F%98%80%7E*" +
        "&MessageAttribute.1.Name=requestId&MessageAttribute.1.Value.DataType=String" +
        "&MessageAttribute.1.Value.StringValue=id+with+space%26%3D",
    );
    expect(fields(output).MessageBody).toBe(body);
    expect(fields(output)["MessageAttribute.1.Value.StringValue"]).toBe("id with space&=");
  });

  test("the output has no trailing newline (it would end up in the last value)", () => {
    expect(renderTemplate("sqs-send-message", { body: "x", context: { requestId: "r" } }).endsWith("StringValue=r")).toBe(true);
  });
});
