import { routeSelector } from "../../local/websocket-twin";

/**
 * Route selection expressions of a WebSocket API, as AWS documents them:
 * - "Create routes for WebSocket APIs in API Gateway", Route selection expressions
 *   (docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html): for the
 *   message `{"service": "chat", "action": "join", "data": {"room": "room1234"}}`,
 *   `$request.body.action` → `join` (an unwrapped variable), `${request.body.action}` → `join` (a
 *   wrapped variable), `${request.body.service}/${request.body.action}` → `chat/join` (multiple
 *   variables with static values); a message the expression cannot be evaluated against goes to `$default`.
 * - "WebSocket selection expressions"
 *   (docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html):
 *   braces mark a variable's bounds (`"${request.body.version}-beta"`); several variables are evaluated
 *   once, not recursively; `\$` escapes a dollar sign (`"\$default"`, the reserved `$default` key).
 */

const MESSAGE = JSON.stringify({ service: "chat", action: "join", data: { room: "room1234" } });

describe("route selection expressions (websocket-api-develop-routes, apigateway-websocket-api-selection-expressions)", () => {
  it("evaluates an unwrapped and a wrapped variable", () => {
    expect(routeSelector("$request.body.action")(MESSAGE)).toBe("join");
    expect(routeSelector("${request.body.action}")(MESSAGE)).toBe("join");
    expect(routeSelector("${request.body.data.room}")(MESSAGE)).toBe("room1234");
  });

  it("evaluates several variables with static text between them", () => {
    expect(routeSelector("${request.body.service}/${request.body.action}")(MESSAGE)).toBe("chat/join");
    expect(routeSelector("${request.body.action}-beta")(MESSAGE)).toBe("join-beta");
    expect(routeSelector("v1.$request.body.action")(MESSAGE)).toBe("v1.join");
  });

  it("evaluates once: a value that looks like a variable stays text", () => {
    const message = JSON.stringify({ action: "a${request.body.other}", other: "no" });
    expect(routeSelector("${request.body.action}/x")(message)).toBe("a${request.body.other}/x");
  });

  it("takes a static expression as it is, and \\$ as a dollar sign (the reserved key: $default)", () => {
    expect(routeSelector("join")(MESSAGE)).toBe("join");
    expect(routeSelector("join")("not json")).toBe("join");
    expect(routeSelector("\\$default")(MESSAGE)).toBeUndefined();
    expect(routeSelector("price-\\$${request.body.action}")(MESSAGE)).toBe("price-$join");
  });

  it("sends a message the expression cannot be evaluated against to $default (undefined)", () => {
    expect(routeSelector("${request.body.service}/${request.body.action}")("not json")).toBeUndefined();
    expect(routeSelector("${request.body.action}")(JSON.stringify({ service: "chat" }))).toBeUndefined();
  });
});
