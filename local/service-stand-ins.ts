import { createHash, randomUUID } from "crypto";

/**
 * Local stand-ins for the AWS services REST routes integrate with: they check what the services
 * check, record what they accept (the last `historySize` of each kind; older records are dropped and
 * counted) and answer as the services do, with the status the integration responses select on.
 *
 * Limits: SQS SendMessage "The maximum size is 1 MiB or 1,048,576 bytes" (the SendMessage API
 * reference; a queue's `maxMessageSize` may set less), answered as SQS answers a parameter it refuses
 * (400 InvalidParameterValue); Step Functions StartExecution `input` "Length Constraints: Maximum
 * length of 262144" bytes (the StartExecution API reference), answered as a failed constraint
 * (400 ValidationException).
 */

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

/** What a service answered: its HTTP status and its JSON body. */
export interface ServiceAnswer {
  readonly status: number;
  readonly body: unknown;
}

export const SQS_MAX_MESSAGE_BYTES = 1_048_576;
export const SFN_MAX_INPUT_BYTES = 262_144;
export const DEFAULT_HISTORY_SIZE = 1000;

export interface ServiceStandIns {
  /** An SQS `SendMessage` request (form-encoded, as the integration sends it). */
  sendMessage(queue: string, formBody: string): ServiceAnswer;
  /** A Step Functions `StartExecution` request (JSON). */
  startExecution(jsonBody: string): ServiceAnswer;
  /** The last records of each kind, and how many were dropped. */
  recorded(): {
    readonly messages: readonly RecordedMessage[];
    readonly executions: readonly RecordedExecution[];
    readonly dropped: { readonly messages: number; readonly executions: number };
  };
}

export interface StandInOptions {
  /** Records kept per kind. @default 1000 */
  readonly historySize?: number;
  /** Per queue (`<account>/<name>`): its `maxMessageSize`. @default 1 MiB */
  readonly maxMessageBytes?: Readonly<Record<string, number>>;
}

/** A list that keeps its last `size` items and counts the ones it let go. */
function boundedList<T>(size: number): { push(item: T): void; items(): T[]; dropped(): number } {
  const items: T[] = [];
  let dropped = 0;
  return {
    push(item) {
      items.push(item);
      if (items.length > size) {
        items.splice(0, items.length - size);
        dropped++;
      }
    },
    items: () => [...items],
    dropped: () => dropped,
  };
}

const sqsError = (code: string, message: string): ServiceAnswer => ({
  status: 400,
  body: { Error: { Code: code, Message: message, Type: "Sender" }, RequestId: randomUUID() },
});

const sfnError = (type: string, message: string): ServiceAnswer => ({ status: 400, body: { __type: type, message } });

export function createServiceStandIns(options: StandInOptions = {}): ServiceStandIns {
  const historySize = options.historySize ?? DEFAULT_HISTORY_SIZE;
  const messages = boundedList<RecordedMessage>(historySize);
  const executions = boundedList<RecordedExecution>(historySize);
  return {
    sendMessage(queue, formBody) {
      const form = new URLSearchParams(formBody);
      if (form.get("Action") !== "SendMessage") return sqsError("InvalidAction", `The action ${String(form.get("Action"))} is not valid for this endpoint.`);
      const body = form.get("MessageBody");
      if (body === null || body === "") return sqsError("MissingParameter", "The request must contain the parameter MessageBody.");
      const limit = options.maxMessageBytes?.[queue] ?? SQS_MAX_MESSAGE_BYTES;
      const attributes: Record<string, string> = {};
      for (let i = 1; form.has(`MessageAttribute.${i}.Name`); i++)
        attributes[form.get(`MessageAttribute.${i}.Name`) as string] = form.get(`MessageAttribute.${i}.Value.StringValue`) ?? "";
      const size = Buffer.byteLength(body) + Object.entries(attributes).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
      if (size > limit) return sqsError("InvalidParameterValue", `One or more parameters are invalid. Reason: Message must be shorter than ${limit} bytes.`);
      const messageId = randomUUID();
      messages.push({ queue, messageId, body, attributes });
      return {
        status: 200,
        body: {
          SendMessageResponse: {
            SendMessageResult: { MessageId: messageId, MD5OfMessageBody: createHash("md5").update(body).digest("hex") },
            ResponseMetadata: { RequestId: randomUUID() },
          },
        },
      };
    },
    startExecution(jsonBody) {
      let request: { stateMachineArn?: unknown; input?: unknown; name?: unknown };
      try {
        request = JSON.parse(jsonBody) as typeof request;
      } catch {
        return sfnError("SerializationException", "Start of structure or map found where not expected.");
      }
      if (typeof request.stateMachineArn !== "string")
        return sfnError(
          "ValidationException",
          "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
        );
      const input = typeof request.input === "string" ? request.input : "{}";
      if (Buffer.byteLength(input) > SFN_MAX_INPUT_BYTES) {
        return sfnError(
          "ValidationException",
          `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${SFN_MAX_INPUT_BYTES}`,
        );
      }
      const name = typeof request.name === "string" ? request.name : randomUUID();
      const executionArn = request.stateMachineArn.replace(":stateMachine:", ":execution:") + `:${name}`;
      executions.push({ stateMachineArn: request.stateMachineArn, executionArn, name, input });
      return { status: 200, body: { executionArn, startDate: Date.now() / 1000 } };
    },
    recorded: () => ({
      messages: messages.items(),
      executions: executions.items(),
      dropped: { messages: messages.dropped(), executions: executions.dropped() },
    }),
  };
}
