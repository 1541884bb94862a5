import { createHash, randomUUID } from "crypto";

export interface RecordedMessage {
  /** `<account>/<queue name>`, as the integration URI names the queue. */
  readonly queue: string;
  readonly messageId: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface RecordedExecution {
  readonly stateMachineArn: string;
  readonly executionArn: string;
  readonly name: string;
  readonly input: string;
}

/** Local stand-ins for the AWS services REST routes integrate with: they record, and answer as the services do. */
export interface ServiceStandIns {
  /** An SQS `SendMessage` request (form-encoded, as the integration sends it) → SQS's JSON answer. */
  sendMessage(queue: string, formBody: string): unknown;
  /** A Step Functions `StartExecution` request (JSON) → its answer. */
  startExecution(jsonBody: string): unknown;
  recorded(): { readonly messages: readonly RecordedMessage[]; readonly executions: readonly RecordedExecution[] };
}

export function createServiceStandIns(): ServiceStandIns {
  const messages: RecordedMessage[] = [];
  const executions: RecordedExecution[] = [];
  return {
    sendMessage(queue, formBody) {
      const form = new URLSearchParams(formBody);
      if (form.get("Action") !== "SendMessage") throw new Error(`SQS: expected Action=SendMessage, got ${JSON.stringify(form.get("Action"))}`);
      const body = form.get("MessageBody");
      if (body === null) throw new Error("SQS: MessageBody is required");
      const attributes: Record<string, string> = {};
      for (let i = 1; form.has(`MessageAttribute.${i}.Name`); i++) attributes[form.get(`MessageAttribute.${i}.Name`) as string] = form.get(`MessageAttribute.${i}.Value.StringValue`) ?? "";
      const messageId = randomUUID();
      messages.push({ queue, messageId, body, attributes });
      return {
        SendMessageResponse: {
          SendMessageResult: { MessageId: messageId, MD5OfMessageBody: createHash("md5").update(body).digest("hex") },
          ResponseMetadata: { RequestId: randomUUID() },
        },
      };
    },
    startExecution(jsonBody) {
      const request = JSON.parse(jsonBody) as { stateMachineArn?: string; input?: string; name?: string };
      if (!request.stateMachineArn) throw new Error("Step Functions: stateMachineArn is required");
      const name = request.name ?? randomUUID();
      const executionArn = request.stateMachineArn.replace(":stateMachine:", ":execution:") + `:${name}`;
      executions.push({ stateMachineArn: request.stateMachineArn, executionArn, name, input: request.input ?? "{}" });
      return { executionArn, startDate: Date.now() / 1000 };
    },
    recorded: () => ({ messages: [...messages], executions: [...executions] }),
  };
}
