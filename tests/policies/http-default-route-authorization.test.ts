import { httpDefaultRouteAuthorization as rule } from "../../policies/rules/http-default-route-authorization";
import { check, fake, messages } from "../helpers/policy-harness";

const HTTP_FIX = 'Set authorizationType to "JWT", "AWS_IAM" or "CUSTOM" with an authorizer';
const httpApi = fake("aws:apigatewayv2/api:Api", "http", { name: "shop-http", protocolType: "HTTP" });
const wsApi = fake("aws:apigatewayv2/api:Api", "ws", { name: "shop-ws", protocolType: "WEBSOCKET" });
const route = (name: string, api: ReturnType<typeof fake> | undefined, inputs: Record<string, unknown>) =>
  fake("aws:apigatewayv2/route:Route", name, { apiId: "h1t2t3p4a5", routeKey: "$default", ...inputs }, api ? { from: { apiId: [api] } } : {});

// "$default" (API Gateway developer guide, routes for HTTP APIs): the catch-all for requests that match no other
// route; for WebSocket APIs the fallback for messages no route selection expression matches.
describe("http-default-route-authorization", () => {
  test("passes: an authorized HTTP catch-all, a WebSocket $default, and a route of an API outside the stack", async () => {
    expect(
      await check(rule, [
        httpApi,
        wsApi,
        route("http-default", httpApi, { authorizationType: "JWT", authorizerId: "au1" }),
        route("ws-default", wsApi, { authorizationType: "NONE" }),
        route("orphan", undefined, {}),
      ]),
    ).toEqual([]);
  });

  test("fails: an HTTP API's $default route without authorization", async () => {
    expect(await check(rule, [httpApi, route("catch-all", httpApi, {})])).toEqual([
      {
        policy: "http-default-route-authorization",
        enforcementLevel: "mandatory",
        resource: "aws:apigatewayv2/route:Route::catch-all",
        message: `Route "catch-all" is the catch-all of HTTP API "shop-http" and lets anyone call any path no other route matches (authorizationType is unset). ${HTTP_FIX}, or list "$default" in publicRouteKeys if it is public by design.`,
      },
    ]);
  });

  test("fails: authorization NONE; passes once $default is listed as public", async () => {
    const resources = [httpApi, route("catch-all", httpApi, { authorizationType: "NONE" })];
    expect(await messages(rule, resources)).toEqual([
      `Route "catch-all" is the catch-all of HTTP API "shop-http" and lets anyone call any path no other route matches (authorizationType is "NONE"). ${HTTP_FIX}, or list "$default" in publicRouteKeys if it is public by design.`,
    ]);
    expect(await check(rule, resources, { "http-default-route-authorization": { publicRouteKeys: ["$default"] } })).toEqual([]);
  });
});
