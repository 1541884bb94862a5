import { REST_ACCESS_LOG_FIELDS } from "../../components/observability/access-log-format";
import { accessLogLine } from "../../local/server-kit";

/** The access-log line: the answer's fields over the request's context, as one object with the context as its prototype would give them. */

const reference = (fields: Readonly<Record<string, string>>, context: Record<string, unknown>, answer: Record<string, unknown> = {}): string => {
  const merged = Object.assign(Object.create(context) as Record<string, unknown>, answer);
  const line: Record<string, string> = {};
  for (const [field, variable] of Object.entries(fields)) {
    if (!variable.startsWith("$context.")) {
      line[field] = variable;
      continue;
    }
    let value: unknown = variable in merged ? merged[variable] : merged;
    if (value === merged)
      for (const key of variable.slice("$context.".length).split("."))
        value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    line[field] = value === undefined || value === null || value === "" ? "-" : String(value);
  }
  return JSON.stringify(line);
};

describe("accessLogLine", () => {
  const context = {
    requestId: 'id "quoted"\n\u2028\ud800',
    identity: { sourceIp: "127.0.0.1", userAgent: null },
    httpMethod: "GET",
    stage: "",
    "$context.flat": "flat value",
  };
  const answer = { status: 200, responseLength: 12, error: { message: "boom", responseType: undefined } };

  test("the REST format: the answer's fields over the request's context, '-' for no value, escapes as JSON.stringify writes them", () => {
    const line = accessLogLine(REST_ACCESS_LOG_FIELDS, context, answer);
    expect(line).toBe(reference(REST_ACCESS_LOG_FIELDS, context, answer));
    expect(JSON.parse(line)).toMatchObject({ requestId: 'id "quoted"\n\u2028\ud800', status: "200", sourceIp: "127.0.0.1" });
  });

  test("literal fields, flat keys, nested paths, and a format whose field names are array indexes (JSON puts those first)", () => {
    const fields = {
      literal: "fixed",
      flat: "$context.flat",
      agent: "$context.identity.userAgent",
      "2": "$context.httpMethod",
      "1": "$context.status",
      stage: "$context.stage",
    };
    expect(accessLogLine(fields, context, answer)).toBe(reference(fields, context, answer));
    expect(accessLogLine(fields, context, answer)).toBe('{"1":"200","2":"GET","literal":"fixed","flat":"flat value","agent":"-","stage":"-"}');
    expect(accessLogLine({}, context)).toBe("{}");
    const plain = { a: "$context.httpMethod", b: "$context.error.message" };
    expect(accessLogLine(plain, context, answer)).toBe('{"a":"GET","b":"boom"}');
    expect(accessLogLine(plain, context)).toBe('{"a":"GET","b":"-"}');
    // A format read from JSON can name `__proto__`: JSON.stringify of the line's object has no such key.
    const proto = JSON.parse('{"__proto__":"$context.httpMethod","a":"$context.stage"}') as Record<string, string>;
    expect(accessLogLine(proto, context)).toBe(reference(proto, context));
    expect(accessLogLine(proto, context)).toBe('{"a":"-"}');
  });
});
