import { createServiceStandIns, SFN_MAX_INPUT_BYTES, SQS_MAX_MESSAGE_BYTES } from "../../local/service-stand-ins";

/**
 * The stand-ins for SQS and Step Functions check the services' size limits and keep a bounded history.
 * Sources: the SendMessage API reference ("The maximum size is 1 MiB or 1,048,576 bytes"; a parameter
 * SQS refuses is 400 InvalidParameterValue) and the StartExecution API reference (`input`: "Length
 * Constraints: Maximum length of 262144"; a failed constraint is 400 ValidationException).
 */
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe("service stand-ins", () => {
  test("SQS: a message of 1 MiB is accepted; one byte more is 400 InvalidParameterValue", () => {
    const standIns = createServiceStandIns();
    expect(standIns.sendMessage("1/q", form({ Action: "SendMessage", MessageBody: "a".repeat(SQS_MAX_MESSAGE_BYTES) })).status).toBe(200);
    expect(standIns.sendMessage("1/q", form({ Action: "SendMessage", MessageBody: "a".repeat(SQS_MAX_MESSAGE_BYTES + 1) }))).toEqual({
      status: 400,
      body: {
        Error: {
          Code: "InvalidParameterValue",
          Message: "One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.",
          Type: "Sender",
        },
        RequestId: expect.any(String),
      },
    });
  });

  test("SQS: a queue's own maxMessageSize applies; the attributes count toward it", () => {
    const standIns = createServiceStandIns({ maxMessageBytes: { "1/small": 10 } });
    expect(standIns.sendMessage("1/small", form({ Action: "SendMessage", MessageBody: "12345" })).status).toBe(200);
    const withAttribute = form({
      Action: "SendMessage",
      MessageBody: "12345",
      "MessageAttribute.1.Name": "k",
      "MessageAttribute.1.Value.StringValue": "12345",
    });
    expect(standIns.sendMessage("1/small", withAttribute).status).toBe(400);
  });

  test("Step Functions: input of 262144 bytes is accepted; one more is 400 ValidationException", () => {
    const standIns = createServiceStandIns();
    const start = (input: string) => standIns.startExecution(JSON.stringify({ stateMachineArn: "arn:aws:states:us-east-1:1:stateMachine:m", input }));
    expect(start("a".repeat(SFN_MAX_INPUT_BYTES)).status).toBe(200);
    expect(start("a".repeat(SFN_MAX_INPUT_BYTES + 1))).toEqual({
      status: 400,
      body: {
        __type: "ValidationException",
        message: "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144",
      },
    });
  });

  test("the history keeps the last records of each kind and counts the ones it dropped", () => {
    const standIns = createServiceStandIns({ historySize: 3 });
    for (let i = 1; i <= 5; i++) standIns.sendMessage("1/q", form({ Action: "SendMessage", MessageBody: `m${i}` }));
    const recorded = standIns.recorded();
    expect([recorded.messages.map((m) => m.body), recorded.dropped]).toEqual([["m3", "m4", "m5"], { messages: 2, executions: 0 }]);
  });
});
