import { readTemplateSource, render, renderTemplate } from "../../../vtl";

const arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:orders";

interface StartExecution {
  readonly stateMachineArn: string;
  readonly name?: string;
  readonly input: string;
}

describe("sfn-start-execution.vtl", () => {
  test("builds StartExecution: the stage variable's state machine, the request id as name, the body as a JSON string", () => {
    const body = '{"orderId": 7, "items": [{"sku": "A", "qty": 2}]}';
    const output = renderTemplate("sfn-start-execution", { body, context: { requestId: "r-123" }, stageVariables: { stateMachineArn: arn } });
    expect(output).toBe(`{
  "stateMachineArn": "${arn}",
  "name": "r-123",
  "input": "{\\"orderId\\":7,\\"items\\":[{\\"sku\\":\\"A\\",\\"qty\\":2}]}"
}
`);
    const request = JSON.parse(output) as StartExecution;
    expect(request).toEqual({ stateMachineArn: arn, name: "r-123", input: '{"orderId":7,"items":[{"sku":"A","qty":2}]}' });
    expect(JSON.parse(request.input)).toEqual(JSON.parse(body));
  });

  test("without the stage variable, the $stateMachineArn the caller prepends is used; the stage variable wins over it", () => {
    const prefixed = `#set($stateMachineArn = "${arn}:fallback")\n${readTemplateSource("sfn-start-execution")}`;
    expect((JSON.parse(render(prefixed, {})) as StartExecution).stateMachineArn).toBe(`${arn}:fallback`);
    expect((JSON.parse(render(prefixed, { stageVariables: { stateMachineArn: arn } })) as StartExecution).stateMachineArn).toBe(arn);
  });

  test("no body: input is the string {}; no request id: no name; no state machine: empty", () => {
    const expected = '{\n  "stateMachineArn": "",\n  "input": "{}"\n}\n';
    expect(renderTemplate("sfn-start-execution", {})).toBe(expected);
    expect(renderTemplate("sfn-start-execution", { body: "{}" })).toBe(expected);
  });

  test("quotes, backslashes, slashes, newlines, unicode and single quotes in the body still give valid JSON", () => {
    const doc = { note: `it's "q" \\ a/b <&> 50% + x\ny \u00e9\u{1F600}` };
    const output = renderTemplate("sfn-start-execution", {
      body: JSON.stringify(doc),
      context: { requestId: "r-1" },
      stageVariables: { stateMachineArn: arn },
    });
    expect(output).toBe(`{
  "stateMachineArn": "${arn}",
  "name": "r-1",
  "input": "{\\"note\\":\\"it's \\\\\\"q\\\\\\" \\\\\\\\ a\\/b <&> 50% + x\\\\ny \\u00E9\\uD83D\\uDE00\\"}"
}
`);
    expect(JSON.parse((JSON.parse(output) as StartExecution).input)).toEqual(doc);
  });
});
