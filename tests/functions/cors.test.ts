import { corsEnvironment } from "../../components/lambda/cors-environment";
import { corsHeaders, withCorsHeaders } from "../../functions/shared/cors";
import { httpHandler } from "../../functions/shared/handler";
import { HttpError, json } from "../../functions/shared/http";
import { apiGatewayEvent, lambdaContext } from "../helpers/api-gateway-event";
import { captureLogs, type LogCapture } from "./log-capture";

const APP = "https://app.example.com";
// The environment the stack gives the function (components/lambda/cors-environment.ts), read back here.
const env = corsEnvironment({ allowOrigins: [APP, "http://localhost:3000"], exposeHeaders: ["ETag"], allowCredentials: true });

// AWS, "CORS for REST APIs in API Gateway": with a Lambda proxy integration the function returns the
// CORS headers itself. MDN, "Access-Control-Allow-Origin": a listed origin is answered with itself, and
// an answer that depends on the Origin says so with Vary: Origin.
describe("a function's CORS headers", () => {
  test("the environment the stack sets", () => {
    expect(env).toEqual({ CORS_ALLOW_ORIGINS: "https://app.example.com,http://localhost:3000", CORS_EXPOSE_HEADERS: "ETag", CORS_ALLOW_CREDENTIALS: "true" });
    expect(corsEnvironment(undefined)).toEqual({});
  });

  test("a listed origin gets itself, credentials and exposed headers; another, or none, only Vary", () => {
    expect(corsHeaders(APP, env)).toEqual({
      "access-control-allow-origin": APP,
      vary: "Origin",
      "access-control-allow-credentials": "true",
      "access-control-expose-headers": "ETag",
    });
    expect(corsHeaders("https://evil.example.com", env)).toEqual({ vary: "Origin" });
    expect(corsHeaders(undefined, env)).toEqual({ vary: "Origin" });
  });

  test("the * origin answers every caller alike; no CORS, no headers", () => {
    expect(corsHeaders(undefined, corsEnvironment({ allowOrigins: ["*"], exposeHeaders: [], allowCredentials: false }))).toEqual({
      "access-control-allow-origin": "*",
    });
    expect(corsHeaders(APP, {})).toEqual({});
  });

  test("a Vary the route set keeps its names", () => {
    const result = withCorsHeaders({ statusCode: 200, headers: { Vary: "Accept" }, body: "" }, APP, env);
    expect(result.headers).toEqual({
      "access-control-allow-origin": APP,
      vary: "Accept, Origin",
      "access-control-allow-credentials": "true",
      "access-control-expose-headers": "ETag",
    });
  });
});

describe("httpHandler answers with the CORS headers, errors included", () => {
  let logs: LogCapture;
  const saved = { ...process.env };
  beforeEach(() => {
    logs = captureLogs();
    Object.assign(process.env, env);
  });
  afterEach(() => {
    logs.stop();
    for (const name of Object.keys(env)) if (saved[name] === undefined) delete process.env[name];
  });

  test("an answer and an HttpError, for a listed origin (the header's name in any case)", async () => {
    const ok = await httpHandler(async () => json(200, { ok: true }))(
      apiGatewayEvent({ method: "GET", resource: "/x", headers: { origin: APP } }),
      lambdaContext(),
    );
    expect(ok.headers).toEqual({
      "content-type": "application/json",
      "access-control-allow-origin": APP,
      vary: "Origin",
      "access-control-allow-credentials": "true",
      "access-control-expose-headers": "ETag",
    });
    const failed = await httpHandler(async () => {
      throw new HttpError(404, "not_found", "no such item");
    })(apiGatewayEvent({ method: "GET", resource: "/x", headers: { Origin: APP } }), lambdaContext());
    expect([failed.statusCode, failed.headers?.["access-control-allow-origin"], failed.body]).toEqual([
      404,
      APP,
      '{"error":"not_found","message":"no such item"}',
    ]);
  });
});
